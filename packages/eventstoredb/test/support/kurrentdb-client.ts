// The harness of the tests of @kurrent/kurrentdb-client: the test server speaking that client's
// protocol, the client, and the adapter over it. Never import it beside ./eventstore-db-client.
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { eventStoreDbStore, kurrentDbStore, type EventStoreDbStoreOptions } from '@packledger/eventstoredb';
import type { Harness, HarnessOptions } from './harness';
import { kurrentDbClientProtocol } from './test-server/protocol-kurrentdb-client';
import { TestEventStoreServer } from './test-server/server';

/** Starts a test server and an adapter over a KurrentDB client connected to it. */
export const startKurrentDb = async (options: HarnessOptions = {}, storeOptions: EventStoreDbStoreOptions = {}): Promise<Harness> => {
  const server = await TestEventStoreServer.start(kurrentDbClientProtocol, options.server);
  // discoveryInterval=0: the native reader otherwise waits 500 ms before its first connection.
  const connectionString = `${server.connectionString('kurrentdb')}&discoveryInterval=0`;
  const client = KurrentDBClient.connectionString(connectionString);
  return {
    client: 'kurrentdb-client',
    server,
    store: kurrentDbStore(client, storeOptions),
    storeWith: (more) => kurrentDbStore(client, { ...storeOptions, ...more }),
    // The v6 client's option name, which the KurrentDB client silently ignores.
    appendWithTheOtherClientsOption: async (stream, type, expected) => {
      const result = await client.appendToStream(stream, [jsonEvent({ type, data: {} })], { expectedRevision: expected } as never);
      return result.nextExpectedRevision;
    },
    connectAgain: (settings) => {
      const again = KurrentDBClient.connectionString(`${connectionString}&${settings}`);
      return { store: kurrentDbStore(again, storeOptions), dispose: () => again.dispose() };
    },
    buildWithTheOtherFactory: () => eventStoreDbStore(client as never),
    dispose: async () => {
      await client.dispose();
      await server.stop();
    },
  };
};
