import * as E from 'fp-ts/Either';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';
import {
  eventMatches,
  revisionSatisfies,
  streamNotFound,
  wrongExpectedVersion,
  type AppendResult,
  type CurrentRevision,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamNotFound,
  type Subscription,
  type SubscriptionClosed,
  type SubscribeOptions,
  type SubscriptionHandler,
  type WrongExpectedVersion,
} from '../event-store';
import { quoteStored } from '../stored-text';
import { frozenJsonCopy } from './frozen-copy';
import { nestingProblem } from './json-nesting';

/**
 * One stored event. Data and metadata are kept as the JSON text a real store would hold,
 * so a reader never shares an object with a writer or with another reader.
 */
interface Entry {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  /** The event as every reader gets it: parsed from its JSON once at append and deeply frozen. */
  readonly recorded: RecordedEvent;
}

/** Why a history cannot be restored into a store: the index of the first bad event and the problem. */
export interface RestoreProblem {
  readonly index: number;
  readonly problem: string;
}

const fail = (message: string): never => {
  throw new TypeError(`InMemoryEventStore: ${message}`);
};

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** The JSON text of an event's data and metadata; rejects what a real store could not store either. */
const serialize = (event: EventToAppend): string => {
  if (typeof event.id !== 'string' || event.id.length === 0) fail('every event needs an id');
  if (typeof event.type !== 'string' || event.type.length === 0) fail('every event needs a type');
  if (!isPlainObject(event.data)) fail(`the data of ${quoteStored(event.type)} must be a JSON object`);
  if (!isPlainObject(event.metadata)) fail(`the metadata of ${quoteStored(event.type)} must be an object`);
  let json: string | undefined;
  let unwritable: RangeError | undefined;
  try {
    json = JSON.stringify({ data: event.data, metadata: event.metadata });
  } catch (error) {
    // Nesting of a few thousand levels overflows the stack: named below, not as "Maximum call stack size exceeded".
    if (!(error instanceof RangeError)) throw error;
    unwritable = error;
  }
  for (const [part, value] of [['data', event.data], ['metadata', event.metadata]] as const) {
    const problem = nestingProblem(value);
    if (problem !== undefined) fail(`the ${part} of ${quoteStored(event.type)} ${problem}`);
  }
  return json ?? fail(`the data of ${quoteStored(event.type)} cannot be written as JSON (${unwritable?.message ?? 'no text'})`);
};

const deepFreeze = <A>(value: A): A => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/**
 * The stored form of an event: its JSON text parsed back (so nothing the caller still holds
 * is shared, and only what JSON can carry is kept) and frozen, so readers share it safely.
 */
const record = (where: { stream: string; revision: bigint; position: bigint }, id: string, type: string, json: string): RecordedEvent => {
  const { data, metadata } = JSON.parse(json) as { data: JsonObject; metadata: EventMetadata };
  return deepFreeze({ id, stream: where.stream, revision: where.revision, position: where.position, type, data, metadata });
};

/**
 * What append stores of an event: a frozen copy made in one walk when its data and metadata
 * are plain JSON already (as every encoded event is), else its JSON text, parsed at append.
 */
const storedForm = (event: EventToAppend): { readonly data: JsonObject; readonly metadata: EventMetadata } | { readonly json: string } => {
  if (typeof event.id === 'string' && event.id.length > 0 && typeof event.type === 'string' && event.type.length > 0 && isPlainObject(event.data) && isPlainObject(event.metadata)) {
    const data = frozenJsonCopy(event.data);
    const metadata = data === undefined ? undefined : frozenJsonCopy(event.metadata);
    if (data !== undefined && metadata !== undefined) return { data, metadata };
  }
  return { json: serialize(event) };
};

const toRecorded = (entry: Entry): RecordedEvent => entry.recorded;

const checkCount = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxCount) || maxCount < 0) fail(`maxCount must be a whole number of zero or more, got ${String(maxCount)}`);
  return maxCount;
};

