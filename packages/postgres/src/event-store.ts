import {
  revisionSatisfies,
  streamNotFound,
  wrongExpectedVersion,
  type AppendResult,
  type CurrentRevision,
  type EventFilter,
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
  type StreamRevision,
  type Subscription,
  type SubscribeOptions,
  type SubscriptionHandler,
  type WrongExpectedVersion,
} from '@packledger/application';
import * as E from 'fp-ts/Either';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';
import { checkCount, checkEvent, checkExpectedRevision, checkRevision, checkStream } from './arguments';
import { AppendNotifications } from './notifications';
import { APPEND_LOCK_CLASS, schemaObjects, type SchemaObjects } from './schema';
import { isUniqueViolation, bigintParam, query, toBigInt, transact, type PostgresClient, type PostgresPool, type SqlRow } from './sql';
import { PollingSubscription, noWakeups, type AppendWakeups } from './subscription';

/** Options of {@link PostgresEventStore}. */
export interface PostgresEventStoreOptions {
  /** The schema `migrate` created (see `schemaName` for what a name may be). */
  readonly schema: string;
  /**
   * Wake subscriptions with LISTEN/NOTIFY (default true). Turn it off behind a pooler in
   * transaction mode (PgBouncer), where LISTEN does not work: subscriptions then only poll.
   */
  readonly listen?: boolean;
  /** Milliseconds a live subscription waits for a notification before it reads anyway (default 1,000). */
  readonly pollIntervalMs?: number;
  /** Events per query of `readAll` and of subscriptions (default 500). */
  readonly pageSize?: number;
}

/** Options of {@link PostgresEventStore.deleteStream}. */
export interface DeleteStreamOptions {
  /** Delete only if the stream is where this says (default `'any'`). */
  readonly expectedRevision?: ExpectedRevision;
}

/** What a deletion removed. */
export interface StreamDeleted {
  readonly stream: string;
  /** How many events were removed. */
  readonly deletedEvents: number;
  /** The revision the stream was at. */
  readonly lastRevision: StreamRevision;
}

const COLUMNS = 'position, stream, revision, event_id, type, data, metadata';

const toRecorded = (row: SqlRow): RecordedEvent => ({
  id: String(row.event_id),
  type: String(row.type),
  data: row.data as JsonObject,
  metadata: row.metadata as EventMetadata,
  stream: String(row.stream),
  revision: toBigInt(row.revision),
  position: toBigInt(row.position),
});

/** `stream LIKE prefix%` with the prefix's own `\`, `%` and `_` taken literally. */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The SQL conditions of an event filter (stream prefixes and event types), appending their values. */
const filterConditions = (filter: EventFilter | undefined, values: unknown[]): string[] => {
  const conditions: string[] = [];
  if (filter?.streamPrefixes !== undefined) {
    values.push(filter.streamPrefixes.map(likePrefix));
    conditions.push(`stream LIKE ANY ($${values.length}::text[])`);
  }
  if (filter?.eventTypes !== undefined) {
    values.push([...filter.eventTypes]);
    conditions.push(`type = ANY ($${values.length}::text[])`);
  }
  return conditions;
};

const currentRevision = async (client: PostgresClient, o: SchemaObjects, stream: string): Promise<CurrentRevision> => {
  const rows = (await client.query(`SELECT revision FROM ${o.events} WHERE stream = $1 ORDER BY revision DESC LIMIT 1`, [stream])).rows;
  return rows[0] === undefined ? 'no_stream' : toBigInt(rows[0].revision);
};

