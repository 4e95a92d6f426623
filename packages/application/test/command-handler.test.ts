import * as E from 'fp-ts/Either';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  creditPackStateCodec,
  eventIdFor,
  fixedClock,
  snapshotStreamOf,
  type EventStore,
  type EventToAppend,
  type JsonObject,
} from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import { creditPackStream, type CreditPackCommand } from '@packledger/domain';
import { EXPIRES_AT, ISSUED_AT, command, consume, issue, left, projectManager, right, sales } from './credit-packs';

const P1 = creditPackStream('p1');

const storedEvent = (type: string, data: JsonObject, schemaVersion = 1, commandId = 'legacy'): EventToAppend => ({
  id: `${commandId}-${type}`,
  type,
  data,
  metadata: { schemaVersion, commandId, correlationId: commandId, causationId: commandId, actor: 'staff:dana', occurredAt: ISSUED_AT },
});

/** A store that lets a test act just before each append reaches the real store. */
const storeWithHook = (inner: EventStore, beforeAppend: (stream: string) => Promise<void>): EventStore => ({
  append: async (stream, events, options) => {
    await beforeAppend(stream);
    return inner.append(stream, events, options);
  },
  readStream: (stream, options) => inner.readStream(stream, options),
  readAll: (options) => inner.readAll(options),
  subscribeToAll: (options, handler) => inner.subscribeToAll(options, handler),
});

const streamLength = async (store: EventStore, stream: string): Promise<number> => {
  const read = await store.readStream(stream);
  return E.isRight(read) ? read.right.length : 0;
};

describe('handling a command', () => {
  test('an accepted command appends its events with ids derived from the command id and the command in their metadata', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    const outcome = right(await handle(issue('p1'), { commandId: 'cmd-issue', correlationId: 'order-flow-7' }));
    expect(outcome.events.map((e) => e.type)).toEqual(['CreditPackIssued']);
    expect(outcome).toMatchObject({ nextRevision: 0n, duplicate: false });
    const stored = right(await store.readStream(P1));
    expect(stored).toEqual([{
      stream: P1,
      revision: 0n,
      position: outcome.position,
      id: eventIdFor(P1, 'cmd-issue', 0),
      type: 'CreditPackIssued',
      data: expect.objectContaining({ packId: 'p1', credits: '40', expiryRule: { type: 'monthsAfterIssue', months: 6 }, expiresAt: EXPIRES_AT }),
      metadata: { schemaVersion: 2, commandId: 'cmd-issue', correlationId: 'order-flow-7', causationId: 'cmd-issue', actor: 'staff:dana', occurredAt: ISSUED_AT },
    }]);
  });

  test('all events of one command are appended together, numbered by their index in the event ids', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const outcome = right(await handle(consume('p1', 'use-1', '10'), { commandId: 'cmd-2', causationId: 'http-request-9' }));
    expect(outcome.events.map((e) => e.type)).toEqual(['CreditsConsumed', 'CreditPackExhausted']);
    const stored = right(await store.readStream(P1, { fromRevision: 1n }));
    expect(stored.map((e) => [e.revision, e.id, e.metadata.commandId, e.metadata.causationId, e.metadata.actor])).toEqual([
      [1n, eventIdFor(P1, 'cmd-2', 0), 'cmd-2', 'http-request-9', 'staff:pat'],
      [2n, eventIdFor(P1, 'cmd-2', 1), 'cmd-2', 'http-request-9', 'staff:pat'],
    ]);
    expect(outcome.nextRevision).toBe(2n);
    expect(outcome.position).toBe(stored[1]?.position);
  });

  test('a refusal is the domain\'s own error, and nothing is appended', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const failure = left(await handle(consume('p1', 'use-1', '11'), { commandId: 'cmd-2' }));
    expect(failure.kind).toBe('refused');
    if (failure.kind === 'refused') expect(failure.refusal).toMatchObject({ code: 'insufficient_credits', facts: { requested: '11', remaining: '10' } });
    expect(await streamLength(store, P1)).toBe(1);
  });

  test('a command that changes nothing is accepted with no events, at the stream\'s revision, and nothing is appended', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1'), { commandId: 'cmd-1' }));
    right(await handle(consume('p1', 'use-1', '5'), { commandId: 'cmd-2' }));
    const again = right(await handle(consume('p1', 'use-1', '5'), { commandId: 'cmd-3' }));
    expect(again).toEqual({ events: [], nextRevision: 1n, position: undefined, duplicate: false });
    expect(await streamLength(store, P1)).toBe(2);
  });

  test('occurredAt comes from the handler\'s clock when the aggregate does not take it from the command', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, { ...creditPackAggregate, occurredAt: undefined }, { clock: fixedClock('2030-05-01T08:00:00Z') });
    right(await handle(issue('p1'), { commandId: 'cmd-1' }));
    expect(right(await store.readStream(P1))[0]?.metadata.occurredAt).toBe('2030-05-01T08:00:00.000Z');
  });

  test('refuses to build a handler with a negative number of retries or a snapshot interval below one', () => {
    const store = new InMemoryEventStore();
    expect(() => commandHandler(store, creditPackAggregate, { maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => commandHandler(store, creditPackAggregate, { snapshots: { every: 0, codec: creditPackStateCodec } })).toThrow(/every/);
  });
});

