// A saga crash at every step, then a restart: the host resends its requests and a tick
// resumes whatever was left. Every run ends exactly where a run without a crash ends:
// one pack per pack id, one invoice request, and the order agreeing with its pack.
import { decodeCreditPackCommand, type CreditPackCommand } from '@packledger/domain';
import {
  InMemoryEventStore,
  commandHandler,
  creditOrderProcess,
  creditOrderWorkSource,
  creditPackAggregate,
  tick,
  type EventStore,
} from '@packledger/application';
import { Crash, CrashingStore, accounts, allEvents, brandFilm, cancel, confirm, correct, expectOrdersAgreeWithPacks, kimAsOwner, place, right, sales } from './fixtures';

const consume = (credits: string): CreditPackCommand =>
  right(decodeCreditPackCommand({ type: 'ConsumeCredits', packId: 'pack-1', consumptionId: 'use-1', credits, project: brandFilm, productId: 'edit-day', actor: sales, at: '2026-02-10T12:00:00Z' }));

/** What a host does: each request with its own command id, which it reuses when it tries again. */
type Script = (store: EventStore) => Promise<void>;

const send = async (store: EventStore, requests: readonly [string, Parameters<ReturnType<typeof creditOrderProcess>['send']>[0]][]): Promise<void> => {
  const orders = creditOrderProcess(store);
  for (const [commandId, request] of requests) right(await orders.send(request, { commandId }));
};

const scripts: readonly [string, Script][] = [
  ['confirmation: issue the pack, record the invoice request', (store) => send(store, [['req-place', place()], ['req-confirm', confirm()]])],
  ['correction of details: edit the pack', (store) => send(store, [['req-place', place()], ['req-confirm', confirm()], ['req-fix', correct({ name: 'Brand pack', projectManagerId: 'pia' })]])],
  ['correction of the credit value by Accounts', (store) => send(store, [['req-place', place()], ['req-confirm', confirm()], ['req-fix', correct({ credits: '45' }, { actor: accounts })]])],
  ['new owner before use: replace the pack', (store) => send(store, [['req-place', place()], ['req-confirm', confirm()], ['req-fix', correct({ owner: kimAsOwner }, { newPackId: 'pack-2' })]])],
  ['new owner after use: cancel and reissue', async (store) => {
    await send(store, [['req-place', place()], ['req-confirm', confirm()]]);
    right(await commandHandler(store, creditPackAggregate)(consume('12'), { commandId: 'use-1' }));
    await send(store, [['req-fix', correct({ owner: kimAsOwner }, { newPackId: 'pack-2', actor: accounts })]]);
  }],
  ['cancellation of an unused pack', (store) => send(store, [['req-place', place()], ['req-confirm', confirm()], ['req-cancel', cancel()]])],
];

/** Each stream's events (type and id), stream by stream: what a run leaves behind. */
const streams = async (store: EventStore): Promise<Record<string, string[]>> => {
  const out: Record<string, string[]> = {};
  for (const e of await allEvents(store)) (out[e.stream] ??= []).push(`${e.type} ${e.id}`);
  return out;
};

const restart = async (store: EventStore, script: Script): Promise<void> => {
  // The restarted host: a tick first (it finds the orders left half-way), then its requests again, then a tick.
  const resume = () => tick('2026-03-01T00:00:00Z', { sources: [creditOrderWorkSource(creditOrderProcess(store), store)] });
  await resume();
  await script(store);
  const last = await resume();
  expect(last.sources[0]?.work).toEqual([]);
};

describe.each(scripts)('a crash at every step of the %s', (_name, script) => {
  test('then a restart ends where a run without a crash ends: one pack per id, one invoice request', async () => {
    const counting = new CrashingStore(new InMemoryEventStore(), Number.POSITIVE_INFINITY, 'after');
    await script(counting);
    const reference = await streams(counting);
    const appends = counting.appends;
    expect(appends).toBeGreaterThanOrEqual(5);

    for (const when of ['before', 'after'] as const) {
      for (let crashAt = 1; crashAt <= appends; crashAt++) {
        const store = new InMemoryEventStore();
        await expect(script(new CrashingStore(store, crashAt, when))).rejects.toThrow(Crash);
        await expectOrdersAgreeWithPacks(store);
        await restart(store, script);
        expect(await streams(store)).toEqual(reference);
        const events = await allEvents(store);
        expect(events.filter((e) => e.type === 'CreditOrderInvoiceRequested')).toHaveLength(1);
        const issued = events.filter((e) => e.type === 'CreditPackIssued').map((e) => e.stream);
        expect(new Set(issued).size).toBe(issued.length);
        await expectOrdersAgreeWithPacks(store);
      }
    }
  });
});
