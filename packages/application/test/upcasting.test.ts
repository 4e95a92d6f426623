import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  creditPackEventCodec,
  eventCodec,
  loadJsonlFile,
  loadStream,
  type EventStore,
} from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import {
  creditPackEventSchemaVersions,
  decodeCreditPackEvent,
  encodeCreditPackEvent,
  lookup,
  reissuedPackCommand,
  type CreditPackEvent,
  type EntityId,
} from '@packledger/domain';
import { accounts, command, consume, issue, left, right } from './credit-packs';

/** Events written before CreditPackIssued gained `expiryRule` (schema version 1), exported as JSONL. */
const V1_FIXTURE = join(__dirname, 'fixtures', 'credit-packs-v1.jsonl');

const legacyStore = async (): Promise<EventStore> => right(await loadJsonlFile(V1_FIXTURE));

describe('upcasting on read', () => {
  test('the fixture really holds version-1 CreditPackIssued events without an expiry rule', async () => {
    const stored = right(await (await legacyStore()).readStream('creditPack-legacy-1'));
    expect(stored[0]?.metadata.schemaVersion).toBe(1);
    expect(creditPackEventSchemaVersions.CreditPackIssued).toBeGreaterThan(1);
    expect(stored[0]?.data).not.toHaveProperty('expiryRule');
  });

  test('a version-1 CreditPackIssued reads as the current version, expiring "on" the instant it recorded', async () => {
    const [issued] = right(await (await legacyStore()).readStream('creditPack-legacy-1'));
    if (issued === undefined) throw new Error('fixture is empty');
    const decoded = right(creditPackEventCodec.decode({ type: issued.type, data: issued.data, schemaVersion: issued.metadata.schemaVersion }));
    expect(decoded.type === 'CreditPackIssued' && decoded.data.expiryRule).toEqual({ type: 'on', at: '2026-07-31T10:00:00.000Z' });
  });

  test('packs issued at version 1 load through the handler with their balance and expiry', async () => {
    const store = await legacyStore();
    const loaded = right(await loadStream(store, creditPackAggregate, 'creditPack-legacy-1'));
    expect(loaded.revision).toBe(1n);
    const pack = loaded.state;
    expect(pack.kind === 'issued' && [pack.remaining.toFixed(), pack.expiresAt, lookup(pack.consumptions, 'use-1' as EntityId)?.invoiceLine]).toEqual([
      '28', '2026-07-31T10:00:00.000Z', { invoiceId: 'inv-1001', lineId: 'l1' },
    ]);
  });

  test('a pack issued at version 1 takes new commands; new events are written at the current versions and old ones are never rewritten', async () => {
    const store = await legacyStore();
    const handle = commandHandler(store, creditPackAggregate);
    const outcome = right(await handle(consume('legacy-1', 'use-2', '8'), { commandId: 'cmd-new-1' }));
    const consumed = outcome.events[0];
    expect(consumed?.type === 'CreditsConsumed' && consumed.data.remaining.toFixed()).toBe('20');
    const stored = right(await store.readStream('creditPack-legacy-1'));
    expect(stored.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([['CreditPackIssued', 1], ['CreditsConsumed', 1], ['CreditsConsumed', 1]]);
    expect(stored[0]?.data).not.toHaveProperty('expiryRule');
  });

  test('a version-1 pack reissued to a new owner issues the new pack at version 2 with the old expiry as its rule', async () => {
    const store = await legacyStore();
    const handle = commandHandler(store, creditPackAggregate);
    const reissue = command({
      type: 'ReissueToNewOwner', packId: 'legacy-2', newPackId: 'fixed-2', reason: 'Owner was the invoice contact',
      newOwner: { type: 'office', officeId: 'london', companyId: 'acme' }, actor: accounts, at: '2026-03-01T09:00:00Z',
    });
    const [reissued] = right(await handle(reissue, { commandId: 'cmd-reissue' })).events;
    const old = right(await loadStream(store, creditPackAggregate, 'creditPack-legacy-2')).state;
    if (reissued?.type !== 'CreditPackReissued' || old.kind !== 'issued') throw new Error('the reissue was not recorded');
    right(await handle(reissuedPackCommand(old, reissued), { commandId: 'cmd-reissue-issue' }));
    const [issuedNew] = right(await store.readStream('creditPack-fixed-2'));
    expect(issuedNew?.metadata.schemaVersion).toBe(2);
    expect(issuedNew?.data).toMatchObject({ expiryRule: { type: 'on', at: '2026-12-31T00:00:00.000Z' }, expiresAt: '2026-12-31T00:00:00.000Z', reissuedFrom: 'legacy-2', credits: '10' });
  });

  test('a retry of a command recorded in the legacy history is recognised and appends nothing', async () => {
    const store = await legacyStore();
    const retry = right(await commandHandler(store, creditPackAggregate)(consume('legacy-1', 'use-1', '12'), { commandId: 'legacy-cmd-3' }));
    expect(retry).toMatchObject({ duplicate: true, nextRevision: 1n, position: 2n });
    expect(retry.events.map((e) => e.type)).toEqual(['CreditsConsumed']);
  });

  test('without the upcaster the version-1 history is an unreadable stream, reported as a value', async () => {
    const noUpcasters = eventCodec({ encode: encodeCreditPackEvent, decode: decodeCreditPackEvent, schemaVersions: creditPackEventSchemaVersions });
    const failure = left(await commandHandler(await legacyStore(), { ...creditPackAggregate, events: noUpcasters })(consume('legacy-1', 'use-2', '1'), { commandId: 'cmd-1' }));
    expect(failure.kind === 'unreadable' && failure.error.message).toMatch(/no upcaster for CreditPackIssued from version 1 to 2/);
  });

  test('an event written by a newer release (a schema version this one does not know) is unreadable, asking for an upgrade', () => {
    const stored = creditPackEventCodec.encode(right(creditPackEventCodec.decode({ type: 'CreditPackExhausted', schemaVersion: 1, data: { packId: 'p1', by: accounts, at: '2026-02-01T00:00:00.000Z' } })));
    const failure = left(creditPackEventCodec.decode({ ...stored, schemaVersion: 2 }));
    expect(failure.code).toBe('unreadable_event');
    expect(failure.message).toMatch(/newer than this release knows.*upgrade packledger/);
  });

  test('an event type this release does not know is unreadable', () => {
    const failure = left(creditPackEventCodec.decode({ type: 'CreditPackFrozen', schemaVersion: 1, data: { packId: 'p1' } }));
    expect(failure.facts).toMatchObject({ type: 'CreditPackFrozen', problems: [{ path: 'type' }] });
  });

  test('an unreadable event\'s message quotes at most 200 characters of its stored type, with its length; the facts keep the type (torture finding F6)', async () => {
    const type = 'x'.repeat(1_000_000);
    const failure = left(creditPackEventCodec.decode({ type, schemaVersion: 1, data: {} }));
    expect(failure.message.length).toBeLessThan(1_000);
    expect(failure.message).toContain(`Cannot read a stored ${'x'.repeat(200)}… (1000000 characters) (schema version 1): type is not an event this release knows`);
    expect(failure.facts.type).toBe(type);
    // A short type is quoted whole, as before.
    expect(left(creditPackEventCodec.decode({ type: 'CreditPackFrozen', schemaVersion: 1, data: {} })).message).toMatch(/^Cannot read a stored CreditPackFrozen \(schema version 1\): type /);
    // So does the unreadable stream that loading such an event answers, for its type and its id.
    const store = new InMemoryEventStore();
    right(await store.append('creditPack-p1', [{ id: 'i'.repeat(100_000), type, data: {}, metadata: { schemaVersion: 1 } as never }], { expectedRevision: 'no_stream' }));
    const unreadable = left(await loadStream(store, creditPackAggregate, 'creditPack-p1'));
    expect(unreadable.message.length).toBeLessThan(1_000);
    expect(unreadable.message).toContain('(1000000 characters)');
    expect(unreadable.message).toContain('(100000 characters)');
  });

  test('every event is written with its type\'s current schema version and reads back equal', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    const events: CreditPackEvent[] = [];
    events.push(...right(await handle(issue('p1', '10'), { commandId: 'c1' })).events);
    events.push(...right(await handle(consume('p1', 'use-1', '10'), { commandId: 'c2' })).events);
    for (const event of events) {
      const encoded = creditPackEventCodec.encode(event);
      expect(encoded.schemaVersion).toBe(creditPackEventSchemaVersions[event.type]);
      const decoded = creditPackEventCodec.decode(JSON.parse(JSON.stringify(encoded)) as typeof encoded);
      expect(E.isRight(decoded) && sameValue(decoded.right, event)).toBe(true);
    }
  });
});
