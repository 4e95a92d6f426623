import pg from 'pg';
import { PostgresEventStore, type PostgresEventStoreOptions } from './event-store';
import { migrate, type MigrationReport } from './migrations';
import { PostgresReadModelStore } from './read-model-store';
import { schemaObjects } from './schema';
import { query, type PostgresPool } from './sql';

/** Options of {@link openPostgres}: a pool of the host's, or a connection string to make one from. */
export interface OpenPostgresOptions extends PostgresEventStoreOptions {
  /** The host's pool; it stays open after `close`. */
  readonly pool?: PostgresPool;
  /** Used when no pool is given: a pool is made for it, and `close` ends it. */
  readonly connectionString?: string;
  /** Connections of the pool made from `connectionString` (default 10). */
  readonly maxConnections?: number;
}

/** Both PostgreSQL stores on one schema, migrated. */
export interface PostgresStores {
  readonly pool: PostgresPool;
  readonly events: PostgresEventStore;
  readonly readModels: PostgresReadModelStore;
  /** What the migration did when opening. */
  readonly migration: MigrationReport;
  /** Stops the event store's subscriptions, and ends the pool if `openPostgres` made it. */
  close(): Promise<void>;
}

/**
 * Opens packledger on PostgreSQL: makes a pool from `connectionString` unless the host
 * passes its own `pool`, creates or migrates the schema (see `migrate`), and gives the event
 * store and the read-model store on it.
 *
 * @example
 * const db = await openPostgres({ connectionString: process.env.PACKLEDGER_PG_URL, schema: 'packledger' });
 * const handle = commandHandler(db.events, creditPackAggregate);
 * const running = await startProjections({ events: db.events, readModels: db.readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 * // ...
 * await running.stop();
 * await db.close();
 */
export const openPostgres = async (options: OpenPostgresOptions): Promise<PostgresStores> => {
  schemaObjects(options.schema);
  let owned: pg.Pool | undefined;
  let pool = options.pool;
  if (pool === undefined) {
    if (options.connectionString === undefined || options.connectionString === '') throw new TypeError('openPostgres: give a pool or a connectionString');
    owned = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    // An idle connection that fails is dropped and replaced by the pool; the next query reports anything lasting.
    owned.on('error', () => undefined);
    pool = owned;
  }
  let migration: MigrationReport;
  try {
    migration = await migrate(pool, { schema: options.schema });
  } catch (error) {
    await owned?.end();
    throw error;
  }
  const events = new PostgresEventStore(pool, options);
  const readModels = new PostgresReadModelStore(pool, { schema: options.schema });
  return {
    pool,
    events,
    readModels,
    migration,
    close: async () => {
      await events.close();
      await owned?.end();
    },
  };
};

/**
 * Drops a packledger schema and everything in it: events, views, checkpoints. For tests,
 * benchmarks and tearing down a tenant; there is no undo.
 *
 * @example
 * await dropSchema(pool, { schema: 'packledger_bench' });
 */
export const dropSchema = async (pool: PostgresPool, options: { readonly schema: string }): Promise<void> => {
  await query(pool, `DROP SCHEMA IF EXISTS ${schemaObjects(options.schema).quotedSchema} CASCADE`);
};
