import {
  streamNotFound,
  wrongExpectedVersion,
  type AppendResult,
  type CurrentRevision,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamNotFound,
  type StreamRevision,
  type SubscribeOptions,
  type SubscriptionHandler,
  type WrongExpectedVersion,
} from '@packledger/application';
import * as E from 'fp-ts/Either';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';
import { DEFAULT_CAUGHT_UP_SCAN_LIMIT } from './caught-up';
import type { ClientDriver } from './driver';
import { isStreamDeleted, isStreamNotFound, StreamTombstoned } from './errors';
import { toClientEvent, toRecordedEvent } from './events';
import { checkExpectedRevision, checkRevision, toClientExpectedRevision } from './expected-revision';
import { planFilter } from './filters';
import { readAllEvents } from './read-all';
import { EventStoreDbSubscription, type SubscriptionSettings } from './subscription';

/** Options of the EventStoreDB event store (`eventStoreDbStore`, `kurrentDbStore`). */
export interface EventStoreDbStoreOptions {
  /** Deadline of each append and delete, in milliseconds; the client's default (10 s) when absent. */
  readonly deadlineMs?: number;
  /** Events per read of `$all` (default 500). */
  readonly readPageSize?: number;
  /** How subscriptions reconnect, checkpoint and find out they are caught up. */
  readonly subscriptions?: SubscriptionSettings;
}

/** Options of {@link EventStoreDbStore.deleteStream}. */
export interface DeleteStreamOptions {
  /**
   * `false` (the default): soft delete. Reads say the stream is not found; its next append
   * (expecting `no_stream`, `any` or its last revision) recreates it, revisions continuing.
   * `true`: tombstone. The stream can never be read or written again.
   * Either way its events stay in `$all` (and reach subscribers) until the server scavenges.
   */
  readonly tombstone?: boolean;
  /** Delete only if the stream is at this revision (or has no events: `'no_stream'`). Default `'any'`. */
  readonly expectedRevision?: 'any' | 'no_stream' | StreamRevision | number;
}

/** A deleted stream: the `$all` position of the deletion (undefined when the stream was already tombstoned). */
export interface StreamDeletion {
  readonly position: GlobalPosition | undefined;
}

/**
 * The `EventStore` port on EventStoreDB (or KurrentDB), plus stream deletion. Build it with
 * `eventStoreDbStore` (client `@eventstore/db-client` v6) or `kurrentDbStore`
 * (`@kurrent/kurrentdb-client`); both pass `eventStoreContract`.
 */
export interface EventStoreDbStore extends EventStore {
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): EventStoreDbSubscription;
  /**
   * Deletes a stream: soft delete by default, or a tombstone (the client-package rule "delete
   * entirely"). Left when the stream is not at `expectedRevision`; deleting a tombstoned stream
   * again succeeds (it is gone either way).
   */
  deleteStream(stream: string, options?: DeleteStreamOptions): Promise<E.Either<WrongExpectedVersion, StreamDeletion>>;
}

const DEFAULT_READ_PAGE_SIZE = 500;

const checkCount = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxCount) || maxCount < 0) throw new TypeError(`maxCount must be a whole number of zero or more, got ${String(maxCount)}`);
  return maxCount;
};

const checkStream = (stream: string): void => {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('a stream needs a name');
};

