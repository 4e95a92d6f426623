import type { EventMetadata, EventToAppend, JsonObject, RecordedEvent } from '@packledger/application';
import type { ClientEventData, ClientRecordedEvent, ClientResolvedEvent } from './driver';
import { positionOfResolved } from './positions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Uint8Array);

/**
 * An event to append as a client's JSON event. Its id is the EventStoreDB event id, so a retried
 * append of the same events (same ids, from `eventIdFor`) is recognised by the server and written
 * once. EventStoreDB ids are UUIDs: any other id is a bug in the caller.
 */
export const toClientEvent = (event: EventToAppend): ClientEventData => {
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new TypeError(`EventStoreDB event ids are UUIDs (see eventIdFor); got ${JSON.stringify(event.id)} for ${event.type}`);
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('every event needs a type');
  if (event.type.startsWith('$')) throw new TypeError(`event types starting with $ are EventStoreDB's own; got ${event.type}`);
  if (!isPlainObject(event.data)) throw new TypeError(`the data of ${event.type} must be a JSON object`);
  if (!isPlainObject(event.metadata)) throw new TypeError(`the metadata of ${event.type} must be an object`);
  return { id: event.id.toLowerCase(), type: event.type, contentType: 'application/json', data: event.data, metadata: { ...event.metadata } };
};

/** True for EventStoreDB's own events: a `$` type (`$metadata`, `$streamDeleted`, `$>`) or a `$` stream (`$$stream`, `$ce-...`). */
export const isSystemEvent = (event: { readonly streamId: string; readonly type: string }): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');

/** The recorded event of a resolved event; a resolved event without one (a link to a deleted event) is a bug in the caller's filter. */
export const recordOf = (resolved: ClientResolvedEvent): ClientRecordedEvent => {
  if (resolved.event === undefined) throw new TypeError('a resolved event without its event (a link whose event is gone) reached the adapter');
  return resolved.event;
};

/**
 * A resolved event as the port's recorded event. Only JSON events with JSON-object data and
 * metadata are packledger events; anything else on a stream the caller reads is not, and reading
 * it is a bug (the filter lets foreign events in), so it throws. A missing position means a
 * server older than 22.10, which does not give stream reads their `$all` position.
 */
export const toRecordedEvent = (resolved: ClientResolvedEvent): RecordedEvent => {
  const e = recordOf(resolved);
  // Built only for an error: on the read path it would cost a bigint-to-string and a string per event.
  const where = (): string => `event ${e.id} (${e.type}) of ${e.streamId} at revision ${e.revision}`;
  if (!e.isJson || !isPlainObject(e.data)) throw new TypeError(`${where()} is not a JSON object, so not a packledger event`);
  if (!isPlainObject(e.metadata)) throw new TypeError(`${where()} has no JSON metadata, so it is not a packledger event`);
  const position = positionOfResolved(resolved);
  if (position === undefined) throw new Error(`${where()} came without its $all position: EventStoreDB gives it on stream reads since 22.10; upgrade the server`);
  return { id: e.id, type: e.type, data: e.data as JsonObject, metadata: e.metadata as unknown as EventMetadata, stream: e.streamId, revision: e.revision, position };
};
