import type { GlobalPosition } from '@packledger/application';

/**
 * The projections' promise of read-your-writes: `RunningProjections` of
 * `@packledger/projections` has it (`reached(position)` resolves once every view has
 * committed the event at `position`).
 */
export interface ReadYourWrites {
  reached(position: GlobalPosition): Promise<void>;
}

/** Default longest wait for the views after an accepted command, in milliseconds. */
export const DEFAULT_VIEWS_TIMEOUT_MS = 5_000;

/**
 * Waits for the views to take in the event at `position`. True once they have (or when
 * there is nothing to wait for); false when there are no projections to wait on, they
 * closed, or `timeoutMs` passed first. Never rejects: the command is recorded either way.
 */
export const waitForViews = (projections: ReadYourWrites | undefined, timeoutMs: number) => async (position: GlobalPosition | undefined): Promise<boolean> => {
  if (projections === undefined) return false;
  if (position === undefined) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([projections.reached(position).then(() => true, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
};