/**
 * The event store on PostgreSQL: one `events` table in the host's schema (see `migrate`),
 * with the `EventStore` contract of `@packledger/application` (it passes
 * `eventStoreContract` unchanged).
 *
 * **Revisions.** An append reads the stream's last revision, checks the expected revision
 * and inserts the next ones; the `UNIQUE (stream, revision)` constraint makes two events
 * at one revision impossible, whatever else happens.
 *
 * **Positions readers can trust.** Every append takes one transaction-level advisory lock
 * of the schema (`pg_advisory_xact_lock`), then draws its positions from a sequence,
 * inserts, and commits; PostgreSQL releases the lock only after the commit is visible. So
 * appends commit one after another, in position order: when a reader sees position p, every
 * event below p is already committed (or rolled back, never to appear). A subscriber that
 * reads `WHERE position > checkpoint` therefore never skips an event that commits late;
 * with a sequence alone it would (two transactions take 7 and 8, 8 commits first, a reader
 * passes 8, then 7 appears behind it). The price is that appends to one schema are
 * serialized (each holds the lock for a few statements); the alternative, hiding positions
 * above the oldest transaction in flight, gives readers a moving horizon to reason about
 * and has the same effect for readers. The lock is taken in its own statement, before the
 * stream's revision is read, so that read's snapshot sees the previous append's commit.
 *
 * **Subscriptions** read pages by position and wait between reads for LISTEN/NOTIFY
 * (an append notifies in its transaction, so only on commit) or the poll interval,
 * whichever comes first. A failing query ends a subscription as
 * `dropped` with its checkpoint: subscribe again from it.
 *
 * **Stream deletion** ({@link deleteStream}) removes a stream's events for good.
 *
 * Data and metadata are stored as `jsonb` (key order is not kept; strings cannot hold
 * U+0000). A rejected promise means the database failed; if it failed during COMMIT, the
 * append may or may not have been stored: read the stream to know.
 *
 * @example
 * await migrate(pool, { schema: 'packledger' });
 * const store = new PostgresEventStore(pool, { schema: 'packledger' });
 * const handle = commandHandler(store, creditPackAggregate);
 * // ... and when the host shuts down:
 * await store.close(); // stops subscriptions; the pool stays the host's
 */
export class PostgresEventStore implements EventStore {
  readonly #objects: SchemaObjects;
  readonly #wakeups: AppendWakeups;
  readonly #pageSize: number;
  readonly #pollIntervalMs: number;
  readonly #subscriptions = new Set<PollingSubscription>();

