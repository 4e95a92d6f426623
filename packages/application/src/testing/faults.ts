import type { EventStore, ReadAllOptions, RecordedEvent, SubscriptionClosed } from '../event-store';

/**
 * The faults a {@link faultyEventStore} injects. Each is a chance from 0 (never: the
 * default) to 1 (always), drawn from the store's random source at every call.
 */
export interface EventStoreFaults {
  /** An append fails before it reaches the store: nothing is written. */
  readonly appendFailsBeforeWrite?: number;
  /**
   * An append fails after the store has done it (written the events, or refused them for a
   * wrong expected revision): the answer is lost. The caller gets the very same error as
   * for {@link appendFailsBeforeWrite}, so it cannot tell whether its events are stored.
   */
  readonly appendFailsAfterWrite?: number;
  /**
   * An append times out: the caller's promise rejects while the write is still on its way.
   * Even odds decide whether the write is lost or still reaches the store, some turns later
   * (possibly after the caller has already retried).
   */
  readonly appendTimesOut?: number;
  /** A read fails: `readStream` rejects; a `readAll` iteration throws part-way through. */
  readonly readFails?: number;
  /**
   * Before each message, and again after the handler took it but before it is acknowledged,
   * the subscription drops: it ends with `closed` reason `'dropped'` and a checkpoint from
   * which a reader resumes (the unacknowledged message comes again).
   */
  readonly subscriptionDrops?: number;
  /** An event the handler has taken is delivered again at once (at-least-once delivery: a lost acknowledgement). */
  readonly redelivery?: number;
  /**
   * Each call waits a random number of turns of the event loop, from 0 to this, on its way
   * to the store and on its way back (default 0), so concurrent callers interleave in a
   * different order on every seed. Turns, not time: a run takes no longer for it.
   */
  readonly maxDelayTurns?: number;
}

/** Which fault an {@link InjectedFault} stands for. */
export type InjectedFaultKind = 'store_unavailable' | 'timed_out' | 'subscription_dropped';

/**
 * The error a {@link faultyEventStore} throws for a fault it injected: what a real store's
 * client throws when the network fails. A test tells it apart from a bug with `instanceof`.
 */
export class InjectedFault extends Error {
  constructor(readonly fault: InjectedFaultKind, message: string) {
    super(message);
    this.name = 'InjectedFault';
  }
}

/** How many faults of each kind a {@link faultyEventStore} has injected so far. */
export interface InjectedFaults {
  readonly appendsFailedBeforeWrite: number;
  readonly appendsFailedAfterWrite: number;
  readonly appendsTimedOut: number;
  /** Timed-out appends whose write still went on to the store (it may have been refused there). */
  readonly lateWrites: number;
  readonly readsFailed: number;
  readonly subscriptionsDropped: number;
  readonly redeliveries: number;
}

/** An event store that fails on purpose: see {@link faultyEventStore}. */
export interface FaultyEventStore extends EventStore {
  /** The faults injected so far, by kind. */
  injected(): InjectedFaults;
  /** Resolves once every write still on its way (a timed-out append that was not lost) has reached the store. */
  settled(): Promise<void>;
}

/**
 * A seeded pseudo-random source (mulberry32): numbers in [0, 1), the same sequence for the
 * same seed, so a run of a {@link faultyEventStore} can be replayed from its seed.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636, on every run
 */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Wraps any event store in one that fails the way a store over a network does: appends
 * that fail before or after the write (with the same error, so the caller cannot tell
 * which), appends that time out while the write may still land, reads that fail,
 * subscriptions that drop (`closed` with reason `'dropped'`: resume from the checkpoint)
 * and events delivered twice. Every fault is drawn from `random`, so with
 * {@link seededRandom} and the same calls a failing run replays exactly. Faults are
 * {@link InjectedFault} errors; what the inner store does and answers is passed on as it is.
 *
 * What it does not model: a store that loses or reorders stored events, a subscription
 * that drops while it waits for new events (it drops when a message is due), or time.
 *
 * @example
 * const inner = new InMemoryEventStore();
 * const store = faultyEventStore(inner, { appendFailsAfterWrite: 0.2, subscriptionDrops: 0.05 }, seededRandom(7));
 * const handle = commandHandler(store, creditPackAggregate);
 * try {
 *   await handle(command, { commandId: 'cmd-1' });
 * } catch (error) {
 *   if (!(error instanceof InjectedFault)) throw error;
 *   await handle(command, { commandId: 'cmd-1' }); // the same id: the first outcome, never a second append
 * }
 * await store.settled();
 * console.log(store.injected());
 */
