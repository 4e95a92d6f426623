// The harness of the tests of @eventstore/db-client v6: the test server speaking that client's
// protocol, the client, and the adapter over it. Never import it beside ./kurrentdb-client.
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { eventStoreDbStore, kurrentDbStore, type EventStoreDbStoreOptions } from '@packledger/eventstoredb';
import type { Harness, HarnessOptions } from './harness';
import { eventStoreDbClientProtocol } from './test-server/protocol-eventstore-db-client';
import { TestEventStoreServer } from './test-server/server';

/** Starts a test server and an adapter over a v6 client connected to it. */
export const startEventStoreDb = async (options: HarnessOptions = {}, storeOptions: EventStoreDbStoreOptions = {}): Promise<Harness> => {
  const server = await TestEventStoreServer.start(eventStoreDbClientProtocol, options.server);
  const client = EventStoreDBClient.connectionString(server.connectionString());
  return {
    client: 'eventstore-db-client',
    server,
    store: eventStoreDbStore(client, storeOptions),
    storeWith: (more) => eventStoreDbStore(client, { ...storeOptions, ...more }),
    // The KurrentDB client's option name, which v6 does not read.
    appendWithTheOtherClientsOption: async (stream, type, expected) => {
      const result = await client.appendToStream(stream, [jsonEvent({ type, data: {} })], { streamState: expected } as never);
      return result.nextExpectedRevision;
    },
    connectAgain: (settings) => {
      const again = EventStoreDBClient.connectionString(`${server.connectionString()}&${settings}`);
      return { store: eventStoreDbStore(again, storeOptions), dispose: () => again.dispose() };
    },
    buildWithTheOtherFactory: () => kurrentDbStore(client as never),
    dispose: async () => {
      await client.dispose();
      await server.stop();
    },
  };
};
