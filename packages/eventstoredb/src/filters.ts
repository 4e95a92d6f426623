import { eventMatches, type EventFilter } from '@packledger/application';
import type { ClientFilter, ClientRecordedEvent } from './driver';
import { isSystemEvent } from './events';

/**
 * How the adapter reads `$all` for a port filter: what the server filters (one filter: EventStoreDB
 * takes either a stream-name or an event-type filter), and what the adapter checks of every event
 * the server lets through (the rest of the filter, and never a system event).
 */
export interface FilterPlan {
  readonly server: ClientFilter;
  accepts(event: Pick<ClientRecordedEvent, 'streamId' | 'type'>): boolean;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The plan for a port filter:
 * - stream prefixes: a server-side stream-name prefix filter (how readers of packledger streams
 *   read: `creditPack-`, never a `$ce-` category stream, which needs system projections);
 * - event types only: a server-side event-type regex matching exactly those types;
 * - nothing: the server-side regex that excludes system events (`excludeSystemEvents()`).
 * System events (`$` type or stream) never pass, whatever the filter.
 */
export const planFilter = (filter: EventFilter | undefined): FilterPlan => {
  const accepts = (e: Pick<ClientRecordedEvent, 'streamId' | 'type'>): boolean => !isSystemEvent(e) && eventMatches(filter, { stream: e.streamId, type: e.type });
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (prefixes !== undefined && prefixes.length > 0) return { server: { filterOn: 'streamName', prefixes: [...prefixes] }, accepts };
  // No stream can match an empty list of prefixes, nor an event an empty list of types: `(?!)` matches nothing.
  if (prefixes !== undefined || (types !== undefined && types.length === 0)) return { server: { filterOn: 'eventType', regex: '(?!)' }, accepts };
  if (types !== undefined) return { server: { filterOn: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` }, accepts };
  return { server: { filterOn: 'eventType', regex: '^[^$]' }, accepts };
};
