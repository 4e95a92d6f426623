import { eventStoreContract } from '@packledger/application/testing';
import { PostgresEventStore } from '@packledger/postgres';
import { describeWithPostgres, useFreshSchema } from './support/postgres';

describeWithPostgres('PostgresEventStore', () => {
  const db = useFreshSchema('contract');
  let store: PostgresEventStore | undefined;
  const storeOf = (): PostgresEventStore => (store ??= new PostgresEventStore(db().pool, { schema: db().schema }));
  afterAll(async () => store?.close());

  eventStoreContract('PostgreSQL (LISTEN/NOTIFY and polling)', storeOf, { framework: { describe, it }, timeoutMs: 30_000 });
});

describeWithPostgres('PostgresEventStore without LISTEN', () => {
  const db = useFreshSchema('contract_poll');
  let store: PostgresEventStore | undefined;
  // Polling only, as behind a pooler in transaction mode; a short interval keeps the suite quick.
  const storeOf = (): PostgresEventStore => (store ??= new PostgresEventStore(db().pool, { schema: db().schema, listen: false, pollIntervalMs: 20, pageSize: 2 }));
  afterAll(async () => store?.close());

  eventStoreContract('PostgreSQL (polling only, pages of 2)', storeOf, { framework: { describe, it }, timeoutMs: 30_000 });
});