describe('command ids make retries safe', () => {
  test('the same command id returns the first outcome and appends nothing, even when deciding again would now be refused', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const first = right(await handle(consume('p1', 'use-1', '10'), { commandId: 'cmd-2' }));
    // The pack is now exhausted: deciding the command again would be refused with pack_exhausted.
    const retry = right(await handle(consume('p1', 'use-1', '10'), { commandId: 'cmd-2' }));
    expect(retry.duplicate).toBe(true);
    expect(sameValue(retry.events, first.events)).toBe(true);
    expect([retry.nextRevision, retry.position]).toEqual([first.nextRevision, first.position]);
    expect(await streamLength(store, P1)).toBe(3);
  });

  test('a retry is recognised by its command id alone, from the metadata of the events it caused', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const first = right(await handle(consume('p1', 'use-1', '4'), { commandId: 'cmd-2' }));
    right(await handle(consume('p1', 'use-2', '3'), { commandId: 'cmd-3' }));
    const retry = right(await handle(consume('p1', 'use-1', '4'), { commandId: 'cmd-2' }));
    expect(retry).toMatchObject({ duplicate: true, nextRevision: first.nextRevision, position: first.position });
    expect(right(await store.readStream(P1)).map((e) => e.metadata.commandId)).toEqual(['cmd-1', 'cmd-2', 'cmd-3']);
  });

  test('two clients sending the same command at once append it once, and both get its events, revision and position', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const [a, b] = await Promise.all([
      handle(consume('p1', 'use-1', '4'), { commandId: 'cmd-2' }),
      handle(consume('p1', 'use-1', '4'), { commandId: 'cmd-2' }),
    ]);
    const [ra, rb] = [right(a), right(b)];
    expect([ra.duplicate, rb.duplicate].sort()).toEqual([false, true]);
    expect(sameValue(ra.events, rb.events)).toBe(true);
    expect([ra.nextRevision, ra.position]).toEqual([rb.nextRevision, rb.position]);
    expect(await streamLength(store, P1)).toBe(2);
  });

  test('a retry is still recognised once the command\'s events are behind a snapshot', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate, { snapshots: { every: 2, codec: creditPackStateCodec } });
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    const first = right(await handle(consume('p1', 'use-1', '1'), { commandId: 'cmd-2' }));
    for (let i = 3; i <= 6; i++) right(await handle(consume('p1', `use-${i}`, '1'), { commandId: `cmd-${i}` }));
    const latestSnapshot = right(await store.readStream(snapshotStreamOf(P1), { direction: 'backwards', maxCount: 1 }))[0];
    expect(latestSnapshot?.data.revision).toBe(5);
    const retry = right(await handle(consume('p1', 'use-1', '1'), { commandId: 'cmd-2' }));
    expect(retry).toMatchObject({ duplicate: true, nextRevision: first.nextRevision, position: first.position });
    expect(sameValue(retry.events, first.events)).toBe(true);
    expect(await streamLength(store, P1)).toBe(6);
  });

  test('a refusal is not bound to its command id: sent again after the pack changed, the command is decided again', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1', '10'), { commandId: 'cmd-1' }));
    right(await handle(consume('p1', 'use-1', '8'), { commandId: 'cmd-2' }));
    expect(left(await handle(consume('p1', 'use-2', '5'), { commandId: 'cmd-3' })).kind).toBe('refused');
    const refund = command({ type: 'RefundConsumption', packId: 'p1', refundId: 'refund-1', consumptionId: 'use-1', credits: '4', reason: 'Edit day cut short', actor: projectManager, at: '2026-02-11T09:00:00Z' });
    right(await handle(refund, { commandId: 'cmd-4' }));
    const decidedAgain = right(await handle(consume('p1', 'use-2', '5'), { commandId: 'cmd-3' }));
    expect(decidedAgain).toMatchObject({ duplicate: false, nextRevision: 3n });
  });
});

