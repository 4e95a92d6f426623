import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@packledger/application';
import { CLIENT_PACKAGE_STREAM_PREFIX, CREDIT_PACK_STREAM_PREFIX } from '@packledger/domain';
import {
  InMemoryReadModelStore,
  allViews,
  eventDecoder,
  packledgerStreams,
  rebuildViews,
  startProjections,
  type AnyView,
  type Positioned,
  type RunningProjections,
} from '@packledger/projections';
import { PostgresEventStore, PostgresReadModelStore } from '@packledger/postgres';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type pg from 'pg';
import { faultyPool } from './support/faults';
import { describeWithPostgres, inFreshSchema, newPool } from './support/postgres';
import { commandSender, commandsOf, dayIso, eventsOf, randomHistory, snapshotOf } from './support/world';

const decode = eventDecoder(packledgerStreams);
const prefixes = [CREDIT_PACK_STREAM_PREFIX, CLIENT_PACKAGE_STREAM_PREFIX];

/** Every view rebuilt in memory from these events: what the documents must be. */
const rebuiltInMemory = async (events: readonly RecordedEvent[], views: readonly AnyView[] = allViews): Promise<Record<string, readonly Positioned[]>> => {
  const store = InMemoryEventStore.restore(events);
  if (E.isLeft(store)) throw new Error(store.left.problem);
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events: store.right, readModels, views, decode });
  return Object.fromEntries(await Promise.all(views.map(async (v) => [v.name, await readModels.all(v.name)] as const)));
};

/** Resolves 'reached' once the runner has committed `position`, or 'closed' if it stopped first. */
const outcome = (running: RunningProjections, position: bigint | undefined): Promise<'reached' | 'closed'> =>
  position === undefined ? running.caughtUp.then(() => 'reached' as const) : running.reached(position).then(() => 'reached' as const, () => 'closed' as const);

const lastPosition = async (events: EventStore): Promise<bigint | undefined> => (await eventsOf(events, prefixes)).at(-1)?.position;

