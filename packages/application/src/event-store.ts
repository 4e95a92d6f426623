import { domainError, type DomainError } from '@packledger/domain';
import type { Either } from 'fp-ts/Either';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';

/** A JSON value: what an event store keeps of an event's data and metadata. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/**
 * The revision of an event in its stream: 0 for the first event, then 1, 2, ... with no
 * gaps, as in EventStoreDB. A `bigint`, as EventStoreDB's client and PostgreSQL's `bigint`
 * columns give it, so no store ever has to round one; JSON forms write it as a number.
 */
export type StreamRevision = bigint;

/**
 * The place of an event in the whole store (`$all`): strictly increasing in the order
 * events were appended, across every stream. Not necessarily contiguous (EventStoreDB's are
 * log offsets), so compare positions, never count with them. A `bigint`, like revisions.
 */
export type GlobalPosition = bigint;

/**
 * What an append expects of the stream, checked atomically with the write:
 * - `'no_stream'`: the stream has no events yet;
 * - `'stream_exists'`: it has at least one event;
 * - `'any'`: no check;
 * - a revision (`bigint`, or a whole `number` for convenience): its last event has exactly that revision.
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | StreamRevision | number;

/** The revision a stream is at: the revision of its last event, or `'no_stream'` when it has none. */
export type CurrentRevision = StreamRevision | 'no_stream';

/**
 * Metadata of every stored event. `commandId` is what makes a command's retries safe (see
 * `commandHandler`); `correlationId` ties together everything one request caused and
 * `causationId` names the message that caused this one (a command's id, or an event's).
 */
export interface EventMetadata {
  /** Version of the `data` schema of this event type; old versions are upcast on read. */
  readonly schemaVersion: number;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** Who acted, as a stable label such as `staff:u1` or `system:expiry` (see `actorLabel`). */
  readonly actor: string;
  /** When the fact happened: an ISO-8601 UTC instant. */
  readonly occurredAt: string;
}

/** An event to append: its id (unique, see `eventIdFor`), type, JSON data and metadata. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** A stored event, as every read gives it back: the appended event plus where it was stored. */
export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
}

/** What an accepted append reports: the revision and global position of its last event. */
export interface AppendResult {
  readonly nextRevision: StreamRevision;
  readonly position: GlobalPosition;
}

/** The stream was not where the append expected it; nothing was written. */
export type WrongExpectedVersion = DomainError<
  'wrong_expected_version',
  { readonly stream: string; readonly expected: 'no_stream' | 'any' | 'stream_exists' | StreamRevision; readonly actual: CurrentRevision }
>;

/** The stream has no events. */
export type StreamNotFound = DomainError<'stream_not_found', { readonly stream: string }>;

/** Builds a {@link WrongExpectedVersion}. */
export const wrongExpectedVersion = (stream: string, expected: ExpectedRevision, actual: CurrentRevision): WrongExpectedVersion => {
  const normalized = typeof expected === 'number' ? BigInt(expected) : expected;
  return domainError('wrong_expected_version', { stream, expected: normalized, actual },
    `Stream ${stream} was expected at ${describeRevision(normalized)} but is at ${describeRevision(actual)}; another writer got there first: read it again and decide again.`);
};

/** Builds a {@link StreamNotFound}. */
export const streamNotFound = (stream: string): StreamNotFound =>
  domainError('stream_not_found', { stream }, `Stream ${stream} has no events; check the stream name.`);

const describeRevision = (r: 'no_stream' | 'any' | 'stream_exists' | bigint): string =>
  typeof r === 'bigint' ? `revision ${r}` : r === 'no_stream' ? 'no stream' : r === 'stream_exists' ? 'an existing stream' : 'any revision';

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** First revision to read (inclusive). Forwards the default is 0; backwards, the last event. */
  readonly fromRevision?: StreamRevision | number;
  /** `'forwards'` (the default) or `'backwards'`, newest first: read the last event with `{ direction: 'backwards', maxCount: 1 }`. */
  readonly direction?: 'forwards' | 'backwards';
  /** Read at most this many events. */
  readonly maxCount?: number;
}