  constructor(
    readonly pool: PostgresPool,
    options: PostgresEventStoreOptions,
  ) {
    this.#objects = schemaObjects(options.schema);
    this.#pageSize = options.pageSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    if (!Number.isInteger(this.#pageSize) || this.#pageSize < 1) throw new TypeError(`PostgresEventStore: pageSize must be a whole number of 1 or more, got ${this.#pageSize}`);
    if (!(this.#pollIntervalMs > 0)) throw new TypeError(`PostgresEventStore: pollIntervalMs must be more than 0, got ${this.#pollIntervalMs}`);
    this.#wakeups = options.listen === false ? noWakeups : new AppendNotifications(pool, this.#objects.channel, this.#pollIntervalMs);
  }

  /** The schema the store lives in. */
  get schema(): string {
    return this.#objects.schema;
  }

  async append(
    stream: string,
    events: ReadonlyNonEmptyArray<EventToAppend>,
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<E.Either<WrongExpectedVersion, AppendResult>> {
    checkStream(stream);
    if (!Array.isArray(events) || events.length === 0) throw new TypeError(`PostgresEventStore: append to ${stream} needs at least one event`);
    const expected = options.expectedRevision;
    checkExpectedRevision(expected);
    events.forEach(checkEvent);
    const o = this.#objects;
    const payload = JSON.stringify(events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })));
    try {
      return await transact(this.pool, async (client) => {
        // Its own statement: the next one's snapshot must see the commit of the append before.
        await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int), pg_notify($3, \'\')', [APPEND_LOCK_CLASS, o.lockKey, o.channel]);
        const actual = await currentRevision(client, o, stream);
        if (!revisionSatisfies(expected, actual)) return E.left(wrongExpectedVersion(stream, expected, actual));
        const first = actual === 'no_stream' ? 0n : actual + 1n;
        const inserted = await client.query(
          `WITH reserved AS (SELECT setval(${o.positionSequenceLiteral}, nextval(${o.positionSequenceLiteral}) + $2::bigint - 1) AS last)
           INSERT INTO ${o.events} (position, stream, revision, event_id, type, data, metadata)
           SELECT reserved.last - $2::bigint + e.ord, $1, $3::bigint + e.ord - 1, e.value ->> 'id', e.value ->> 'type', e.value -> 'data', e.value -> 'metadata'
           FROM reserved, jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ord)
           RETURNING position`,
          [stream, events.length, first.toString(), payload],
        );
        const position = inserted.rows.map((r) => toBigInt(r.position)).reduce((a, b) => (a > b ? a : b));
        return E.right({ nextRevision: first + BigInt(events.length) - 1n, position });
      });
    } catch (error) {
      // Only a writer that bypassed the lock can get here: the constraint held, so say where the stream is.
      if (!isUniqueViolation(error)) throw error;
      const actual = await transact(this.pool, async (client) => E.right(await currentRevision(client, o, stream)));
      return E.left(wrongExpectedVersion(stream, expected, E.isRight(actual) ? actual.right : 'no_stream'));
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<E.Either<StreamNotFound, readonly RecordedEvent[]>> {
    const maxCount = checkCount(options.maxCount);
    const from = options.fromRevision === undefined ? undefined : checkRevision(options.fromRevision, 'fromRevision');
    const backwards = options.direction === 'backwards';
    const o = this.#objects;
    const values: unknown[] = [stream];
    let where = 'stream = $1';
    if (from !== undefined) {
      values.push(bigintParam(from));
      where += backwards ? ' AND revision <= $2' : ' AND revision >= $2';
    }
    const limit = Number.isFinite(maxCount) ? ` LIMIT ${maxCount}` : '';
    const rows = await query(this.pool, `SELECT ${COLUMNS} FROM ${o.events} WHERE ${where} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit}`, values);
    if (rows.length === 0) {
      const exists = await query(this.pool, `SELECT EXISTS (SELECT 1 FROM ${o.events} WHERE stream = $1) AS exists`, [stream]);
      if (exists[0]?.exists !== true) return E.left(streamNotFound(stream));
    }
    return E.right(rows.map(toRecorded));
  }

  /** Reads up to `limit` events after `after` that pass the filter, in position order. */
  readonly #readPage = async (after: GlobalPosition | undefined, filter: EventFilter | undefined, limit: number): Promise<RecordedEvent[]> => {
    const values: unknown[] = [];
    const conditions = filterConditions(filter, values);
    if (after !== undefined) {
      values.push(bigintParam(after));
      conditions.push(`position > $${values.length}::bigint`);
    }
    const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
    const rows = await query(this.pool, `SELECT ${COLUMNS} FROM ${this.#objects.events}${where} ORDER BY position LIMIT ${limit}`, values);
    return rows.map(toRecorded);
  };

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const maxCount = checkCount(options.maxCount);
    const readPage = this.#readPage;
    const pageSize = this.#pageSize;
    return {
      async *[Symbol.asyncIterator]() {
        let after = options.fromPosition;
        let delivered = 0;
        while (delivered < maxCount) {
          const limit = Math.min(pageSize, maxCount - delivered);
          const page = await readPage(after, options.filter, limit);
          for (const event of page) yield event;
          delivered += page.length;
          const last = page[page.length - 1];
          if (last === undefined || page.length < limit) return;
          after = last.position;
        }
      },
    };
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new PollingSubscription(this.#readPage, this.#wakeups, options, handler, { pageSize: this.#pageSize, pollIntervalMs: this.#pollIntervalMs });
    this.#subscriptions.add(subscription);
    void subscription.closed.then(() => this.#subscriptions.delete(subscription));
    return subscription;
  }

  /**
   * Deletes a stream: its events leave the stream and `$all` for good, and its name is free
   * again (an append expecting `'no_stream'` starts it over at revision 0, at new positions).
   * This is the client-package rule "remove an archived package entirely": append
   * `ClientPackageDeleted`, wait until the projections have taken it in
   * (`running.reached(position)`), then delete the stream. A reader that has not read the
   * stream by then never sees it; positions of other events do not change, so checkpoints
   * stay valid. Takes the append lock, so it never interleaves with an append to the stream.
   *
   * Left `stream_not_found` when the stream has no events, `wrong_expected_version` when
   * `expectedRevision` is given and the stream is elsewhere.
   *
   * @example
   * const deleted = await store.deleteStream('clientPackage-cp-1', { expectedRevision: 7n });
   * if (E.isRight(deleted)) console.log(deleted.right.deletedEvents); // 8
   */
  async deleteStream(stream: string, options: DeleteStreamOptions = {}): Promise<E.Either<StreamNotFound | WrongExpectedVersion, StreamDeleted>> {
    checkStream(stream);
    const expected = options.expectedRevision ?? 'any';
    checkExpectedRevision(expected);
    const o = this.#objects;
    return transact(this.pool, async (client): Promise<E.Either<StreamNotFound | WrongExpectedVersion, StreamDeleted>> => {
      await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [APPEND_LOCK_CLASS, o.lockKey]);
      const actual = await currentRevision(client, o, stream);
      if (actual === 'no_stream') return E.left(streamNotFound(stream));
      if (!revisionSatisfies(expected, actual)) return E.left(wrongExpectedVersion(stream, expected, actual));
      const deleted = await client.query(`DELETE FROM ${o.events} WHERE stream = $1`, [stream]);
      return E.right({ stream, deletedEvents: deleted.rowCount ?? 0, lastRevision: actual });
    });
  }

  /**
   * Stops every subscription of this store (each settles `closed` as `stopped`) and
   * closes its LISTEN connection. The pool is the host's: end it yourself (or use
   * `openPostgres`, whose `close` does).
   */
  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
  }
}