/** The event store over a client driver: see {@link EventStoreDbStore}. */
export const storeOver = (driver: ClientDriver, options: EventStoreDbStoreOptions = {}): EventStoreDbStore => {
  const pageSize = Math.max(2, options.readPageSize ?? DEFAULT_READ_PAGE_SIZE);
  const scanLimit = options.subscriptions?.caughtUpScanLimit ?? DEFAULT_CAUGHT_UP_SCAN_LIMIT;

  const readEvents = async (stream: string, fromRevision: bigint | 'start' | 'end', direction: 'forwards' | 'backwards', maxCount: bigint): Promise<E.Either<StreamNotFound, RecordedEvent[]>> => {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of driver.readStream(stream, { fromRevision, direction, maxCount })) out.push(toRecordedEvent(resolved));
    } catch (error) {
      // A tombstoned stream has no events either, and never will.
      if (isStreamNotFound(error) || isStreamDeleted(error)) return E.left(streamNotFound(stream));
      throw error;
    }
    return E.right(out);
  };

  /** The last revision of a stream, read back (for a client configured with `throwOnAppendFailure: false`). */
  const currentRevision = async (stream: string): Promise<CurrentRevision> => {
    const last = await readEvents(stream, 'end', 'backwards', 1n);
    return E.isRight(last) && last.right[0] !== undefined ? last.right[0].revision : 'no_stream';
  };

  const append = async (
    stream: string,
    events: ReadonlyNonEmptyArray<EventToAppend>,
    appendOptions: { readonly expectedRevision: ExpectedRevision },
  ): Promise<E.Either<WrongExpectedVersion, AppendResult>> => {
    checkStream(stream);
    if (!Array.isArray(events) || events.length === 0) throw new TypeError(`append to ${stream} needs at least one event`);
    const expected = checkExpectedRevision(appendOptions.expectedRevision);
    const proposed = events.map(toClientEvent);
    let result;
    try {
      result = await driver.append(stream, proposed, toClientExpectedRevision(expected));
    } catch (error) {
      const wrong = driver.wrongExpectedVersionOf(error);
      if (wrong !== undefined) return E.left(wrongExpectedVersion(stream, expected, wrong.actual));
      if (isStreamDeleted(error)) throw new StreamTombstoned(stream, { cause: error });
      throw error;
    }
    if (!result.success) return E.left(wrongExpectedVersion(stream, expected, await currentRevision(stream)));
    const nextRevision = result.nextExpectedRevision;
    if (typeof expected === 'bigint' && nextRevision !== expected + BigInt(events.length)) {
      throw new Error(`${driver.name} appended ${events.length} event(s) to ${stream} up to revision ${nextRevision}, but the append expected revision ${expected}: the client did not send the expected revision (check which client the store was built with)`);
    }
    let position = result.position?.commit;
    if (position === undefined) {
      // Some servers answer an idempotent retry without a position: read it back.
      const written = await readEvents(stream, nextRevision, 'forwards', 1n);
      position = E.isRight(written) ? written.right[0]?.position : undefined;
      if (position === undefined) throw new Error(`${stream} has no event at revision ${nextRevision} right after appending it`);
    }
    return E.right({ nextRevision, position });
  };

  const readStream = async (stream: string, readOptions: ReadStreamOptions = {}): Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>> => {
    checkStream(stream);
    const maxCount = checkCount(readOptions.maxCount);
    const direction = readOptions.direction ?? 'forwards';
    const fromRevision = readOptions.fromRevision === undefined ? (direction === 'forwards' ? 'start' : 'end') : checkRevision(readOptions.fromRevision, 'fromRevision');
    // A read of no events still says whether the stream exists.
    const read = await readEvents(stream, fromRevision, direction, maxCount === 0 ? 1n : maxCount === Number.POSITIVE_INFINITY ? BigInt(Number.MAX_SAFE_INTEGER) : BigInt(maxCount));
    return maxCount === 0 && E.isRight(read) ? E.right([]) : read;
  };

  const readAll = (readOptions: ReadAllOptions = {}): AsyncIterable<RecordedEvent> => {
    const maxCount = checkCount(readOptions.maxCount);
    const plan = planFilter(readOptions.filter);
    return { [Symbol.asyncIterator]: () => readAllEvents(driver, plan, readOptions.fromPosition, maxCount, { pageSize, scanLimit }) };
  };

  const subscribeToAll = (subscribeOptions: SubscribeOptions, handler: SubscriptionHandler): EventStoreDbSubscription =>
    new EventStoreDbSubscription(driver, subscribeOptions, handler, options.subscriptions);

  const deleteStream = async (stream: string, deleteOptions: DeleteStreamOptions = {}): Promise<E.Either<WrongExpectedVersion, StreamDeletion>> => {
    checkStream(stream);
    const expected = checkExpectedRevision(deleteOptions.expectedRevision ?? 'any');
    if (expected === 'stream_exists') throw new TypeError('deleteStream takes no stream_exists: the clients cannot send it; expect the revision read');
    try {
      const deleted = await driver.deleteStream(stream, expected, deleteOptions.tombstone === true);
      return E.right({ position: deleted.position?.commit });
    } catch (error) {
      const wrong = driver.wrongExpectedVersionOf(error);
      if (wrong !== undefined) return E.left(wrongExpectedVersion(stream, expected, wrong.actual));
      if (isStreamDeleted(error)) return E.right({ position: undefined });
      throw error;
    }
  };

  return { append, readStream, readAll, subscribeToAll, deleteStream };
};