const checkRevision = (r: bigint | number, what: string): bigint => {
  if (typeof r === 'number' && !Number.isSafeInteger(r)) fail(`${what} must be a whole number, got ${r}`);
  const b = BigInt(r);
  if (b < 0n) fail(`${what} must not be negative, got ${b}`);
  return b;
};

/**
 * The embedded event store: every stream and `$all` in memory, with the semantics of
 * EventStoreDB and of the contract suite (`eventStoreContract`). Revisions start at 0 per
 * stream; positions start at 0 and increase by one per event across all streams. An append
 * is atomic; data goes through JSON at append (a caller's objects are never shared) and what
 * readers get is deeply frozen, so no reader can change what another reads. An event's data
 * and metadata nest at most 256 levels of objects and arrays (an append beyond throws a
 * `TypeError` naming the event type).
 * Subscriptions deliver to each subscriber one message at a time, in position order.
 *
 * Persist it with `saveJsonlFile` / `loadJsonlFile` (or `exportJsonl` / `importJsonl`).
 *
 * @example
 * const store = new InMemoryEventStore();
 * const handle = commandHandler(store, creditPackAggregate);
 * await handle(issueCommand, { commandId: 'cmd-1' });
 * const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['creditPack-'] } }, (m) => {
 *   if (m.kind === 'event') console.log(m.event.position, m.event.type);
 * });
 */
export class InMemoryEventStore implements EventStore {
  readonly #log: Entry[] = [];
  readonly #streams = new Map<string, Entry[]>();
  readonly #listeners = new Set<() => void>();
  #nextPosition = 0n;

  /**
   * Builds a store holding exactly these events (as read from another store or a file):
   * revisions must run 0, 1, 2, ... within each stream and positions must strictly increase.
   * Left with the first problem; the store only exists when the whole history is valid.
   */
  static restore(history: Iterable<RecordedEvent>): E.Either<RestoreProblem, InMemoryEventStore> {
    const store = new InMemoryEventStore();
    let index = 0;
    for (const event of history) {
      const stream = store.#streams.get(event.stream) ?? [];
      const expected = BigInt(stream.length);
      if (event.revision !== expected) {
        return E.left({ index, problem: `event ${quoteStored(event.id)} of stream ${quoteStored(event.stream)} has revision ${event.revision}; expected ${expected} (revisions run 0, 1, 2, ... within a stream)` });
      }
      if (event.position < store.#nextPosition) {
        return E.left({ index, problem: `event ${quoteStored(event.id)} has position ${event.position}, not after the previous event's position ${store.#nextPosition - 1n}` });
      }
      let json: string;
      try {
        json = serialize(event);
      } catch (error) {
        return E.left({ index, problem: error instanceof Error ? error.message : String(error) });
      }
      const entry: Entry = { stream: event.stream, revision: event.revision, position: event.position, id: event.id, type: event.type, recorded: record(event, event.id, event.type, json) };
      stream.push(entry);
      store.#streams.set(event.stream, stream);
      store.#log.push(entry);
      store.#nextPosition = event.position + 1n;
      index++;
    }
    return E.right(store);
  }

