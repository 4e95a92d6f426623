// Everything particular to @kurrent/kurrentdb-client, and nothing else.
import type { CurrentRevision } from '@packledger/application';
import type {
  ClientAppendResult,
  ClientDriver,
  ClientEventData,
  ClientExpectedRevision,
  ClientFilter,
  ClientPosition,
  ClientResolvedEvent,
  ClientSubscription,
  ClientSubscriptionFilter,
} from '../driver';
import { isWrongExpectedVersion } from '../errors';
import { fromClientActualRevision } from '../expected-revision';

/**
 * What the adapter uses of a `KurrentDBClient` from `@kurrent/kurrentdb-client`, as a structural
 * type: the package is an optional peer dependency, never imported at run time, and the host's
 * own client instance is passed in.
 */
export interface KurrentDbClient {
  /** The native reader the KurrentDB client reads with; v6 clients have none. */
  readonly rustClient: unknown;
  appendToStream(streamName: string, events: ClientEventData[], options: { streamState: ClientExpectedRevision; deadline?: number }): Promise<ClientAppendResult>;
  readStream(streamName: string, options: { fromRevision: bigint | 'start' | 'end'; direction: 'forwards' | 'backwards'; maxCount: bigint }): AsyncIterableIterator<ClientResolvedEvent>;
  readAll(options: { fromPosition: ClientPosition | 'start' | 'end'; direction: 'forwards' | 'backwards'; maxCount: bigint; filter?: ClientFilter & { readonly checkpointInterval: number } }): AsyncIterableIterator<ClientResolvedEvent>;
  subscribeToAll(options: { fromPosition: ClientPosition | 'start'; filter: ClientSubscriptionFilter }): ClientSubscription;
  deleteStream(streamName: string, options: { expectedRevision: 'any' | 'no_stream' | bigint; deadline?: number }): Promise<{ position?: ClientPosition }>;
  tombstoneStream(streamName: string, options: { expectedRevision: 'any' | 'no_stream' | bigint; deadline?: number }): Promise<{ position?: ClientPosition }>;
}

/**
 * The driver of `@kurrent/kurrentdb-client`. Its differences from the v6 client:
 * - the expected revision of an append is the option `streamState`; an `expectedRevision` option
 *   is silently ignored, which means "any": no concurrency check at all;
 * - its `WrongExpectedVersionError` names the actual revision `actualState`;
 * - reads (through its native bridge) return async iterators, closed early with `return()`;
 * - `readAll` takes a server-side filter.
 * Deletes still take `expectedRevision` in this client.
 */
export const kurrentDbDriver = (client: KurrentDbClient, deadlineMs: number | undefined): ClientDriver => {
  if (typeof client !== 'object' || client === null || typeof client.appendToStream !== 'function') throw new TypeError('kurrentDbStore needs a KurrentDBClient from @kurrent/kurrentdb-client');
  // A v6 client reads `expectedRevision` and silently ignores `streamState`: every append would expect "any".
  if (!('rustClient' in client)) throw new TypeError('this is not a KurrentDBClient (@kurrent/kurrentdb-client): for @eventstore/db-client use eventStoreDbStore, or its expected revisions would be ignored');
  const deadline = deadlineMs === undefined ? {} : { deadline: deadlineMs };
  return {
    name: '@kurrent/kurrentdb-client',
    filtersReads: true,
    append: (stream, events, expected) => client.appendToStream(stream, [...events], { streamState: expected, ...deadline }),
    wrongExpectedVersionOf: (error): { readonly actual: CurrentRevision } | undefined =>
      isWrongExpectedVersion(error) ? { actual: fromClientActualRevision((error as { actualState?: unknown }).actualState) } : undefined,
    readStream: (stream, options) => client.readStream(stream, { fromRevision: options.fromRevision, direction: options.direction, maxCount: options.maxCount }),
    readAll: (options) => {
      const read = client.readAll({
        fromPosition: options.fromPosition,
        direction: options.direction,
        maxCount: options.maxCount,
        // The client's `Filter` type is its subscription filter's: a read ignores the checkpoint interval.
        ...(options.filter === undefined ? {} : { filter: { ...options.filter, checkpointInterval: 1 } }),
      });
      return { events: read, close: async () => { await read.return?.(); } };
    },
    subscribeToAll: (fromPosition, filter) => client.subscribeToAll({ fromPosition, filter }),
    deleteStream: (stream, expected, tombstone) =>
      tombstone ? client.tombstoneStream(stream, { expectedRevision: expected, ...deadline }) : client.deleteStream(stream, { expectedRevision: expected, ...deadline }),
  };
};
