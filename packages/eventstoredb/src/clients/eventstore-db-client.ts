// Everything particular to @eventstore/db-client v6, and nothing else.
import type { CurrentRevision } from '@packledger/application';
import type {
  ClientAppendResult,
  ClientDriver,
  ClientEventData,
  ClientExpectedRevision,
  ClientPosition,
  ClientResolvedEvent,
  ClientSubscription,
  ClientSubscriptionFilter,
} from '../driver';
import { isWrongExpectedVersion } from '../errors';
import { fromClientActualRevision } from '../expected-revision';

/**
 * What the adapter uses of an `EventStoreDBClient` from `@eventstore/db-client` v6, as a structural
 * type: the package is an optional peer dependency, never imported at run time, and the host's
 * own client instance is passed in.
 */
export interface EventStoreDbClient {
  appendToStream(streamName: string, events: ClientEventData[], options: { expectedRevision: ClientExpectedRevision; deadline?: number }): Promise<ClientAppendResult>;
  readStream(streamName: string, options: { fromRevision: bigint | 'start' | 'end'; direction: 'forwards' | 'backwards'; maxCount: bigint }): AsyncIterable<ClientResolvedEvent> & { cancel(): Promise<void> };
  readAll(options: { fromPosition: ClientPosition | 'start' | 'end'; direction: 'forwards' | 'backwards'; maxCount: bigint }): AsyncIterable<ClientResolvedEvent> & { cancel(): Promise<void> };
  subscribeToAll(options: { fromPosition: ClientPosition | 'start'; filter: ClientSubscriptionFilter }): ClientSubscription;
  deleteStream(streamName: string, options: { expectedRevision: 'any' | 'no_stream' | bigint; deadline?: number }): Promise<{ position?: ClientPosition }>;
  tombstoneStream(streamName: string, options: { expectedRevision: 'any' | 'no_stream' | bigint; deadline?: number }): Promise<{ position?: ClientPosition }>;
}

/**
 * The driver of `@eventstore/db-client` v6. Its differences from the KurrentDB client:
 * - the expected revision of an append is the option `expectedRevision`;
 * - its `WrongExpectedVersionError` names the actual revision `actualVersion`;
 * - reads return a Node `Readable` (`StreamingRead`), closed early with `cancel()`;
 * - `readAll` takes no filter (it always sends `no_filter`): only subscriptions filter on the server.
 */
export const eventStoreDbDriver = (client: EventStoreDbClient, deadlineMs: number | undefined): ClientDriver => {
  if (typeof client !== 'object' || client === null || typeof client.appendToStream !== 'function') throw new TypeError('eventStoreDbStore needs an EventStoreDBClient from @eventstore/db-client');
  // A KurrentDB client reads `streamState` and silently ignores `expectedRevision`: every append would expect "any".
  if ('rustClient' in client) throw new TypeError('this is a KurrentDBClient (@kurrent/kurrentdb-client): use kurrentDbStore, or its expected revisions would be ignored');
  const deadline = deadlineMs === undefined ? {} : { deadline: deadlineMs };
  return {
    name: '@eventstore/db-client',
    filtersReads: false,
    append: (stream, events, expected) => client.appendToStream(stream, [...events], { expectedRevision: expected, ...deadline }),
    wrongExpectedVersionOf: (error): { readonly actual: CurrentRevision } | undefined =>
      isWrongExpectedVersion(error) ? { actual: fromClientActualRevision((error as { actualVersion?: unknown }).actualVersion) } : undefined,
    readStream: (stream, options) => client.readStream(stream, { fromRevision: options.fromRevision, direction: options.direction, maxCount: options.maxCount }),
    readAll: (options) => {
      const read = client.readAll({ fromPosition: options.fromPosition, direction: options.direction, maxCount: options.maxCount });
      return { events: read, close: () => read.cancel() };
    },
    subscribeToAll: (fromPosition, filter) => client.subscribeToAll({ fromPosition, filter }),
    deleteStream: (stream, expected, tombstone) =>
      tombstone ? client.tombstoneStream(stream, { expectedRevision: expected, ...deadline }) : client.deleteStream(stream, { expectedRevision: expected, ...deadline }),
  };
};
