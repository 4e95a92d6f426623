import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  creditPackStateCodec,
  loadStream,
  type CommandAccepted,
  type CommandFailure,
  type EventStore,
} from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import { creditPackStream, type CreditPackError, type CreditPackEvent } from '@packledger/domain';
import { consume, issue, right } from './credit-packs';

const P1 = creditPackStream('p1');
const ISSUED = 20;

/**
 * The store as many clients see it over a network: fast-check's scheduler decides when
 * each request reaches the store and when each answer comes back, so every run explores
 * another interleaving of reads, decisions and appends.
 */
const scheduledStore = (s: fc.Scheduler, inner: EventStore): EventStore => ({
  append: async (stream, events, options) => {
    await s.schedule(Promise.resolve(), `append to ${stream} reaches the store`);
    return s.schedule(inner.append(stream, events, options), `answer to the append to ${stream}`);
  },
  readStream: async (stream, options) => {
    await s.schedule(Promise.resolve(), `read of ${stream} reaches the store`);
    return s.schedule(inner.readStream(stream, options), `answer to the read of ${stream}`);
  },
  readAll: (options) => inner.readAll(options),
  subscribeToAll: (options, handler) => inner.subscribeToAll(options, handler),
});

type Outcome = E.Either<CommandFailure<CreditPackError>, CommandAccepted<CreditPackEvent>>;

const client = fc.record({
  credits: fc.integer({ min: 1, max: 9 }),
  /** The client sends its command twice (a retry after a timeout, a redelivered message). */
  sendsTwice: fc.boolean(),
});

describe('concurrent handlers hammering one credit pack', () => {
  test('never overdraw, never lose an accepted consumption, and record each accepted consumption exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(client, { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 4 })),
        async (s, clients, maxRetries, snapshotEvery) => {
          const inner = new InMemoryEventStore();
          const options = { maxRetries, ...(snapshotEvery === null ? {} : { snapshots: { every: snapshotEvery, codec: creditPackStateCodec } }) };
          right(await commandHandler(inner, creditPackAggregate, options)(issue('p1', String(ISSUED)), { commandId: 'issue' }));
          const handle = commandHandler(scheduledStore(s, inner), creditPackAggregate, options);

          const sends = clients.flatMap((c, i) => Array.from({ length: c.sendsTwice ? 2 : 1 }, () => ({ client: i, credits: c.credits })));
          const outcomes: Outcome[] = await s.waitFor(Promise.all(sends.map(({ client: i, credits }) =>
            handle(consume('p1', `use-${i}`, String(credits)), { commandId: `cmd-${i}` }))));

          const stored = right(await inner.readStream(P1));
          const consumed = stored.filter((e) => e.type === 'CreditsConsumed');
          const consumptionIds = consumed.map((e) => e.data.consumptionId);

          // Never overdrawn: the stream still folds, and what was used is within what was issued.
          const pack = right(await loadStream(inner, creditPackAggregate, P1)).state;
          if (pack.kind !== 'issued') throw new Error('the pack disappeared');
          const used = consumed.reduce((sum, e) => sum + Number(e.data.credits), 0);
          expect(used).toBeLessThanOrEqual(ISSUED);
          expect(pack.remaining.toNumber()).toBe(ISSUED - used);

          // Each consumption is recorded at most once, and only by its own command.
          expect(new Set(consumptionIds).size).toBe(consumptionIds.length);
          for (const e of consumed) expect(e.metadata.commandId).toBe(`cmd-${String(e.data.consumptionId).slice('use-'.length)}`);

          clients.forEach((_c, i) => {
            const mine = outcomes.filter((_o, k) => sends[k]?.client === i);
            const accepted = mine.filter(E.isRight).map((o) => o.right);
            const recorded = stored.filter((e) => e.metadata.commandId === `cmd-${i}`);
            if (accepted.length === 0) {
              // Refused or out of retries: nothing of it is in the stream.
              expect(recorded).toEqual([]);
              return;
            }
            // Accepted: in the stream exactly once, where the outcome says, and every accepted send says the same.
            expect(consumptionIds.filter((id) => id === `use-${i}`)).toHaveLength(1);
            expect(accepted.filter((a) => !a.duplicate).length).toBeLessThanOrEqual(1);
            const last = recorded[recorded.length - 1];
            for (const a of accepted) {
              expect([a.nextRevision, a.position]).toEqual([last?.revision, last?.position]);
              expect(sameValue(a.events, accepted[0]?.events)).toBe(true);
            }
            // A second send that did not see the first one may be refused, but never appends.
            for (const o of mine) if (E.isLeft(o)) expect(['refused', 'conflict']).toContain(o.left.kind);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('with enough retries every client is answered by the domain, never by a conflict', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 8 }), async (s, credits) => {
        const inner = new InMemoryEventStore();
        right(await commandHandler(inner, creditPackAggregate)(issue('p1', String(ISSUED)), { commandId: 'issue' }));
        // Each lost race means another client's append succeeded, so n clients need at most n - 1 retries.
        const handle = commandHandler(scheduledStore(s, inner), creditPackAggregate, { maxRetries: credits.length });
        const outcomes = await s.waitFor(Promise.all(credits.map((c, i) => handle(consume('p1', `use-${i}`, String(c)), { commandId: `cmd-${i}` }))));
        for (const o of outcomes) if (E.isLeft(o)) expect(o.left.kind).toBe('refused');
        const accepted = credits.filter((_c, i) => E.isRight(outcomes[i] as Outcome)).reduce((a, b) => a + b, 0);
        const pack = right(await loadStream(inner, creditPackAggregate, P1)).state;
        expect(pack.kind === 'issued' && pack.consumed.toNumber()).toBe(accepted);
      }),
      { numRuns: 200 },
    );
  });
});
