// The shared event-store contract, unchanged, against the adapter over @kurrent/kurrentdb-client
// and the in-process test server.
import { eventStoreContract } from '@packledger/application/testing';
import type { Harness } from './support/harness';
import { startKurrentDb } from './support/kurrentdb-client';

let harness: Harness | undefined;
beforeAll(async () => {
  harness = await startKurrentDb();
});
afterAll(async () => {
  await harness?.dispose();
});

eventStoreContract('KurrentDB (@kurrent/kurrentdb-client, in-process test server)', () => {
  if (harness === undefined) throw new Error('the test server did not start');
  return harness.store;
});