export const faultyEventStore = (inner: EventStore, faults: EventStoreFaults, random: () => number): FaultyEventStore => {
  const counts = { appendsFailedBeforeWrite: 0, appendsFailedAfterWrite: 0, appendsTimedOut: 0, lateWrites: 0, readsFailed: 0, subscriptionsDropped: 0, redeliveries: 0 };
  const inFlight = new Set<Promise<unknown>>();
  const chance = (p: number | undefined): boolean => random() < (p ?? 0);
  const maxTurns = faults.maxDelayTurns ?? 0;
  const delay = async (): Promise<void> => {
    if (maxTurns <= 0) return;
    const turns = Math.floor(random() * (maxTurns + 1));
    for (let i = 0; i < turns; i++) await Promise.resolve();
  };
  const unavailable = (what: string): InjectedFault => new InjectedFault('store_unavailable', `the event store did not answer the ${what} (injected fault)`);

  const readAll = (options?: ReadAllOptions): AsyncIterable<RecordedEvent> => ({
    async *[Symbol.asyncIterator]() {
      await delay();
      // A failing read fails after a few events, or at the start.
      const failAfter = chance(faults.readFails) ? Math.floor(random() * 4) : undefined;
      let read = 0;
      for await (const event of inner.readAll(options)) {
        if (read === failAfter) {
          counts.readsFailed += 1;
          throw unavailable('read of $all');
        }
        read += 1;
        yield event;
      }
      if (failAfter !== undefined) {
        counts.readsFailed += 1;
        throw unavailable('read of $all');
      }
    },
  });

  return {
    append: async (stream, events, options) => {
      await delay();
      const roll = random();
      const before = faults.appendFailsBeforeWrite ?? 0;
      const after = before + (faults.appendFailsAfterWrite ?? 0);
      const timeout = after + (faults.appendTimesOut ?? 0);
      if (roll < before) {
        counts.appendsFailedBeforeWrite += 1;
        throw unavailable(`append to ${stream}`);
      }
      if (roll < after) {
        await inner.append(stream, events, options);
        counts.appendsFailedAfterWrite += 1;
        await delay();
        throw unavailable(`append to ${stream}`);
      }
      if (roll < timeout) {
        counts.appendsTimedOut += 1;
        if (chance(0.5)) {
          counts.lateWrites += 1;
          const late = (async () => {
            await delay();
            await delay();
            return inner.append(stream, events, options);
          })();
          const tracked = late.catch(() => undefined).finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
        }
        await delay();
        throw new InjectedFault('timed_out', `the append to ${stream} timed out; it may or may not be stored (injected fault)`);
      }
      const appended = await inner.append(stream, events, options);
      await delay();
      return appended;
    },

    readStream: async (stream, options) => {
      await delay();
      if (chance(faults.readFails)) {
        counts.readsFailed += 1;
        throw unavailable(`read of ${stream}`);
      }
      const read = await inner.readStream(stream, options);
      await delay();
      return read;
    },

    readAll,

    subscribeToAll: (options, handler) => {
      // One error per subscription, so its closing can be told apart from the handler's own failures.
      const dropped = new InjectedFault('subscription_dropped', 'the subscription dropped (injected fault); resume it from the checkpoint');
      const drop = (): never => {
        counts.subscriptionsDropped += 1;
        throw dropped;
      };
      const subscription = inner.subscribeToAll(options, async (message) => {
        await delay();
        if (chance((faults.subscriptionDrops ?? 0) / 2)) drop();
        await handler(message);
        if (message.kind === 'event' && chance(faults.redelivery)) {
          counts.redeliveries += 1;
          await handler(message);
        }
        if (chance((faults.subscriptionDrops ?? 0) / 2)) drop();
      });
      const closed = subscription.closed.then((c): SubscriptionClosed =>
        c.reason === 'handler_failed' && c.error === dropped ? { reason: 'dropped', error: dropped, checkpoint: c.checkpoint } : c);
      return {
        stop: async () => {
          await subscription.stop();
          await closed;
        },
        closed,
      };
    },

    injected: () => ({ ...counts }),

    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
};
