import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropSchema, migrate } from '@packledger/postgres';

const configured = process.env.PACKLEDGER_PG_URL;
const inCi = process.env.CI !== undefined && process.env.CI !== '';

/** The server the PostgreSQL suites run against, or undefined when none is configured. */
export const postgresUrl = configured === undefined || configured.trim() === '' ? undefined : configured;

if (postgresUrl === undefined && inCi) {
  throw new Error('PACKLEDGER_PG_URL is not set but CI is: in CI the PostgreSQL suites must run, not skip (bash .ci/run starts the server and sets the variable).');
}

/** The loud line printed (once, by postgres-server.test.ts) when the suites are skipped. */
export const SKIPPED_LINE = 'SKIPPED: the PostgreSQL tests need PACKLEDGER_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test); they run in CI, where it is set.';

/** `describe` when a server is configured; otherwise the block's tests are registered as skipped. */
export const describeWithPostgres: jest.Describe = postgresUrl === undefined ? describe.skip : describe;

/** A pool on the configured server; idle-connection errors (from the fault tests' killed connections) are expected. */
export const newPool = (max = 20): pg.Pool => {
  const pool = new pg.Pool({ connectionString: postgresUrl, max });
  pool.on('error', () => undefined);
  return pool;
};

/** A schema name unique to this run. */
export const uniqueSchema = (label = 'test'): string => `packledger_${label}_${randomBytes(5).toString('hex')}`;

/** A pool and a fresh, migrated schema for the test file, dropped after it. */
export interface TestDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
}

/** Declares the hooks that make a fresh schema before the block's tests and drop it after; call inside `describeWithPostgres`. */
export const useFreshSchema = (label?: string): (() => TestDatabase) => {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    const pool = newPool();
    const schema = uniqueSchema(label);
    await migrate(pool, { schema });
    db = { pool, schema };
  });
  afterAll(async () => {
    if (db === undefined) return;
    await dropSchema(db.pool, { schema: db.schema });
    await db.pool.end();
  });
  return () => {
    if (db === undefined) throw new Error('the test database is made in beforeAll');
    return db;
  };
};

/** Runs `work` on a fresh, migrated schema of its own, dropped after (for property runs that each need an empty store). */
export const inFreshSchema = async <T>(pool: pg.Pool, work: (schema: string) => Promise<T>): Promise<T> => {
  const schema = uniqueSchema('run');
  await migrate(pool, { schema });
  try {
    return await work(schema);
  } finally {
    await dropSchema(pool, { schema });
  }
};
