import type { EventStore, GlobalPosition, SubscriptionClosed } from '@packledger/application';
import {
  InMemoryReadModelStore,
  allViews,
  eventDecoder,
  packledgerStreams,
  rebuildViews,
  startProjections,
  type DocumentChange,
  type Positioned,
  type ReadModelStore,
  type RunningProjections,
} from '@packledger/projections';
import { isDeepStrictEqual } from 'node:util';
import { readAllEvents } from './ledger';
import type { Dice } from './random';

/** The error a {@link crashingReadModels} or {@link tornReadModels} store throws: the projection process died there. */
export class ProjectionKilled extends Error {
  constructor(where: string) {
    super(`projection process killed ${where} (injected)`);
    this.name = 'ProjectionKilled';
  }
}

/** How often a read-model store kills the projection process, per call. */
export interface ReadModelFaults {
  /** In a commit: before it, or after it (the commit is done but the runner never hears so). */
  readonly commitKilled: number;
  /** While reading the documents an event needs (mid-batch). */
  readonly readKilled: number;
}

/**
 * An atomic read-model store (commit is all or nothing) whose process is killed at random
 * points: before a commit, after a commit the runner never hears of, and while reading.
 */
export const crashingReadModels = (inner: ReadModelStore, faults: ReadModelFaults, dice: Dice): ReadModelStore => ({
  get: async (view, ids) => {
    if (dice.chance(faults.readKilled)) throw new ProjectionKilled(`reading ${view}`);
    return inner.get(view, ids);
  },
  commit: async (view, changes, checkpoint) => {
    if (dice.chance(faults.commitKilled / 2)) throw new ProjectionKilled(`before committing ${view}`);
    await inner.commit(view, changes, checkpoint);
    if (dice.chance(faults.commitKilled / 2)) throw new ProjectionKilled(`after committing ${view} at ${checkpoint}`);
  },
  checkpoint: (view) => inner.checkpoint(view),
  all: (view) => inner.all(view),
  drop: (view) => inner.drop(view),
});

/**
 * A read-model store that cannot commit atomically (a document store without
 * transactions): a commit writes the documents one by one, then the checkpoint; the
 * process is killed at random points in between, leaving some documents ahead of the
 * checkpoint. The runner then replays events the documents already hold: views must be
 * idempotent by position for the result to be right.
 */
export const tornReadModels = (faults: ReadModelFaults, dice: Dice): ReadModelStore & { readonly tornCommits: () => number } => {
  const docs = new Map<string, Map<string, Positioned>>();
  const checkpoints = new Map<string, bigint>();
  let torn = 0;
  const viewDocs = (view: string): Map<string, Positioned> => {
    let v = docs.get(view);
    if (v === undefined) {
      v = new Map();
      docs.set(view, v);
    }
    return v;
  };
  return {
    get: async (view, ids) => {
      if (dice.chance(faults.readKilled)) throw new ProjectionKilled(`reading ${view}`);
      const v = viewDocs(view);
      return new Map(ids.flatMap((id) => {
        const doc = v.get(id);
        return doc === undefined ? [] : [[id, doc] as const];
      }));
    },
    commit: async (view, changes: readonly DocumentChange[], checkpoint) => {
      const v = viewDocs(view);
      const killAt = dice.chance(faults.commitKilled) ? dice.int(0, changes.length) : undefined;
      for (let i = 0; i < changes.length; i++) {
        if (i === killAt) {
          torn += 1;
          throw new ProjectionKilled(`after writing ${i} of ${changes.length} documents of ${view}, before its checkpoint`);
        }
        const c = changes[i] as DocumentChange;
        // A copy through JSON, as a real store keeps it: no later change to the object reaches the stored document.
        if (c.doc === null) v.delete(c.id);
        else v.set(c.id, JSON.parse(JSON.stringify(c.doc)) as Positioned);
      }
      if (killAt === changes.length) {
        torn += 1;
        throw new ProjectionKilled(`after writing every document of ${view}, before its checkpoint`);
      }
      checkpoints.set(view, checkpoint);
    },
    checkpoint: async (view) => checkpoints.get(view),
    all: async (view) => [...viewDocs(view).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d),
    drop: async (view) => {
      docs.delete(view);
      checkpoints.delete(view);
    },
    tornCommits: () => torn,
  };
};

/** Projections kept running by a supervisor that restarts them whenever they close. */
export interface SupervisedProjections {
  /** Resolves once the views have taken in the event at `position`, however many restarts it takes. */
  readonly reach: (position: GlobalPosition) => Promise<void>;
  readonly stop: () => Promise<void>;
  /** How many times the projections closed (dropped, or failed) and were started again. */
  readonly restarts: () => number;
}

