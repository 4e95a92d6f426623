import { domainError, upcast, type DecodeError, type DecodeProblem, type DomainError, type Upcasters } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import type { JsonObject } from './event-store';
import { quoteStored } from './stored-text';

/** An event in the form a store keeps: its type, JSON data and the schema version of that data. */
export interface EncodedEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly schemaVersion: number;
}

/** A stored event this release cannot read: an unknown type, a version with no upcaster, or data that does not decode. */
export type UnreadableEvent = DomainError<
  'unreadable_event',
  { readonly type: string; readonly schemaVersion: number; readonly problems: readonly DecodeProblem[] }
>;

// The message quotes stored text cut short (quoteStored): a stored type may be megabytes long.
const unreadable = (stored: EncodedEvent, problems: readonly DecodeProblem[]): UnreadableEvent =>
  domainError('unreadable_event', { type: stored.type, schemaVersion: stored.schemaVersion, problems },
    `Cannot read a stored ${quoteStored(stored.type)} (schema version ${quoteStored(stored.schemaVersion)}): ${problems.map((p) => `${quoteStored(p.path)} ${p.message}`).join('; ')}`);

/**
 * How one aggregate's events are stored and read back. `decode` upcasts old schema
 * versions first, so the decider only ever sees the current shape of every event.
 */
export interface EventCodec<Event> {
  readonly encode: (event: Event) => EncodedEvent;
  readonly decode: (stored: EncodedEvent) => E.Either<UnreadableEvent, Event>;
}

/** What {@link eventCodec} is built from: the domain's own encode/decode, versions and upcasters. */
export interface EventCodecDefinition<Event> {
  /** Encodes an event to `{ type, data }` with JSON data (decimals as strings). */
  readonly encode: (event: Event) => { readonly type: string; readonly data: unknown };
  /** Decodes `{ type, data }` of the current schema version; never throws. */
  readonly decode: (json: { readonly type: string; readonly data: unknown }) => E.Either<DecodeError, Event>;
  /** The current schema version of every event type. */
  readonly schemaVersions: Readonly<Record<string, number>>;
  /** Upcasters by type and by the version they upgrade from. */
  readonly upcasters?: Upcasters;
}

/**
 * Builds an {@link EventCodec} that writes each event with its current schema version and,
 * on read, upcasts older versions one step at a time with the registered upcasters before
 * decoding. A stored event it cannot read is a `Left`, never a throw.
 *
 * @example
 * const creditPackEvents = eventCodec({
 *   encode: encodeCreditPackEvent,
 *   decode: decodeCreditPackEvent,
 *   schemaVersions: creditPackEventSchemaVersions,
 *   upcasters: creditPackUpcasters,
 * });
 * creditPackEvents.decode({ type: 'CreditPackIssued', schemaVersion: 1, data: v1Data }); // Right(v2 event)
 */
export const eventCodec = <Event>(definition: EventCodecDefinition<Event>): EventCodec<Event> => {
  const versionOf = (type: string): number | undefined =>
    Object.prototype.hasOwnProperty.call(definition.schemaVersions, type) ? definition.schemaVersions[type] : undefined;
  return {
    encode: (event) => {
      const { type, data } = definition.encode(event);
      const schemaVersion = versionOf(type);
      // Both are programming errors: an event type added without its version, an encoder that is not JSON.
      if (schemaVersion === undefined) throw new TypeError(`event type ${type} has no schema version; add it to the schema versions`);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TypeError(`${type} must encode to a JSON object`);
      return { type, data: data as JsonObject, schemaVersion };
    },
    decode: (stored) => {
      const current = versionOf(stored.type);
      if (current === undefined) {
        return E.left(unreadable(stored, [{ path: 'type', message: `is not an event this release knows (${Object.keys(definition.schemaVersions).join(', ')})` }]));
      }
      const upcasted = upcast(definition.upcasters ?? {}, stored.type, stored.schemaVersion, current, stored.data);
      if (!upcasted.ok) return E.left(unreadable(stored, [{ path: 'schemaVersion', message: upcasted.reason }]));
      const decoded = definition.decode({ type: stored.type, data: upcasted.data });
      return E.isLeft(decoded) ? E.left(unreadable(stored, decoded.left.facts.problems)) : decoded;
    },
  };
};
