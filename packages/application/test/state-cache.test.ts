import { InMemoryEventStore, commandHandler, creditPackAggregate, loadStream } from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import { creditPackStream } from '@packledger/domain';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { consume, issue, left, right } from './credit-packs';

describe('the command handler\'s state cache', () => {
  test('a cached stream still sees what another writer appended: no overdraw from a stale state', async () => {
    const store = new InMemoryEventStore();
    const mine = commandHandler(store, creditPackAggregate);
    const theirs = commandHandler(store, creditPackAggregate);
    right(await mine(issue('p1', '10'), { commandId: 'issue' }));
    right(await mine(consume('p1', 'c1', '4'), { commandId: 'a' }));
    right(await theirs(consume('p1', 'c2', '5'), { commandId: 'b' }));
    const refused = left(await mine(consume('p1', 'c3', '2'), { commandId: 'c' }));
    expect(refused.kind === 'refused' && refused.refusal.code).toBe('insufficient_credits');
    right(await mine(consume('p1', 'c4', '1'), { commandId: 'd' }));
  });

  test('a retried command id is recognised from the cache as from a full load', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    right(await handle(issue('p1'), { commandId: 'issue' }));
    const first = right(await handle(consume('p1', 'c1', '4'), { commandId: 'x' }));
    const again = right(await handle(consume('p1', 'c1', '4'), { commandId: 'x' }));
    expect([again.duplicate, again.nextRevision, again.position]).toEqual([true, first.nextRevision, first.position]);
  });

  test('for any interleaving of two handlers, a cached handler decides on the same state as a fresh load', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 9 })), { maxLength: 30 }), async (steps) => {
        const store = new InMemoryEventStore();
        const cached = commandHandler(store, creditPackAggregate);
        const uncached = commandHandler(store, creditPackAggregate, { cachedStreams: 0 });
        right(await cached(issue('p1', '60'), { commandId: 'issue' }));
        let i = 0;
        for (const [useCached, credits] of steps) {
          const handle = useCached ? cached : uncached;
          const outcome = await handle(consume('p1', `c${i}`, String(credits)), { commandId: `cmd-${i}` });
          i++;
          expect(E.isRight(outcome) || (outcome.left.kind === 'refused' && ['insufficient_credits', 'pack_exhausted'].includes(outcome.left.refusal.code))).toBe(true);
        }
        const fresh = right(await loadStream(store, creditPackAggregate, creditPackStream('p1')));
        const probe = await cached(consume('p1', 'probe', '1'), { commandId: 'probe' });
        const expected = creditPackAggregate.decider.decide(consume('p1', 'probe', '1'), fresh.state);
        expect(E.isRight(probe)).toBe(E.isRight(expected));
        if (E.isRight(probe) && E.isRight(expected)) expect(sameValue(probe.right.events, expected.right)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('the cache holds at most the configured number of streams, and evicted streams load again', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate, { cachedStreams: 2 });
    for (const p of ['p1', 'p2', 'p3']) right(await handle(issue(p, '5'), { commandId: `issue-${p}` }));
    right(await handle(consume('p1', 'c1', '5'), { commandId: 'use-all' }));
    const refused = left(await handle(consume('p1', 'c2', '1'), { commandId: 'more' }));
    expect(refused.kind === 'refused' && refused.refusal.code).toBe('pack_exhausted');
  });
});
