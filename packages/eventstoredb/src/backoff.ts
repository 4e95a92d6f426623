/**
 * How a subscription waits between attempts to reconnect: `initialDelayMs`, doubled after each
 * failed attempt up to `maxDelayMs`, for at most `maxAttempts` attempts in a row (then it ends as
 * `dropped`). `sleep` is how it waits; tests pass one that does not.
 */
export interface ReconnectPolicy {
  /** Delay before the first attempt after a drop. Default 200 ms. */
  readonly initialDelayMs?: number;
  /** Longest delay between attempts. Default 30 s. */
  readonly maxDelayMs?: number;
  /** Attempts in a row before giving up; a connection that works (the server confirms the subscription) resets the count. Default: no limit. */
  readonly maxAttempts?: number;
  /** Waits `ms` milliseconds. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Default delay before the first reconnection attempt. */
export const DEFAULT_INITIAL_DELAY_MS = 200;
/** Default longest delay between reconnection attempts. */
export const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * The delay before the `attempt`-th attempt in a row (from 1): exponential, capped.
 *
 * @example
 * backoffDelay({ initialDelayMs: 100, maxDelayMs: 1_000 }, 1); // 100
 * backoffDelay({ initialDelayMs: 100, maxDelayMs: 1_000 }, 5); // 1_000 (1_600 capped)
 */
export const backoffDelay = (policy: ReconnectPolicy, attempt: number): number => {
  const initial = policy.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const max = policy.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  return Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
};