/**
 * Which events of `$all` a reader wants. An event passes when its stream starts with one of
 * `streamPrefixes` (any stream when absent) and its type is one of `eventTypes` (any type when
 * absent). Readers of domain events always give the prefixes of their aggregates'
 * streams (`creditPack-`), so side streams such as snapshots (`snapshot-...`) never reach them.
 */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Read events after this position (exclusive: a checkpoint); from the beginning when absent. */
  readonly fromPosition?: GlobalPosition;
  readonly filter?: EventFilter;
  /** Read at most this many (matching) events. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.subscribeToAll}. */
export interface SubscribeOptions {
  /** Deliver events after this position (exclusive: the last checkpoint a reader stored); from the beginning when absent. */
  readonly fromPosition?: GlobalPosition;
  readonly filter?: EventFilter;
}

/**
 * What a subscription delivers, in order: every matching stored event after the checkpoint,
 * then `caught_up` once (every event appended before the subscription started has been
 * delivered), then each new matching event as it is appended.
 */
export type SubscriptionMessage = { readonly kind: 'event'; readonly event: RecordedEvent } | { readonly kind: 'caught_up' };

/** Receives a subscription's messages; the next message waits until the returned promise settles. */
export type SubscriptionHandler = (message: SubscriptionMessage) => void | Promise<void>;

/**
 * Why a subscription ended. `checkpoint` is the position of the last event the handler
 * finished, or the `fromPosition` it started from when it finished none: resume from it
 * and nothing is lost or repeated.
 */
export type SubscriptionClosed =
  | { readonly reason: 'stopped'; readonly checkpoint: GlobalPosition | undefined }
  | { readonly reason: 'handler_failed'; readonly error: unknown; readonly checkpoint: GlobalPosition | undefined }
  | { readonly reason: 'dropped'; readonly error: unknown; readonly checkpoint: GlobalPosition | undefined };

/** A running subscription. */
export interface Subscription {
  /**
   * Stops delivery; resolves once the message in progress (if any) has been handled. No
   * message is delivered after it resolves. From inside the handler, call it without awaiting.
   */
  stop(): Promise<void>;
  /** Settles (never rejects) when the subscription ends, saying why: a subscription never dies silently. */
  readonly closed: Promise<SubscriptionClosed>;
}

/**
 * The event-store port: streams of events with optimistic concurrency, and `$all`, every
 * event of every stream in one global order. Implemented by `InMemoryEventStore` here and
 * by the EventStoreDB and PostgreSQL adapters; all of them pass `eventStoreContract` from
 * `@packledger/application/testing`.
 *
 * Expected failures (a wrong expected revision, a missing stream) are values (`Left`);
 * a rejected promise means the store itself failed (or was called with invalid arguments,
 * such as an empty stream name: a bug).
 *
 * @example
 * const store: EventStore = new InMemoryEventStore();
 * const appended = await store.append('creditPack-p1', [event], { expectedRevision: 'no_stream' });
 * if (E.isLeft(appended)) console.log(appended.left.message); // someone else created the stream first
 * const history = await store.readStream('creditPack-p1'); // Right([...]) or Left(stream_not_found)
 * for await (const e of store.readAll({ filter: { streamPrefixes: ['creditPack-'] } })) console.log(e.position, e.type);
 */
export interface EventStore {
  /**
   * Appends events to a stream, all or none, if the stream is where `expectedRevision` says.
   * They get the next revisions of the stream and the next positions of `$all`.
   */
  append(
    stream: string,
    events: ReadonlyNonEmptyArray<EventToAppend>,
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<Either<WrongExpectedVersion, AppendResult>>;
  /** Reads a stream's events in revision order (or reverse); Left when the stream has no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<Either<StreamNotFound, readonly RecordedEvent[]>>;
  /** Reads `$all` in position order: every event appended before the call, and possibly later ones. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Subscribes to `$all`: catch-up from the checkpoint, `caught_up`, then live events, one at a time. */
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
}

/** True when the event passes the filter (see {@link EventFilter}); adapters use it for what their server cannot filter. */
export const eventMatches = (filter: EventFilter | undefined, event: { readonly stream: string; readonly type: string }): boolean =>
  (filter?.streamPrefixes === undefined || filter.streamPrefixes.some((p) => event.stream.startsWith(p))) &&
  (filter?.eventTypes === undefined || filter.eventTypes.includes(event.type));

/** True when a stream at `actual` satisfies `expected`. */
export const revisionSatisfies = (expected: ExpectedRevision, actual: CurrentRevision): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual !== 'no_stream' && actual === BigInt(expected);
};
