// The shared event-store contract, unchanged, against the adapter over @eventstore/db-client v6
// and the in-process test server.
import { eventStoreContract } from '@packledger/application/testing';
import type { Harness } from './support/harness';
import { startEventStoreDb } from './support/eventstore-db-client';

let harness: Harness | undefined;
beforeAll(async () => {
  harness = await startEventStoreDb();
});
afterAll(async () => {
  await harness?.dispose();
});

eventStoreContract('EventStoreDB (@eventstore/db-client v6, in-process test server)', () => {
  if (harness === undefined) throw new Error('the test server did not start');
  return harness.store;
});