describe('concurrency conflicts', () => {
  test('after losing a race the handler reloads and decides again on the new state', async () => {
    const inner = new InMemoryEventStore();
    const rival = commandHandler(inner, creditPackAggregate);
    right(await rival(issue('p1', '10'), { commandId: 'cmd-1' }));
    let raced = false;
    const store = storeWithHook(inner, async () => {
      if (raced) return;
      raced = true;
      right(await rival(consume('p1', 'rival-use', '6'), { commandId: 'rival' }));
    });
    const outcome = right(await commandHandler(store, creditPackAggregate)(consume('p1', 'use-1', '3'), { commandId: 'cmd-2' }));
    const consumed = outcome.events[0];
    expect(consumed?.type === 'CreditsConsumed' && consumed.data.remaining.toFixed()).toBe('1');
    expect(outcome.nextRevision).toBe(2n);
    expect(right(await inner.readStream(P1)).map((e) => e.metadata.commandId)).toEqual(['cmd-1', 'rival', 'cmd-2']);
  });

  test('a race lost to a rival that leaves too few credits ends in the domain\'s refusal, not an overdraw', async () => {
    const inner = new InMemoryEventStore();
    const rival = commandHandler(inner, creditPackAggregate);
    right(await rival(issue('p1', '10'), { commandId: 'cmd-1' }));
    let raced = false;
    const store = storeWithHook(inner, async () => {
      if (raced) return;
      raced = true;
      right(await rival(consume('p1', 'rival-use', '6'), { commandId: 'rival' }));
    });
    const failure = left(await commandHandler(store, creditPackAggregate)(consume('p1', 'use-1', '6'), { commandId: 'cmd-2' }));
    expect(failure.kind === 'refused' && failure.refusal.code).toBe('insufficient_credits');
    expect(await streamLength(inner, P1)).toBe(2);
  });

  test('a conflict that outlives the retries is a concurrency_conflict after 1 + maxRetries attempts, and nothing is appended', async () => {
    const inner = new InMemoryEventStore();
    const rival = commandHandler(inner, creditPackAggregate);
    right(await rival(issue('p1', '10'), { commandId: 'cmd-1' }));
    let rivals = 0;
    const store = storeWithHook(inner, async () => {
      rivals++;
      right(await rival(consume('p1', `rival-use-${rivals}`, '1'), { commandId: `rival-${rivals}` }));
    });
    const failure = left(await commandHandler(store, creditPackAggregate, { maxRetries: 2 })(consume('p1', 'use-1', '1'), { commandId: 'cmd-2' }));
    expect(failure.kind).toBe('conflict');
    if (failure.kind === 'conflict') {
      expect(failure.error).toMatchObject({ code: 'concurrency_conflict', facts: { stream: P1, attempts: 3, expected: 2n, actual: 3n } });
      expect(failure.error.message).toMatch(/same command id/);
    }
    expect(rivals).toBe(3);
    const stored = right(await inner.readStream(P1));
    expect(stored.filter((e) => e.metadata.commandId === 'cmd-2')).toEqual([]);
    expect(stored).toHaveLength(4);
  });

  test('with no retries the first conflict is final', async () => {
    const inner = new InMemoryEventStore();
    const rival = commandHandler(inner, creditPackAggregate);
    right(await rival(issue('p1', '10'), { commandId: 'cmd-1' }));
    let rivals = 0;
    const store = storeWithHook(inner, async () => {
      rivals++;
      right(await rival(consume('p1', `rival-use-${rivals}`, '1'), { commandId: `rival-${rivals}` }));
    });
    const failure = left(await commandHandler(store, creditPackAggregate, { maxRetries: 0 })(consume('p1', 'use-1', '1'), { commandId: 'cmd-2' }));
    expect(failure.kind === 'conflict' && failure.error.facts.attempts).toBe(1);
    expect(rivals).toBe(1);
  });
});

describe('unreadable streams', () => {
  const consumedData = {
    packId: 'p9', consumptionId: 'use-1', credits: '4', projectId: 'brand-film', projectOfficeId: 'london', productId: 'edit-day',
    remaining: '6', by: sales, at: ISSUED_AT,
  };

  test('an event the aggregate cannot apply makes the stream unreadable, and nothing is decided on it', async () => {
    const store = new InMemoryEventStore();
    right(await store.append(creditPackStream('p9'), [storedEvent('CreditsConsumed', consumedData)], { expectedRevision: 'no_stream' }));
    const failure = left(await commandHandler(store, creditPackAggregate)(consume('p9', 'use-2', '1'), { commandId: 'cmd-1' }));
    expect(failure.kind).toBe('unreadable');
    if (failure.kind === 'unreadable') {
      expect(failure.error).toMatchObject({ code: 'unreadable_stream', facts: { stream: 'creditPack-p9', revision: 0n, type: 'CreditsConsumed' } });
      expect(failure.error.message).toMatch(/never issued/);
    }
    expect(await streamLength(store, creditPackStream('p9'))).toBe(1);
  });

  test('an event that does not decode makes the stream unreadable, naming the bad field', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p9', '10'), { commandId: 'cmd-1' }));
    right(await store.append(creditPackStream('p9'), [storedEvent('CreditsConsumed', { ...consumedData, credits: '-4' })], { expectedRevision: 0n }));
    const failure = left(await handle(consume('p9', 'use-2', '1'), { commandId: 'cmd-2' }));
    expect(failure.kind === 'unreadable' && failure.error.facts.problems.map((p) => p.path)).toEqual(['data.credits']);
  });

  test('a command id must be given', async () => {
    const handle = commandHandler(new InMemoryEventStore(), creditPackAggregate);
    await expect(handle(issue('p1') as CreditPackCommand, { commandId: '' })).rejects.toThrow(/command id/);
  });
});
