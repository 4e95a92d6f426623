import type pg from 'pg';
import type { PostgresClient, PostgresPool } from '@packledger/postgres';

/** What to do to a statement: fail it before it is sent, kill the connection under it, or hold it back (for a time, or until a promise settles). */
export type Fault =
  | { readonly kind: 'throw' }
  | { readonly kind: 'kill' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'wait'; readonly until: Promise<void> };

/** Decides, for each statement a store sends, whether a fault strikes it. */
export type FaultPlan = (sql: string) => Fault | undefined;

/** The error an injected 'throw' fault raises. */
export class InjectedFailure extends Error {}

/**
 * A pool whose connections run each statement past `plan` first: a client wrapper, so the
 * stores under test run unchanged. 'kill' terminates the connection's server process from
 * another connection, then sends the statement (which fails as the server went away).
 */
export const faultyPool = (pool: pg.Pool, plan: FaultPlan): PostgresPool => ({
  connect: async (): Promise<PostgresClient> => {
    const client = await pool.connect();
    const query = async (text: string, values?: unknown[]) => {
      const fault = plan(text);
      if (fault?.kind === 'throw') throw new InjectedFailure(`injected failure before: ${text.replace(/\s+/g, ' ').slice(0, 60)}`);
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === 'wait') await fault.until;
      if (fault?.kind === 'kill') {
        const pid = (client as unknown as { processID: number }).processID;
        await pool.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
      }
      return client.query(text, values);
    };
    return new Proxy(client, {
      get: (target, property) => {
        if (property === 'query') return query;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as PostgresClient;
  },
});
