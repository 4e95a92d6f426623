import type { DocumentChange, Positioned, ReadModelStore } from '@packledger/projections';
import { schemaObjects, type SchemaName, type SchemaObjects } from './schema';
import { inTransaction, query, toBigInt, type PostgresPool, type SqlRow } from './sql';

/** A document as stored: its id and its JSON content. */
export interface StoredDocument {
  readonly id: string;
  readonly doc: Positioned;
}

/** Sorts documents by id as `InMemoryReadModelStore.all` does (UTF-16 code units), whatever order the database used. */
export const inIdOrder = <D extends StoredDocument>(docs: readonly D[]): D[] => [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const toStored = (row: SqlRow): StoredDocument => ({ id: String(row.id), doc: row.doc as Positioned });

/** What the query functions (`selectTrackingReport`, ...) need of a read-model store. */
export interface ReadModelDatabase {
  readonly pool: PostgresPool;
  readonly schema: SchemaName;
}

/**
 * The read-model store on PostgreSQL: each view's documents as JSONB rows of
 * `view_documents` (view, id, doc), each view's checkpoint in `view_checkpoints`. A
 * `commit` writes the documents and moves the checkpoint in one transaction: a crash or a
 * failed statement at any point leaves both as they were, so the runner resumes after the
 * stored checkpoint and counts every event once.
 *
 * A commit first moves the checkpoint row (locking it until COMMIT) and refuses, by
 * throwing, a checkpoint behind the stored one. So commits to one view are serialized, and
 * when two runners feed one view, the one that falls behind stops (its subscription ends as
 * `handler_failed`) before it writes anything, and the documents are always those of a
 * single runner's history: the runners converge, or one stops.
 *
 * The queries the views need run as SQL over indexed JSONB fields: see
 * `selectTrackingReport`, `selectClientPackages`, `selectPacksAvailableFor`,
 * `selectOfficeCreditInformation`, `selectPacksOfOwner`, `selectAvailableToOwner`,
 * `selectAvailableToClient`.
 *
 * @example
 * await migrate(pool, { schema: 'packledger' });
 * const readModels = new PostgresReadModelStore(pool, { schema: 'packledger' });
 * const running = await startProjections({ events, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 * const report = await selectTrackingReport(readModels, { companyId: 'acme' }, '2026-03-01T00:00:00Z');
 */
export class PostgresReadModelStore implements ReadModelStore, ReadModelDatabase {
  readonly schema: SchemaName;
  readonly #objects: SchemaObjects;

  constructor(
    readonly pool: PostgresPool,
    options: { readonly schema: string },
  ) {
    this.#objects = schemaObjects(options.schema);
    this.schema = this.#objects.schema;
  }

  async get(view: string, ids: readonly string[]): Promise<ReadonlyMap<string, Positioned>> {
    if (ids.length === 0) return new Map();
    const rows = await query(this.pool, `SELECT id, doc FROM ${this.#objects.documents} WHERE view = $1 AND id = ANY ($2::text[])`, [view, [...ids]]);
    const found = new Map(rows.map(toStored).map((d) => [d.id, d.doc]));
    // In the order asked for, as the in-memory store gives them.
    return new Map(ids.flatMap((id) => {
      const doc = found.get(id);
      return doc === undefined ? [] : [[id, doc] as const];
    }));
  }

  async commit(view: string, changes: readonly DocumentChange[], checkpoint: bigint): Promise<void> {
    const o = this.#objects;
    // The last change of an id wins, as if they were applied one by one.
    const latest = new Map(changes.map((c) => [c.id, c.doc] as const));
    const written = [...latest].flatMap(([id, doc]) => (doc === null ? [] : [{ id, doc }]));
    const deleted = [...latest].flatMap(([id, doc]) => (doc === null ? [id] : []));
    await inTransaction(this.pool, async (client) => {
      const moved = await client.query(
        `INSERT INTO ${o.checkpoints} AS c (view, position) VALUES ($1, $2::bigint)
         ON CONFLICT (view) DO UPDATE SET position = excluded.position WHERE c.position <= excluded.position
         RETURNING position`,
        [view, checkpoint.toString()],
      );
      if (moved.rows.length === 0) {
        const stored = await client.query(`SELECT position FROM ${o.checkpoints} WHERE view = $1`, [view]);
        throw new Error(`view ${view}: checkpoint ${checkpoint} is behind the stored ${String(stored.rows[0]?.position)}; two runners feed one view`);
      }
      if (written.length > 0) {
        await client.query(
          `INSERT INTO ${o.documents} (view, id, doc)
           SELECT $1, d.id, d.doc FROM jsonb_to_recordset($2::jsonb) AS d(id text, doc jsonb)
           ON CONFLICT (view, id) DO UPDATE SET doc = excluded.doc`,
          [view, JSON.stringify(written)],
        );
      }
      if (deleted.length > 0) await client.query(`DELETE FROM ${o.documents} WHERE view = $1 AND id = ANY ($2::text[])`, [view, deleted]);
    });
  }

  async checkpoint(view: string): Promise<bigint | undefined> {
    const rows = await query(this.pool, `SELECT position FROM ${this.#objects.checkpoints} WHERE view = $1`, [view]);
    return rows[0] === undefined ? undefined : toBigInt(rows[0].position);
  }

  async all(view: string): Promise<readonly Positioned[]> {
    const rows = await query(this.pool, `SELECT id, doc FROM ${this.#objects.documents} WHERE view = $1 ORDER BY id`, [view]);
    return inIdOrder(rows.map(toStored)).map((d) => d.doc);
  }

  async drop(view: string): Promise<void> {
    const o = this.#objects;
    await inTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM ${o.documents} WHERE view = $1`, [view]);
      await client.query(`DELETE FROM ${o.checkpoints} WHERE view = $1`, [view]);
    });
  }
}

/** The statement that reads a view's documents matching SQL conditions over `doc` and `id` (`$1` is the view). */
export const documentsStatement = (schema: SchemaName, view: string, conditions: readonly string[], values: readonly unknown[]): { readonly text: string; readonly values: unknown[] } => ({
  text: `SELECT id, doc FROM ${schemaObjects(schema).documents} WHERE ${['view = $1', ...conditions].join(' AND ')} ORDER BY id`,
  values: [view, ...values],
});

/** Documents of a view matching SQL conditions, in id order (as `all` gives them); for the query functions. */
export const selectDocuments = async <D extends Positioned>(db: ReadModelDatabase, view: string, conditions: readonly string[], values: readonly unknown[]): Promise<D[]> => {
  const statement = documentsStatement(db.schema, view, conditions, values);
  const rows = await query(db.pool, statement.text, statement.values);
  return inIdOrder(rows.map(toStored)).map((d) => d.doc as D);
};
