/**
 * `@packledger/eventstoredb`: the `EventStore` port on EventStoreDB or KurrentDB, through the
 * host's own client (`@eventstore/db-client` v6 or `@kurrent/kurrentdb-client`, optional peer
 * dependencies), with subscriptions for the projection runner that reconnect and resume by
 * themselves, and stream deletion.
 *
 * @example
 * import { EventStoreDBClient } from '@eventstore/db-client';
 * import { eventStoreDbStore } from '@packledger/eventstoredb';
 * const store = eventStoreDbStore(EventStoreDBClient.connectionString('esdb://localhost:2113?tls=false'));
 * const handle = commandHandler(store, creditPackAggregate);
 * const running = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 */
import { eventStoreDbDriver, type EventStoreDbClient } from './clients/eventstore-db-client';
import { kurrentDbDriver, type KurrentDbClient } from './clients/kurrentdb-client';
import { storeOver, type EventStoreDbStore, type EventStoreDbStoreOptions } from './store';

export type { EventStoreDbClient } from './clients/eventstore-db-client';
export type { KurrentDbClient } from './clients/kurrentdb-client';
export type { DeleteStreamOptions, EventStoreDbStore, EventStoreDbStoreOptions, StreamDeletion } from './store';
export type { EventStoreDbSubscription, ReconnectAttempt, SubscriptionSettings } from './subscription';
export type { ReconnectPolicy } from './backoff';
export { StreamTombstoned } from './errors';

/**
 * The event store on EventStoreDB through the host's `@eventstore/db-client` v6 client. Expected
 * revisions are sent as that client's `expectedRevision`; passing a KurrentDB client here throws
 * (it would ignore them).
 *
 * @example
 * const client = EventStoreDBClient.connectionString(process.env.ESDB_URL ?? 'esdb://localhost:2113?tls=false');
 * const store = eventStoreDbStore(client, { subscriptions: { onReconnect: (a) => console.warn('reconnecting', a) } });
 * const appended = await store.append('creditPack-p1', [event], { expectedRevision: 'no_stream' });
 */
export const eventStoreDbStore = (client: EventStoreDbClient, options: EventStoreDbStoreOptions = {}): EventStoreDbStore =>
  storeOver(eventStoreDbDriver(client, options.deadlineMs), options);

/**
 * The event store on KurrentDB (or EventStoreDB) through the host's `@kurrent/kurrentdb-client`
 * client. Expected revisions are sent as that client's `streamState`; passing a v6 client here
 * throws (it would ignore them).
 *
 * @example
 * const client = KurrentDBClient.connectionString('kurrentdb://localhost:2113?tls=false');
 * const store = kurrentDbStore(client);
 * const deleted = await store.deleteStream('clientPackage-c1', { tombstone: true });
 */
export const kurrentDbStore = (client: KurrentDbClient, options: EventStoreDbStoreOptions = {}): EventStoreDbStore =>
  storeOver(kurrentDbDriver(client, options.deadlineMs), options);
