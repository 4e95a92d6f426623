// What the tests of either client get: a test server, an adapter over the client connected to it,
// and the raw client for the one thing the adapter must never do.
import type { EventStoreDbStore, EventStoreDbStoreOptions } from '@packledger/eventstoredb';
import type { TestEventStoreServer, TestServerOptions } from './test-server/server';

export interface HarnessOptions {
  readonly server?: TestServerOptions;
}

export interface Harness {
  readonly client: 'eventstore-db-client' | 'kurrentdb-client';
  readonly server: TestEventStoreServer;
  readonly store: EventStoreDbStore;
  /** Another adapter over the same client, with other options. */
  storeWith(options: EventStoreDbStoreOptions): EventStoreDbStore;
  /**
   * Appends one event through the raw client, passing the expected revision under the option name
   * of the *other* client package (the trap): resolves with the revision the client reports.
   */
  appendWithTheOtherClientsOption(stream: string, type: string, expected: 'no_stream' | bigint): Promise<bigint>;
  /** A second client, with `settings` added to its connection string, and a store over it. */
  connectAgain(settings: string): { readonly store: EventStoreDbStore; dispose(): Promise<void> };
  /** Builds a store over this client with the factory meant for the other client package. */
  buildWithTheOtherFactory(): unknown;
  dispose(): Promise<void>;
}

/** Starts a harness: `startEventStoreDb` or `startKurrentDb`. */
export type StartHarness = (options?: HarnessOptions, storeOptions?: EventStoreDbStoreOptions) => Promise<Harness>;
