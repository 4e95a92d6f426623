import { createHash } from 'node:crypto';
import type { EntityId, Instant } from '@packledger/domain';
import { nanoid } from 'nanoid';

/** Where the application layer reads the time (the domain never does: commands carry their instant). */
export interface Clock {
  readonly now: () => Instant;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date().toISOString() as Instant };

/**
 * A clock that always says `at`: for tests and for replays.
 *
 * @example
 * const clock = fixedClock('2026-01-31T10:00:00.000Z');
 */
export const fixedClock = (at: string): Clock => {
  const instant = new Date(at).toISOString() as Instant;
  return { now: () => instant };
};

/** Where new ids come from: pack ids, order ids, command ids. */
export interface IdGenerator {
  readonly newId: () => EntityId;
}

/**
 * nanoid: 21 characters of `A-Za-z0-9_-`, 126 random bits; valid as an {@link EntityId}.
 *
 * @example
 * const commandId = nanoidIds.newId(); // "V1StGXR8_Z5jdHi6B-myT"
 */
export const nanoidIds: IdGenerator = { newId: () => nanoid() as EntityId };

/**
 * Ids `prefix-1`, `prefix-2`, ...: predictable ids for tests and examples.
 *
 * @example
 * const ids = sequentialIds('cmd'); ids.newId(); // "cmd-1"
 */
export const sequentialIds = (prefix: string): IdGenerator => {
  let n = 0;
  return { newId: () => `${prefix}-${++n}` as EntityId };
};

const namespaces = new Map<string, Buffer>();
const namespaceBytes = (namespace: string): Buffer => {
  let ns = namespaces.get(namespace);
  if (ns === undefined) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new TypeError(`uuidV5: namespace must be a UUID, got "${namespace}"`);
    if (namespaces.size < 100) namespaces.set(namespace, ns);
  }
  return ns;
};

/**
 * An RFC 9562 version-5 UUID: the SHA-1 of a namespace UUID and a name. The same name in
 * the same namespace always gives the same UUID.
 *
 * @example
 * uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'); // "2ed6657d-e927-568b-95e1-2665a8aea6a2"
 */
export const uuidV5 = (name: string, namespace: string): string => {
  const bytes = createHash('sha1').update(namespaceBytes(namespace)).update(name, 'utf8').digest();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const h = bytes.toString('hex', 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The namespace of packledger's event ids: `uuidV5('packledger', URL namespace 6ba7b811-...)`. */
export const PACKLEDGER_EVENT_ID_NAMESPACE = 'd143ec3d-6d28-5fc6-8757-52899f440e40';

/**
 * The id of the `index`-th event (from 0) a command appends to a stream: a v5 UUID of the
 * stream, the command id and the index. Retrying a command reproduces its event ids, so a
 * store that deduplicates by event id (EventStoreDB does) can drop a repeated append too.
 *
 * @example
 * eventIdFor('creditPack-p1', 'cmd-1', 0); // the same UUID on every call
 */
export const eventIdFor = (stream: string, commandId: string, index: number): string =>
  uuidV5(`${stream}\n${commandId}\n${index}`, PACKLEDGER_EVENT_ID_NAMESPACE);