describeWithPostgres('the projection runner over PostgreSQL', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = newPool();
  });
  afterAll(async () => pool.end());

  test('built live while commands arrive, and rebuilt by replay, the views equal the in-memory rebuild of the same events', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, fc.integer({ min: 1, max: 20 }), async (steps, batchSize) =>
        inFreshSchema(pool, async (schema) => {
          const events = new PostgresEventStore(pool, { schema });
          const readModels = new PostgresReadModelStore(pool, { schema });
          const running = await startProjections({ events, readModels, views: allViews, decode, batchSize });
          await running.caughtUp;
          const send = commandSender(events);
          for (const command of commandsOf(steps)) await send(command);
          const last = await lastPosition(events);
          if (last !== undefined) await running.reached(last);
          await running.stop();
          const expected = await rebuiltInMemory(await eventsOf(events, prefixes));
          expect(await snapshotOf(readModels)).toEqual(expected);
          await rebuildViews({ events, readModels, views: allViews, decode, batchSize });
          expect(await snapshotOf(readModels)).toEqual(expected);
          await events.close();
        }),
      ),
      { numRuns: 8 },
    );
  }, 180_000);

  test('killed in the middle of a commit, the runner leaves every view at its last checkpoint, and restarted it ends with the in-memory rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, fc.integer({ min: 1, max: 6 }), fc.nat(30), async (steps, batchSize, killAt) =>
        inFreshSchema(pool, async (schema) => {
          const events = new PostgresEventStore(pool, { schema });
          const send = commandSender(events);
          for (const command of commandsOf(steps)) await send(command);
          const all = await eventsOf(events, prefixes);

          let writes = 0;
          const crashing = new PostgresReadModelStore(
            faultyPool(pool, (sql) => (/^(INSERT|DELETE)/.test(sql) && /view_(documents|checkpoints)/.test(sql) && writes++ === killAt ? { kind: 'kill' } : undefined)),
            { schema },
          );
          const first = await startProjections({ events, readModels: crashing, views: allViews, decode, batchSize });
          const crashed = (await outcome(first, all.at(-1)?.position)) === 'closed';
          if (crashed) expect((await first.closed).reason).toBe('handler_failed');
          else await first.stop();

          // Every view holds exactly the replay of the events up to its own checkpoint: nothing half-written.
          const readModels = new PostgresReadModelStore(pool, { schema });
          for (const view of allViews) {
            const checkpoint = await readModels.checkpoint(view.name);
            const upTo = all.filter((e) => checkpoint !== undefined && e.position <= checkpoint);
            expect({ [view.name]: await readModels.all(view.name) }).toEqual(await rebuiltInMemory(upTo, [view]));
          }

          const second = await startProjections({ events, readModels, views: allViews, decode, batchSize });
          await second.caughtUp;
          await second.stop();
          expect(await snapshotOf(readModels)).toEqual(await rebuiltInMemory(all));
          await events.close();
        }),
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  test('two runners feeding the same views converge: each reaches the end or stops (handler_failed) before writing behind the other, and the views equal the in-memory rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistory, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), async (steps, batchA, batchB) =>
        inFreshSchema(pool, async (schema) => {
          const events = new PostgresEventStore(pool, { schema });
          const send = commandSender(events);
          const commands = commandsOf(steps);
          const half = Math.floor(commands.length / 2);
          for (const command of commands.slice(0, half)) await send(command);
          const runners = await Promise.all([batchA, batchB].map((batchSize) => startProjections({ events, readModels: new PostgresReadModelStore(pool, { schema }), views: allViews, decode, batchSize })));
          for (const command of commands.slice(half)) await send(command);
          const last = await lastPosition(events);
          const outcomes = await Promise.all(runners.map((r) => outcome(r, last)));
          expect(outcomes).toContain('reached');
          for (const [i, r] of runners.entries()) {
            if (outcomes[i] === 'reached') {
              await r.stop();
              continue;
            }
            const closed = await r.closed;
            expect(closed.reason === 'handler_failed' && String(closed.error)).toMatch(/two runners feed one view/);
          }
          const readModels = new PostgresReadModelStore(pool, { schema });
          expect(await snapshotOf(readModels)).toEqual(await rebuiltInMemory(await eventsOf(events, prefixes)));
          await events.close();
        }),
      ),
      { numRuns: 10 },
    );
  }, 180_000);

  test('a client package removed entirely: once the views have taken ClientPackageDeleted in, deleting its stream leaves no trace in them or in a rebuild', async () => {
    await inFreshSchema(pool, async (schema) => {
      const events = new PostgresEventStore(pool, { schema });
      const readModels = new PostgresReadModelStore(pool, { schema });
      const running = await startProjections({ events, readModels, views: allViews, decode });
      await running.caughtUp;
      const send = commandSender(events);
      const staff = { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] };
      const pkg = {
        catalogPackageId: 'voip', name: 'VoIP 100', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
        period: { unit: 'month', count: 1 }, limits: [{ type: 'volume', prefix: '380', minutes: '100' }],
      };
      const options = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };
      for (const id of ['cp-kept', 'cp-gone']) {
        await send({ type: 'AssignClientPackage', clientPackageId: id, clientId: 'rose', package: pkg, startDate: dayIso(0), quantity: 1, activateInPast: false, options, actor: staff, at: dayIso(0) });
      }
      for (const type of ['CancelClientPackage', 'ArchiveClientPackage']) expect(await send({ type, clientPackageId: 'cp-gone', actor: staff, at: dayIso(1) })).toBeDefined();
      const deletedAt = await send({ type: 'DeleteClientPackage', clientPackageId: 'cp-gone', actor: staff, at: dayIso(2) });
      if (deletedAt === undefined) throw new Error('DeleteClientPackage was refused');
      await running.reached(deletedAt);
      expect(E.isRight(await events.deleteStream(`${CLIENT_PACKAGE_STREAM_PREFIX}cp-gone`))).toBe(true);

      const after = await send({ type: 'ArchiveClientPackage', clientPackageId: 'cp-kept', actor: staff, at: dayIso(3) });
      if (after !== undefined) await running.reached(after);
      await running.stop();
      const ids = ((await readModels.all('client_packages')) as unknown as { clientPackageId: string }[]).map((r) => r.clientPackageId);
      expect(ids).toEqual(['cp-kept']);
      expect(await snapshotOf(readModels)).toEqual(await rebuiltInMemory(await eventsOf(events, prefixes)));
      await events.close();
    });
  }, 60_000);
});
