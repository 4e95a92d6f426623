import * as E from 'fp-ts/Either';
import { absurd } from 'fp-ts/function';

/** One row of a query result, as the driver parses it (`bigint` columns arrive as strings, `jsonb` as values). */
export type SqlRow = Record<string, unknown>;

/**
 * What this package needs of a connection. `pg`'s `PoolClient` has all of it; so does any
 * wrapper with the same methods (tests use one to inject failures at a chosen statement).
 */
export interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: SqlRow[]; readonly rowCount: number | null }>;
  /** Gives the connection back to its pool; `true` or an error closes it instead. */
  release(destroy?: Error | boolean): void;
  on(event: 'notification', listener: (message: { readonly channel: string; readonly payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'notification', listener: (message: { readonly channel: string; readonly payload?: string }) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * What this package needs of a connection pool: `pg`'s `Pool` has it, so a host passes its
 * own. Every operation checks a connection out and gives it back; a subscription's
 * LISTEN connection is held while at least one subscription runs.
 */
export interface PostgresPool {
  connect(): Promise<PostgresClient>;
}

// A checked-out client with no 'error' listener would crash the process when its server
// goes away between two statements; the failed statement reports the problem instead.
const ignoreClientError = (): void => undefined;

const checkOut = async (pool: PostgresPool): Promise<PostgresClient> => {
  const client = await pool.connect();
  client.on('error', ignoreClientError);
  return client;
};

const giveBack = (client: PostgresClient, destroy?: Error | boolean): void => {
  client.removeListener('error', ignoreClientError);
  client.release(destroy);
};

/** Runs one statement on a connection of the pool. */
export const query = async (pool: PostgresPool, text: string, values?: unknown[]): Promise<SqlRow[]> => {
  const client = await checkOut(pool);
  try {
    const result = await client.query(text, values);
    giveBack(client);
    return result.rows;
  } catch (error) {
    giveBack(client, error instanceof Error ? error : true);
    throw error;
  }
};

/**
 * Runs `work` in one transaction on one connection: COMMIT when it returns Right, ROLLBACK
 * when it returns Left or throws (and then rethrows). A connection whose ROLLBACK fails is
 * closed rather than given back.
 */
export const transact = async <L, R>(pool: PostgresPool, work: (client: PostgresClient) => Promise<E.Either<L, R>>): Promise<E.Either<L, R>> => {
  const client = await checkOut(pool);
  let outcome: E.Either<L, R>;
  try {
    await client.query('BEGIN');
    outcome = await work(client);
    await client.query(E.isRight(outcome) ? 'COMMIT' : 'ROLLBACK');
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      giveBack(client);
    } catch {
      giveBack(client, true);
    }
    throw error;
  }
  giveBack(client);
  return outcome;
};

/** Runs `work` in one transaction: all of it or none of it. */
export const inTransaction = async <T>(pool: PostgresPool, work: (client: PostgresClient) => Promise<T>): Promise<T> => {
  const outcome = await transact(pool, async (client) => E.right<never, T>(await work(client)));
  return E.isLeft(outcome) ? absurd(outcome.left) : outcome.right;
};

/** A bigint column as the driver gives it (a decimal string) or a JS number, as a `bigint`. */
export const toBigInt = (value: unknown): bigint => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' || typeof value === 'number') return BigInt(value);
  throw new TypeError(`expected a bigint column, got ${typeof value}`);
};

/** True for PostgreSQL's unique_violation (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** Largest value of a PostgreSQL `bigint`. */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** A `bigint` bound clamped to PostgreSQL's range, as a parameter string. */
export const bigintParam = (value: bigint): string => (value > MAX_BIGINT ? MAX_BIGINT : value < -MAX_BIGINT ? -MAX_BIGINT : value).toString();
