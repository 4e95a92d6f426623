/**
 * The stream was tombstoned (deleted with `{ tombstone: true }`): EventStoreDB refuses every write
 * to it, for good. An append to it is a bug in the caller (the aggregate said the stream is gone),
 * so it rejects with this error rather than returning a refusal.
 */
export class StreamTombstoned extends Error {
  readonly code = 'stream_tombstoned';
  readonly stream: string;

  constructor(stream: string, options?: { readonly cause?: unknown }) {
    super(`Stream ${stream} was tombstoned and can never be written again; pick a new stream for new facts.`, options);
    this.name = 'StreamTombstoned';
    this.stream = stream;
  }
}

/** The `type` both clients give their errors (`ErrorType` in each package; the values are the same). */
const typeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' ? (error as { type: string }).type : undefined;

/** The client's `StreamNotFoundError`. */
export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === 'stream-not-found';

/** The client's `StreamDeletedError` (or KurrentDB's `StreamTombstonedError`): the stream was tombstoned. */
export const isStreamDeleted = (error: unknown): boolean => typeOf(error) === 'stream-deleted' || typeOf(error) === 'stream-tombstoned';

/** The client's `WrongExpectedVersionError` (its fields differ between the clients: see `clients/`). */
export const isWrongExpectedVersion = (error: unknown): boolean => typeOf(error) === 'wrong-expected-version';

// What a dropped or restarted connection, a leader change or a busy server look like through the clients.
const TRANSIENT = new Set(['unavailable', 'cancelled', 'deadline-exceeded', 'timeout', 'not-leader', 'unknown']);

/**
 * True for failures that may pass if the same request is made again later (the connection
 * dropped, the server restarted or is busy, the leader moved); false for refusals and bugs
 * (access denied, invalid arguments, an unreadable event), which a retry would only repeat.
 */
export const isTransient = (error: unknown): boolean => {
  const type = typeOf(error);
  return type !== undefined && TRANSIENT.has(type);
};
