import { InMemoryEventStore, creditPackEventCodec, type RecordedEvent } from '@packledger/application';
import { creditPack, fold, type CreditPackEvent } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { InMemoryReadModelStore, rebuildViews, startProjections, trackingReport, type CreditBalance, type TrackedPack } from '@packledger/projections';
import { commandsOf, makeWorld, randomHistory, snapshotOf, dayIso } from './world';

const allEvents = async (store: InMemoryEventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

const rebuilt = async (world: ReturnType<typeof makeWorld>) => {
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events: world.store, readModels, views: world.views, decode: world.decode, batchSize: 7 });
  return snapshotOf(readModels);
};

describe('projections (properties)', () => {
  test('the views built live, while commands arrive, equal the views rebuilt by replay', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, fc.integer({ min: 1, max: 20 }), async (steps, batchSize) => {
        const world = makeWorld();
        const running = await startProjections({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode, batchSize });
        await running.caughtUp;
        for (const c of commandsOf(steps)) await world.send(c);
        const last = (await allEvents(world.store)).at(-1)?.position;
        if (last !== undefined) await running.reached(last);
        await running.stop();
        expect(await snapshotOf(world.readModels)).toEqual(await rebuilt(world));
      }),
      { numRuns: 60 },
    );
  });

  test('stopping the runner at any event and resuming gives the same views', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, fc.nat(), fc.integer({ min: 1, max: 20 }), async (steps, cut, batchSize) => {
        const world = makeWorld();
        for (const c of commandsOf(steps)) await world.send(c);
        const events = await allEvents(world.store);
        const prefix = InMemoryEventStore.restore(events.slice(0, events.length === 0 ? 0 : cut % (events.length + 1)));
        if (E.isLeft(prefix)) throw new Error(prefix.left.problem);
        const first = await startProjections({ events: prefix.right, readModels: world.readModels, views: world.views, decode: world.decode, batchSize });
        await first.caughtUp;
        await first.stop();
        const second = await startProjections({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode, batchSize });
        await second.caughtUp;
        await second.stop();
        expect(await snapshotOf(world.readModels)).toEqual(await rebuilt(world));
      }),
      { numRuns: 60 },
    );
  });

  test('the balance view agrees with folding each pack\'s own decider state', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, async (steps) => {
        const world = makeWorld();
        for (const c of commandsOf(steps)) await world.send(c);
        await rebuildViews({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode });
        const byStream = new Map<string, CreditPackEvent[]>();
        for (const r of await allEvents(world.store)) {
          if (!r.stream.startsWith('creditPack-')) continue;
          const decoded = creditPackEventCodec.decode({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion });
          if (E.isLeft(decoded)) throw new Error(decoded.left.message);
          byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), decoded.right]);
        }
        const balances = (await world.readModels.all('credit_balances')) as unknown as CreditBalance[];
        expect(balances.length).toBe(byStream.size);
        for (const b of balances) {
          const state = fold(creditPack, byStream.get(`creditPack-${b.packId}`) ?? []);
          if (state.kind !== 'issued') throw new Error(`no pack ${b.packId}`);
          expect([b.remaining, b.consumed, b.refunded, b.transferred, b.forfeited, b.status, b.expiresAt, b.projectManagerId])
            .toEqual([state.remaining.toFixed(), state.consumed.toFixed(), state.refunded.toFixed(), state.transferred.toFixed(), state.forfeited.toFixed(), state.status, state.expiresAt, state.projectManagerId]);
          expect(state.creditValue.eq(state.issuedCredits.plus(b.corrected))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('the tracking report\'s filters agree with a naive filter over all packs', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomHistory,
        fc.record({ companyId: fc.constantFrom('acme', 'globex'), projectManagerId: fc.constantFrom('pat', 'max'), relationshipManagerId: fc.constantFrom('sam', 'rae'), search: fc.constantFrom('p1', 'PACK', 'glob', 'zzz') }, { requiredKeys: [] }),
        fc.integer({ min: 0, max: 400 }),
        async (steps, filter, day) => {
          const world = makeWorld();
          for (const c of commandsOf(steps)) await world.send(c);
          await rebuildViews({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode });
          const at = dayIso(day);
          const tracked = (await world.readModels.all('credit_pack_tracking')) as unknown as TrackedPack[];
          const balances = (await world.readModels.all('credit_balances')) as unknown as CreditBalance[];
          const needle = filter.search?.toLowerCase();
          const naive = balances
            .filter((b) => (b.status === 'active' || b.status === 'exhausted') && Date.parse(b.expiresAt) > Date.parse(at))
            .filter((b) => (filter.companyId ?? b.companyId) === b.companyId && (filter.projectManagerId ?? b.projectManagerId) === b.projectManagerId)
            .filter((b) => (filter.relationshipManagerId ?? b.relationshipManagerId) === b.relationshipManagerId)
            .filter((b) => needle === undefined || [b.name, b.packId, b.companyId].some((s) => s.toLowerCase().includes(needle)))
            .map((b) => b.packId).sort();
          expect(trackingReport(tracked, filter, at).map((p) => p.packId).sort()).toEqual(naive);
        },
      ),
      { numRuns: 60 },
    );
  });
});
