import fc from 'fast-check';
import { InMemoryEventStore, type EventToAppend, type GlobalPosition, type Subscription } from '@packledger/application';

const event = (n: number): EventToAppend => ({
  id: `e${n}`,
  type: n % 3 === 0 ? 'CreditsConsumed' : 'CreditPackIssued',
  data: { n },
  metadata: { schemaVersion: 1, commandId: `c${n}`, correlationId: `c${n}`, causationId: `c${n}`, actor: 'system:test', occurredAt: '2026-01-31T10:00:00.000Z' },
});

/** What a test run does: append a batch of events to a stream, or stop the subscriber and resume it from its checkpoint. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), stream: fc.constantFrom('creditPack-a', 'creditPack-b', 'snapshot-creditPack-a', 'accountPackage-x'), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('restart' as const) }),
);

const idsOf = async (events: AsyncIterable<{ readonly id: string }>): Promise<string[]> => {
  const ids: string[] = [];
  for await (const e of events) ids.push(e.id);
  return ids;
};

describe('in-memory subscriptions under random timing', () => {
  test('a subscriber stopped and resumed from its checkpoint at random moments receives every matching event once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(step, { maxLength: 25 }), async (s, steps) => {
        const store = new InMemoryEventStore();
        const filter = { streamPrefixes: ['creditPack-'] };
        const delivered: string[] = [];
        let checkpoint: GlobalPosition | undefined;
        let counter = 0;
        const start = (): Subscription =>
          store.subscribeToAll({ fromPosition: checkpoint, filter }, async (message) => {
            // The handler takes a while, as long as the scheduler says: appends and restarts happen meanwhile.
            await s.schedule(Promise.resolve(), 'the handler finishes');
            if (message.kind === 'event') delivered.push(message.event.id);
          });
        let subscription = start();
        const run = async (): Promise<void> => {
          for (const st of steps) {
            await s.schedule(Promise.resolve(), st.kind);
            if (st.kind === 'append') {
              const events = Array.from({ length: st.count }, () => event(++counter));
              await store.append(st.stream, [events[0] as EventToAppend, ...events.slice(1)], { expectedRevision: 'any' });
            } else {
              await subscription.stop();
              checkpoint = (await subscription.closed).checkpoint;
              subscription = start();
            }
          }
          // Give the last subscriber every chance to deliver what it still owes, then stop it.
          const owed = (await idsOf(store.readAll({ filter }))).length;
          for (let i = 0; delivered.length < owed && i < 1000; i++) await s.schedule(Promise.resolve(), 'time passes');
          await subscription.stop();
        };
        await s.waitFor(run());
        expect(delivered).toEqual(await idsOf(store.readAll({ filter })));
      }),
      { numRuns: 150 },
    );
  });
});
