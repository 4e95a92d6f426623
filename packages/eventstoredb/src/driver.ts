import type { CurrentRevision, JsonObject } from '@packledger/application';

/** A position in `$all` as both clients give it: commit and prepare positions. */
export interface ClientPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** A recorded event as both clients give it (`JSONRecordedEvent` / `BinaryRecordedEvent`). */
export interface ClientRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly isJson: boolean;
  readonly position?: ClientPosition;
}

/** A resolved event as both clients give it. */
export interface ClientResolvedEvent {
  readonly event?: ClientRecordedEvent;
  readonly commitPosition?: bigint;
}

/** A JSON event to append, in the shape of both clients' `jsonEvent(...)`. */
export interface ClientEventData {
  readonly id: string;
  readonly type: string;
  readonly contentType: 'application/json';
  readonly data: JsonObject;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What both clients' `appendToStream` resolves to. */
export interface ClientAppendResult {
  readonly success: boolean;
  readonly nextExpectedRevision: bigint;
  readonly position?: ClientPosition;
}

/** An expected revision in the clients' own terms (their `AppendExpectedRevision` / `AppendStreamState`). */
export type ClientExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A server-side filter of `$all`, in the shape of both clients' `streamNameFilter` / `eventTypeFilter`. */
export type ClientFilter =
  | { readonly filterOn: 'streamName'; readonly prefixes: string[] }
  | { readonly filterOn: 'eventType'; readonly regex: string };

/** A subscription filter: a server-side filter plus how often the server reports checkpoints. */
export type ClientSubscriptionFilter = ClientFilter & {
  readonly checkpointInterval: number;
  readonly maxSearchWindow?: number;
  checkpointReached(subscription: unknown, position: ClientPosition): void;
};

/**
 * A catch-up subscription to `$all` as both clients give it: a Node `Transform` in object mode
 * whose readable side holds resolved events, which emits `confirmation`, `caughtUp` (servers
 * since 23.10) and `error`, and calls the filter's `checkpointReached` in order with the events.
 */
export interface ClientSubscription {
  read(): unknown;
  readonly readableLength: number;
  on(event: string, listener: (...args: never[]) => void): unknown;
  unsubscribe(): Promise<void>;
}

/** Options of {@link ClientDriver.readStream}. */
export interface DriverReadStreamOptions {
  readonly fromRevision: bigint | 'start' | 'end';
  readonly direction: 'forwards' | 'backwards';
  readonly maxCount: bigint;
}

/** Options of {@link ClientDriver.readAll}. */
export interface DriverReadAllOptions {
  readonly fromPosition: ClientPosition | 'start' | 'end';
  readonly direction: 'forwards' | 'backwards';
  readonly maxCount: bigint;
  /** Applied by the server when the client can send it ({@link ClientDriver.filtersReads}); ignored otherwise. */
  readonly filter: ClientFilter | undefined;
}

/**
 * The seam between the adapter and a client package: everything the two clients do differently
 * is behind it, one implementation per client (`clients/`). The rest of the adapter speaks to
 * this interface only, and never to a client directly.
 */
export interface ClientDriver {
  /** The client package, for error messages. */
  readonly name: string;
  /** True when `readAll` applies a server-side filter (KurrentDB client); v6's `readAll` takes none. */
  readonly filtersReads: boolean;
  /** Appends with the expected revision under the option name this client reads. */
  append(stream: string, events: readonly ClientEventData[], expected: ClientExpectedRevision): Promise<ClientAppendResult>;
  /** The stream's actual revision named by this client's `WrongExpectedVersionError`, or undefined for any other error. */
  wrongExpectedVersionOf(error: unknown): { readonly actual: CurrentRevision } | undefined;
  /** Reads a stream; the client's `StreamNotFoundError` / `StreamDeletedError` surface as thrown errors. */
  readStream(stream: string, options: DriverReadStreamOptions): AsyncIterable<ClientResolvedEvent>;
  /** Reads `$all`; `close` ends a read the caller leaves early. */
  readAll(options: DriverReadAllOptions): { readonly events: AsyncIterable<ClientResolvedEvent>; close(): Promise<void> };
  /** Opens a catch-up subscription to `$all`, after `fromPosition` (exclusive). */
  subscribeToAll(fromPosition: ClientPosition | 'start', filter: ClientSubscriptionFilter): ClientSubscription;
  /** Soft-deletes or tombstones a stream, expecting `expected`. */
  deleteStream(stream: string, expected: 'any' | 'no_stream' | bigint, tombstone: boolean): Promise<{ readonly position?: ClientPosition }>;
}
