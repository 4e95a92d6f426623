import { InMemoryEventStore, type EventToAppend, type GlobalPosition, type SubscriptionClosed } from '@packledger/application';
import { InjectedFault, eventStoreContract, faultyEventStore, seededRandom } from '@packledger/application/testing';
import * as E from 'fp-ts/Either';

const event = (n: number): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Happened', data: { n },
  metadata: { schemaVersion: 1, commandId: `cmd-${n}`, correlationId: `cmd-${n}`, causationId: `cmd-${n}`, actor: 'system:test', occurredAt: '2026-01-01T00:00:00.000Z' },
});

const thrown = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

const stored = async (store: InMemoryEventStore, stream: string): Promise<number> => {
  const read = await store.readStream(stream);
  return E.isRight(read) ? read.right.length : 0;
};

// The wrapper with no fault at all (only the random turns) keeps the whole contract of the store it wraps.
eventStoreContract('faultyEventStore without faults, around InMemoryEventStore', () => faultyEventStore(new InMemoryEventStore(), { maxDelayTurns: 3 }, seededRandom(11)));

describe('faultyEventStore', () => {
  test('an append that fails before the write stores nothing and throws store_unavailable', async () => {
    const inner = new InMemoryEventStore();
    const store = faultyEventStore(inner, { appendFailsBeforeWrite: 1 }, seededRandom(1));
    const error = await thrown(store.append('s-1', [event(1)], { expectedRevision: 'no_stream' }));
    expect(error).toBeInstanceOf(InjectedFault);
    expect((error as InjectedFault).fault).toBe('store_unavailable');
    expect(await stored(inner, 's-1')).toBe(0);
    expect(store.injected().appendsFailedBeforeWrite).toBe(1);
  });

  test('an append that fails after the write stores the events and throws the same error as one that failed before', async () => {
    const inner = new InMemoryEventStore();
    const before = await thrown(faultyEventStore(inner, { appendFailsBeforeWrite: 1 }, seededRandom(1)).append('s-1', [event(1)], { expectedRevision: 'no_stream' }));
    const after = await thrown(faultyEventStore(inner, { appendFailsAfterWrite: 1 }, seededRandom(1)).append('s-1', [event(1)], { expectedRevision: 'no_stream' }));
    expect(await stored(inner, 's-1')).toBe(1);
    expect([(after as InjectedFault).name, (after as InjectedFault).fault, (after as InjectedFault).message]).toEqual([(before as InjectedFault).name, (before as InjectedFault).fault, (before as InjectedFault).message]);
  });

  test('a timed-out append rejects at once; its write is lost or lands later, and settled() waits for it', async () => {
    let lost = 0;
    let landed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const inner = new InMemoryEventStore();
      const store = faultyEventStore(inner, { appendTimesOut: 1, maxDelayTurns: 5 }, seededRandom(seed));
      const error = await thrown(store.append('s-1', [event(1)], { expectedRevision: 'no_stream' }));
      expect((error as InjectedFault).fault).toBe('timed_out');
      await store.settled();
      const n = await stored(inner, 's-1');
      expect(n).toBe(store.injected().lateWrites);
      if (n === 0) lost += 1;
      else landed += 1;
    }
    expect(lost).toBeGreaterThan(0);
    expect(landed).toBeGreaterThan(0);
  });

  test('a failing read rejects readStream and breaks off a readAll part-way', async () => {
    const inner = new InMemoryEventStore();
    await inner.append('s-1', [event(1), event(2), event(3), event(4), event(5)], { expectedRevision: 'no_stream' });
    const store = faultyEventStore(inner, { readFails: 1 }, seededRandom(3));
    expect(await thrown(store.readStream('s-1'))).toBeInstanceOf(InjectedFault);
    const read: GlobalPosition[] = [];
    const error = await thrown((async () => { for await (const e of store.readAll()) read.push(e.position); })());
    expect(error).toBeInstanceOf(InjectedFault);
    expect(read.length).toBeLessThan(5);
  });

  test('a dropped subscription closes with reason dropped; resumed from its checkpoint it loses nothing', async () => {
    const inner = new InMemoryEventStore();
    await inner.append('s-1', Array.from({ length: 30 }, (_e, i) => event(i + 1)) as [EventToAppend, ...EventToAppend[]], { expectedRevision: 'no_stream' });
    const store = faultyEventStore(inner, { subscriptionDrops: 0.2 }, seededRandom(5));
    const seen = new Set<bigint>();
    let from: GlobalPosition | undefined;
    let drops = 0;
    for (;;) {
      let caughtUp = false;
      const subscription = store.subscribeToAll({ fromPosition: from }, (m) => {
        if (m.kind === 'event') seen.add(m.event.position);
        else {
          caughtUp = true;
          void subscription.stop();
        }
      });
      const closed: SubscriptionClosed = await subscription.closed;
      if (closed.reason === 'stopped' && caughtUp) break;
      expect(closed.reason).toBe('dropped');
      drops += 1;
      from = closed.checkpoint;
    }
    expect(drops).toBeGreaterThan(0);
    expect(store.injected().subscriptionsDropped).toBe(drops);
    expect([...seen].sort((a, b) => Number(a - b))).toEqual(Array.from({ length: 30 }, (_e, i) => BigInt(i)));
  });

  test('redelivery hands an event to the handler twice in a row', async () => {
    const inner = new InMemoryEventStore();
    await inner.append('s-1', [event(1), event(2)], { expectedRevision: 'no_stream' });
    const store = faultyEventStore(inner, { redelivery: 1 }, seededRandom(9));
    const delivered: bigint[] = [];
    const subscription = store.subscribeToAll({}, (m) => {
      if (m.kind === 'event') delivered.push(m.event.position);
      else void subscription.stop();
    });
    await subscription.closed;
    expect(delivered).toEqual([0n, 0n, 1n, 1n]);
  });

  test('the same seed injects the same faults in the same places', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const store = faultyEventStore(new InMemoryEventStore(), { appendFailsBeforeWrite: 0.3, appendFailsAfterWrite: 0.3, readFails: 0.2 }, seededRandom(seed));
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          await store.append(`s-${i % 3}`, [event(i)], { expectedRevision: 'any' });
          await store.readStream(`s-${i % 3}`);
          outcomes.push('ok');
        } catch (error) {
          outcomes.push((error as InjectedFault).message);
        }
      }
      return outcomes;
    };
    expect(await run(42)).toEqual(await run(42));
    expect(await run(42)).not.toEqual(await run(43));
  });
});