  #revisionOf(stream: string): CurrentRevision {
    const entries = this.#streams.get(stream);
    return entries === undefined ? 'no_stream' : BigInt(entries.length - 1);
  }

  /** Index in the log of the first event after `position` (binary search: positions need not be contiguous). */
  #indexAfter(position: GlobalPosition | undefined): number {
    if (position === undefined) return 0;
    let low = 0;
    let high = this.#log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#log[mid] as Entry).position <= position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  async append(
    stream: string,
    events: ReadonlyNonEmptyArray<EventToAppend>,
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<E.Either<WrongExpectedVersion, AppendResult>> {
    if (typeof stream !== 'string' || stream.length === 0) fail('a stream needs a name');
    if (!Array.isArray(events) || events.length === 0) fail(`append to ${stream} needs at least one event`);
    const expected = options.expectedRevision;
    if (typeof expected === 'number' || typeof expected === 'bigint') checkRevision(expected, 'expectedRevision');
    else if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') fail(`unknown expectedRevision ${String(expected)}`);
    const serialized = events.map((e) => ({ event: e, stored: storedForm(e) }));
    // A real store answers later; so does this one, so no caller can rely on an append being synchronous.
    await Promise.resolve();
    // From here to the end nothing awaits: the check and the write are one atomic step.
    const actual = this.#revisionOf(stream);
    if (!revisionSatisfies(expected, actual)) return E.left(wrongExpectedVersion(stream, expected, actual));
    const entries = this.#streams.get(stream) ?? [];
    for (const { event, stored } of serialized) {
      const where = { stream, revision: BigInt(entries.length), position: this.#nextPosition++ };
      const recorded = 'json' in stored ? record(where, event.id, event.type, stored.json)
        : Object.freeze({ id: event.id, stream, revision: where.revision, position: where.position, type: event.type, data: stored.data, metadata: stored.metadata });
      const entry: Entry = { ...where, id: event.id, type: event.type, recorded };
      entries.push(entry);
      this.#log.push(entry);
    }
    this.#streams.set(stream, entries);
    for (const wake of [...this.#listeners]) wake();
    const last = entries[entries.length - 1] as Entry;
    return E.right({ nextRevision: last.revision, position: last.position });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>> {
    const maxCount = checkCount(options.maxCount);
    const from = options.fromRevision === undefined ? undefined : checkRevision(options.fromRevision, 'fromRevision');
    await Promise.resolve();
    const entries = this.#streams.get(stream);
    if (entries === undefined) return E.left(streamNotFound(stream));
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      const start = from === undefined ? entries.length - 1 : Math.min(Number(from), entries.length - 1);
      for (let i = start; i >= 0 && out.length < maxCount; i--) out.push(toRecorded(entries[i] as Entry));
    } else {
      for (let i = from === undefined ? 0 : Number(from); i < entries.length && out.length < maxCount; i++) out.push(toRecorded(entries[i] as Entry));
    }
    return E.right(out);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const maxCount = checkCount(options.maxCount);
    const log = this.#log;
    const start = (): number => this.#indexAfter(options.fromPosition);
    return {
      async *[Symbol.asyncIterator]() {
        await Promise.resolve();
        // What was stored when reading began; events appended while reading may follow later reads.
        const end = log.length;
        let delivered = 0;
        for (let i = start(); i < end && delivered < maxCount; i++) {
          const entry = log[i] as Entry;
          if (!eventMatches(options.filter, entry)) continue;
          delivered++;
          yield toRecorded(entry);
        }
      },
    };
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    const listener = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    this.#listeners.add(listener);
    const run = async (): Promise<SubscriptionClosed> => {
      // Deliver from a later turn: never from inside subscribeToAll, as with a networked store.
      await Promise.resolve();
      let index = this.#indexAfter(options.fromPosition);
      let checkpoint = options.fromPosition;
      let caughtUp = false;
      while (!stopped) {
        if (index < this.#log.length) {
          const entry = this.#log[index++] as Entry;
          if (!eventMatches(options.filter, entry)) continue;
          try {
            await handler({ kind: 'event', event: toRecorded(entry) });
          } catch (error) {
            return { reason: 'handler_failed', error, checkpoint };
          }
          checkpoint = entry.position;
        } else if (!caughtUp) {
          caughtUp = true;
          try {
            await handler({ kind: 'caught_up' });
          } catch (error) {
            return { reason: 'handler_failed', error, checkpoint };
          }
        } else {
          // Nothing awaits between the length check above and setting `wake`, so no append is missed.
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      }
      return { reason: 'stopped', checkpoint };
    };
    const closed = run()
      .catch((error: unknown): SubscriptionClosed => ({ reason: 'dropped', error, checkpoint: undefined }))
      .finally(() => this.#listeners.delete(listener));
    return {
      stop: async () => {
        stopped = true;
        listener();
        await closed;
      },
      closed,
    };
  }
}
