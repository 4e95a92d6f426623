import type { EventToAppend } from '@packledger/application';
import { dropSchema, openPostgres } from '@packledger/postgres';
import { creditBalances, creditHistory, creditPackTracking, eventDecoder, packledgerStreams, rebuildViews } from '@packledger/projections';
import { performance } from 'node:perf_hooks';
import { generateEvents, storeOf } from './generate';
import type { Figure } from './harness';

const url = process.env.PACKLEDGER_PG_URL;
const skipped = (name: string) => {
  console.warn(`SKIPPED ${name}: set PACKLEDGER_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to measure it`);
  return Number.NaN;
};
const withSchema = async <A>(f: (stores: Awaited<ReturnType<typeof openPostgres>>) => Promise<A>): Promise<A> => {
  const schema = `bench_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const stores = await openPostgres({ connectionString: url ?? '', schema });
  try {
    return await f(stores);
  } finally {
    await dropSchema(stores.pool, { schema });
    await stores.close();
  }
};

/** PostgreSQL event store: appends of 100 events each to fresh streams. */
export const pgAppendsPerSecond: Figure = {
  name: 'pg_appends_per_s_batch100',
  unit: 'events/s',
  better: 'higher',
  workload: 'PostgresEventStore.append of 200 batches of 100 events (one stream each, expected revision no_stream), local PostgreSQL',
  measure: async () => {
    if (url === undefined) return skipped('pg_appends_per_s_batch100');
    return withSchema(async ({ events }) => {
      const event = (s: number, i: number): EventToAppend => ({
        id: `e-${s}-${i}`, type: 'BenchEvent', data: { n: i, text: 'x'.repeat(100) },
        metadata: { schemaVersion: 1, commandId: `c-${s}`, correlationId: `c-${s}`, causationId: `c-${s}`, actor: 'system:bench', occurredAt: '2026-01-01T00:00:00.000Z' },
      });
      const batch = (s: number): [EventToAppend, ...EventToAppend[]] => [event(s, 0), ...Array.from({ length: 99 }, (_, i) => event(s, i + 1))];
      const start = performance.now();
      for (let s = 0; s < 200; s++) await events.append(`bench-${s}`, batch(s), { expectedRevision: 'no_stream' });
      return 20_000 / ((performance.now() - start) / 1000);
    });
  },
};

/** PostgreSQL event store: one event per append. */
export const pgAppendsPerSecondSingle: Figure = {
  name: 'pg_appends_per_s_single',
  unit: 'events/s',
  better: 'higher',
  workload: 'PostgresEventStore.append of 2,000 single events (200 streams x 10, exact expected revisions), local PostgreSQL',
  measure: async () => {
    if (url === undefined) return skipped('pg_appends_per_s_single');
    return withSchema(async ({ events }) => {
      const start = performance.now();
      for (let n = 0; n < 10; n++) {
        for (let s = 0; s < 200; s++) {
          const e: EventToAppend = {
            id: `e-${s}-${n}`, type: 'BenchEvent', data: { n },
            metadata: { schemaVersion: 1, commandId: `c-${s}-${n}`, correlationId: 'bench', causationId: 'bench', actor: 'system:bench', occurredAt: '2026-01-01T00:00:00.000Z' },
          };
          await events.append(`single-${s}`, [e], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
        }
      }
      return 2_000 / ((performance.now() - start) / 1000);
    });
  },
};

let generated: ReturnType<typeof storeOf> | undefined;

/** Rebuild of the credit views into the PostgreSQL read-model store from 100,000 events. */
export const pgRebuildEventsPerSecond: Figure = {
  name: 'pg_rebuild_events_per_s',
  unit: 'events/s',
  better: 'higher',
  warmUp: false,
  workload: 'rebuildViews of credit balances, history and tracking from 100,000 generated events (in-memory store) into PostgresReadModelStore, local PostgreSQL',
  measure: async () => {
    if (url === undefined) return skipped('pg_rebuild_events_per_s');
    generated ??= storeOf(generateEvents(100_000));
    const store = generated;
    return withSchema(async ({ readModels }) => {
      const start = performance.now();
      const n = await rebuildViews({ events: store, readModels, views: [creditBalances, creditHistory, creditPackTracking], decode: eventDecoder(packledgerStreams), total: 0 });
      return n / ((performance.now() - start) / 1000);
    });
  },
};
