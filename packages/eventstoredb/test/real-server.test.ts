// The contract and the concurrency rules against a real EventStoreDB or KurrentDB, when
// PACKLEDGER_ESDB_URL names one (esdb://localhost:2113?tls=false). PACKLEDGER_ESDB_CLIENT=kurrentdb
// uses @kurrent/kurrentdb-client instead of @eventstore/db-client v6; only the chosen client is
// loaded. Without a URL the suite is not registered and one test says so, loudly.
import { randomUUID } from 'node:crypto';
import type * as EventStoreDbClientPackage from '@eventstore/db-client';
import type * as KurrentDbClientPackage from '@kurrent/kurrentdb-client';
import { eventStoreContract } from '@packledger/application/testing';
import { eventStoreDbStore, kurrentDbStore, type EventStoreDbStore } from '@packledger/eventstoredb';
import * as E from 'fp-ts/Either';

const url = process.env.PACKLEDGER_ESDB_URL;
const clientName = process.env.PACKLEDGER_ESDB_CLIENT === 'kurrentdb' ? 'kurrentdb' : 'eventstore-db';

if (url === undefined || url === '') {
  test('the real-server suite is skipped: PACKLEDGER_ESDB_URL is not set', () => {
    console.warn('SKIPPED: EventStoreDB real-server tests did not run; set PACKLEDGER_ESDB_URL (e.g. esdb://localhost:2113?tls=false) to run them.');
  });
} else {
  const connect = (): { store: EventStoreDbStore; dispose: () => Promise<void> } => {
    if (clientName === 'kurrentdb') {
      const { KurrentDBClient } = jest.requireActual<typeof KurrentDbClientPackage>('@kurrent/kurrentdb-client');
      const client = KurrentDBClient.connectionString(url);
      return { store: kurrentDbStore(client), dispose: () => client.dispose() };
    }
    const { EventStoreDBClient } = jest.requireActual<typeof EventStoreDbClientPackage>('@eventstore/db-client');
    const client = EventStoreDBClient.connectionString(url);
    return { store: eventStoreDbStore(client), dispose: () => client.dispose() };
  };
  const connection = connect();
  afterAll(() => connection.dispose());

  eventStoreContract(`EventStoreDB at ${url} (${clientName} client)`, () => connection.store, { timeoutMs: 20_000 });

  const event = (type: string) => ({
    id: randomUUID(),
    type,
    data: {},
    metadata: { schemaVersion: 1, commandId: randomUUID(), correlationId: 'real-server', causationId: 'real-server', actor: 'system:test', occurredAt: '2026-01-31T10:00:00.000Z' },
  });

  test('a real server refuses a second creation of a stream through the adapter (concurrency is enforced)', async () => {
    const stream = `realServer-${randomUUID()}`;
    expect(E.isRight(await connection.store.append(stream, [event('Opened')], { expectedRevision: 'no_stream' }))).toBe(true);
    const again = await connection.store.append(stream, [event('Opened')], { expectedRevision: 'no_stream' });
    expect(E.isLeft(again) && again.left.facts).toEqual({ stream, expected: 'no_stream', actual: 0n });
  }, 20_000);

  test('a real server forgets a tombstoned stream for good', async () => {
    const stream = `realServer-${randomUUID()}`;
    expect(E.isRight(await connection.store.append(stream, [event('Opened')], { expectedRevision: 'no_stream' }))).toBe(true);
    expect(E.isRight(await connection.store.deleteStream(stream, { tombstone: true }))).toBe(true);
    expect(E.isLeft(await connection.store.readStream(stream))).toBe(true);
  }, 20_000);
}
