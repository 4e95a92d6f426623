import type { EventStore, GlobalPosition, Subscription, SubscriptionClosed } from '@packledger/application';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import { ViewBatch } from './apply';
import type { EventDecoder } from './decode';
import type { ReadModelStore } from './read-model-store';
import type { AnyView } from './view';

/** What the runner needs: where events come from, where views go, which views, how to read events. */
export interface ProjectionOptions {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly views: readonly AnyView[];
  readonly decode: EventDecoder;
  /** Events per commit while catching up (default 1,000); live events commit one by one. */
  readonly batchSize?: number;
}

/** Running projections. */
export interface RunningProjections {
  /** Resolves once every event stored before the start is in the views (and committed). */
  readonly caughtUp: Promise<void>;
  /**
   * Resolves once every view has committed the event at `position` (the `position` of a
   * command's outcome): read your own writes.
   */
  reached(position: GlobalPosition): Promise<void>;
  /** Stops after the event in progress, commits what was taken in, and resolves. */
  stop(): Promise<void>;
  /** Settles when the projections stop, saying why; they never stop silently. */
  readonly closed: Promise<SubscriptionClosed>;
}

const prefixesOf = (views: readonly AnyView[]): string[] => [...new Set(views.flatMap((v) => v.streamPrefixes))];

/**
 * Feeds views from a subscription to `$all`: catch-up from the oldest checkpoint of the
 * views, then live. Each view skips events at or before its own checkpoint, so views
 * added later catch up without disturbing the others. A view's documents and its
 * checkpoint are committed together; after a crash, the projections resume after the last
 * commit and count every event once. An event that cannot be decoded stops them (see
 * `closed`): nothing is skipped silently.
 *
 * @example
 * const running = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(codecs) });
 * await running.caughtUp;
 * trackingReport(await readModels.all('credit_pack_tracking') as TrackedPack[], {}, now);
 */
export const startProjections = async (options: ProjectionOptions): Promise<RunningProjections> => {
  const { events, readModels, views, decode } = options;
  const batchSize = options.batchSize ?? 1000;
  const checkpoints = new Map<string, GlobalPosition | undefined>();
  for (const view of views) checkpoints.set(view.name, await readModels.checkpoint(view.name));
  const known = [...checkpoints.values()];
  const from = known.some((c) => c === undefined) ? undefined : known.reduce<bigint | undefined>((min, c) => (min === undefined || (c as bigint) < min ? c : min), undefined);
  const batches = views.map((view) => new ViewBatch(view, readModels));
  let live = false;
  let pending = 0;
  let resolveCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => { resolveCaughtUp = resolve; });

  let lastDelivered: GlobalPosition | undefined = from;
  const waiters: { position: GlobalPosition; resolve: () => void; reject: (e: Error) => void }[] = [];
  const commitAll = async (): Promise<void> => {
    for (const batch of batches) {
      const committed = await batch.commit();
      if (committed !== undefined) checkpoints.set(batch.view.name, committed);
    }
    pending = 0;
    for (const w of waiters.splice(0)) {
      if (lastDelivered !== undefined && w.position <= lastDelivered) w.resolve();
      else waiters.push(w);
    }
  };

  const subscription: Subscription = events.subscribeToAll({ fromPosition: from, filter: { streamPrefixes: prefixesOf(views) } }, async (message) => {
    if (message.kind === 'caught_up') {
      await commitAll();
      live = true;
      // A waiter that arrived during the last catch-up commit is settled now that the runner is live.
      await commitAll();
      resolveCaughtUp();
      return;
    }
    const decoded = decode(message.event);
    // Counted as pending from the moment it is delivered: reached() must not answer while it is being applied.
    lastDelivered = message.event.position;
    pending += 1;
    if (E.isLeft(decoded)) throw new Error(`projections stopped at position ${message.event.position} of ${message.event.stream}: ${decoded.left.message}`);
    const projected = decoded.right;
    for (const batch of batches) {
      const checkpoint = checkpoints.get(batch.view.name);
      if (checkpoint !== undefined && message.event.position <= checkpoint) continue;
      if (projected === undefined || !batch.view.streamPrefixes.some((p) => projected.stream.startsWith(p))) {
        batch.position = message.event.position;
        continue;
      }
      const reading = batch.apply(projected);
      if (reading !== undefined) await reading;
    }
    if (live || pending >= batchSize) await commitAll();
  });

  let closedReason: string | undefined;
  void subscription.closed.then((closed) => {
    closedReason = closed.reason;
    for (const w of waiters.splice(0)) w.reject(new Error(`projections closed (${closed.reason}) before reaching position ${w.position}`));
  });

  return {
    caughtUp,
    reached: (position) =>
      live && pending === 0 && lastDelivered !== undefined && position <= lastDelivered
        ? Promise.resolve()
        : closedReason !== undefined
          ? Promise.reject(new Error(`projections closed (${closedReason}) before reaching position ${position}`))
          : new Promise<void>((resolve, reject) => { waiters.push({ position, resolve, reject }); }),
    closed: subscription.closed,
    stop: async () => {
      await subscription.stop();
      await commitAll();
    },
  };
};

/** Progress of a rebuild. */
export interface RebuildProgress {
  readonly done: number;
  readonly total: number | undefined;
  readonly eventsPerSecond: number;
  readonly elapsedMs: number;
}

/** Options of {@link rebuildViews}. */
export interface RebuildOptions extends ProjectionOptions {
  /** Called every `batchSize` events and at the end. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Number of events to expect, when the caller knows it; otherwise they are counted first. */
  readonly total?: number;
  /** Milliseconds since some fixed point (default `performance.now`); injectable for tests. */
  readonly now?: () => number;
}

/**
 * Rebuild: drops the views and replays every event of their streams from the beginning,
 * committing every `batchSize` events with the checkpoint. The result equals the views
 * built live (a property test proves it). Resolves with the number of events replayed.
 *
 * @example
 * await rebuildViews({ events: store, readModels, views: [creditBalances], decode, onProgress: (p) => console.log(p.done, p.total) });
 */
export const rebuildViews = async (options: RebuildOptions): Promise<number> => {
  const { events, readModels, views, decode } = options;
  const batchSize = options.batchSize ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const filter = { streamPrefixes: prefixesOf(views) };
  let total = options.total;
  if (total === undefined && options.onProgress !== undefined) {
    total = 0;
    for await (const _ of events.readAll({ filter })) total += 1;
  }
  for (const view of views) await readModels.drop(view.name);
  const batches = views.map((view) => new ViewBatch(view, readModels, true));
  const started = now();
  let done = 0;
  const report = () => {
    const elapsedMs = now() - started;
    options.onProgress?.({ done, total, elapsedMs, eventsPerSecond: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0 });
  };
  for await (const recorded of events.readAll({ filter })) {
    const decoded = decode(recorded);
    if (E.isLeft(decoded)) throw new Error(`rebuild stopped at position ${recorded.position} of ${recorded.stream}: ${decoded.left.message}`);
    const projected = decoded.right;
    for (const batch of batches) {
      if (projected !== undefined && batch.view.streamPrefixes.some((p) => projected.stream.startsWith(p))) {
        const reading = batch.apply(projected);
        if (reading !== undefined) await reading;
      } else {
        batch.position = recorded.position;
      }
    }
    done += 1;
    if (done % batchSize === 0) {
      for (const batch of batches) await batch.commit();
      report();
    }
  }
  for (const batch of batches) await batch.commit();
  report();
  return done;
};