/** What {@link superviseProjections} runs. */
export interface SupervisionOptions {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly batchSize: number;
  /** Give up (and fail `reach`) after this many restarts: something is wrong, not just unlucky. */
  readonly maxRestarts: number;
}

/**
 * Runs every view with `startProjections` and, as a host's supervisor would, starts them
 * again from their checkpoints whenever they close: a dropped subscription, a killed
 * process (a read-model store that throws), or a start that failed.
 */
export const superviseProjections = (options: SupervisionOptions): SupervisedProjections => {
  let current: RunningProjections | undefined;
  let stopping = false;
  let restarts = 0;
  let gaveUp: Error | undefined;
  let lastClosure = 'none';
  let signal: () => void = () => undefined;
  let changed = new Promise<void>((resolve) => { signal = resolve; });
  const announce = (): void => {
    const s = signal;
    changed = new Promise<void>((resolve) => { signal = resolve; });
    s();
  };
  const failed = (why: string): boolean => {
    restarts += 1;
    lastClosure = why;
    if (restarts <= options.maxRestarts) return false;
    gaveUp = new Error(`projections gave up after ${restarts} restarts; the last closed because ${lastClosure}`);
    return true;
  };
  const loop = (async () => {
    while (!stopping) {
      let running: RunningProjections;
      try {
        running = await startProjections({ events: options.events, readModels: options.readModels, views: allViews, decode: eventDecoder(packledgerStreams), batchSize: options.batchSize });
      } catch (error) {
        if (failed(`the start failed: ${String(error)}`)) break;
        continue;
      }
      current = running;
      announce();
      const closed: SubscriptionClosed = await running.closed;
      current = undefined;
      if (stopping) break;
      if (failed(closed.reason === 'stopped' ? 'stopped' : `${closed.reason}: ${String(closed.error)}`)) break;
      announce();
    }
    current = undefined;
    announce();
  })();
  return {
    reach: async (position) => {
      for (;;) {
        if (gaveUp !== undefined) throw gaveUp;
        const next = changed;
        const running = current;
        if (running === undefined) {
          await next;
          continue;
        }
        try {
          // Known finding F10: reached() asked while the runner turns live can wait forever; asked once it is live, it cannot.
          await Promise.race([running.caughtUp, running.closed]);
          await running.reached(position);
          return;
        } catch {
          // It closed before getting there; the supervisor starts it again.
          if (current === running) await next;
        }
      }
    },
    stop: async () => {
      stopping = true;
      const running = current;
      if (running !== undefined) await running.stop().catch(() => undefined);
      await loop;
    },
    restarts: () => restarts,
  };
};

/** Every view's documents, by view name. */
export const viewsOf = async (readModels: ReadModelStore): Promise<Record<string, readonly Positioned[]>> => {
  const out: Record<string, readonly Positioned[]> = {};
  for (const view of allViews) out[view.name] = await readModels.all(view.name);
  return out;
};

/** The views rebuilt from scratch, by replay, into a fresh in-memory store. */
export const cleanRebuild = async (events: EventStore): Promise<Record<string, readonly Positioned[]>> => {
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  return viewsOf(readModels);
};

/** How the views built live differ from a clean rebuild, view by view (empty when equal). */
export const viewBreaks = (live: Record<string, readonly Positioned[]>, rebuilt: Record<string, readonly Positioned[]>): string[] => {
  const breaks: string[] = [];
  for (const view of allViews) {
    const a = live[view.name] ?? [];
    const b = rebuilt[view.name] ?? [];
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)))) continue;
    const index = a.findIndex((doc, i) => !isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(b[i]))));
    breaks.push(`view ${view.name} differs from a clean rebuild: ${a.length} documents live, ${b.length} rebuilt; first difference at document ${index === -1 ? a.length : index}: live ${JSON.stringify(a[index === -1 ? a.length : index])?.slice(0, 300)} rebuilt ${JSON.stringify(b[index === -1 ? a.length : index])?.slice(0, 300)}`);
  }
  return breaks;
};

/**
 * The end of a run with supervised projections: waits until they have taken in the store's
 * last event (a failure to get there is a break), stops them, and compares their views with
 * a clean rebuild.
 */
export const settledViewBreaks = async (events: EventStore, projections: SupervisedProjections, readModels: ReadModelStore): Promise<string[]> => {
  const breaks: string[] = [];
  const last = (await readAllEvents(events)).at(-1);
  try {
    if (last !== undefined) await projections.reach(last.position);
  } catch (error) {
    breaks.push(String(error));
  }
  await projections.stop();
  breaks.push(...viewBreaks(await viewsOf(readModels), await cleanRebuild(events)));
  return breaks;
};
