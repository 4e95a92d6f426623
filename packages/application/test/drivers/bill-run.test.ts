import { InMemoryEventStore, accountPackageAggregate, commandHandler, runBillRun, streamIdsOf, type EventStore } from '@packledger/application';
import { Actor, decodeAccountPackageCommand, decodeWith, type BillRun, type Instant, type LocalDate } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { crashingOnAppend } from './crashing-store';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const plan = (serviceId: string, price: string) => ({
  catalogPackageId: serviceId, name: serviceId, allowsGlobalAddOns: false,
  services: [{ serviceId, name: serviceId, usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices: [{ status: 'active', price: eur(price) }], transitionPrices: [] }],
});
const scheduler = (() => { const a = decodeWith(Actor, { kind: 'system', name: 'bill-run' }); if (E.isLeft(a)) throw new Error('actor'); return a.right; })();
const month = (start: string, end: string): BillRun => ({
  billPeriod: { start: start as LocalDate, end: end as LocalDate }, billCharges: true, billUsage: false, invoiceTopUp: false, runContractCommitment: false,
  collectPayment: false, runDunning: false, deliverInvoice: false,
});

const setUp = async (store: EventStore) => {
  const handle = commandHandler(store, accountPackageAggregate);
  for (const [id, accountId, price] of [['ap-1', 'acc-a', '30.00'], ['ap-2', 'acc-a', '12.00'], ['ap-3', 'acc-b', '99.00']] as const) {
    const c = decodeAccountPackageCommand({
      type: 'AddAccountPackage', accountPackageId: id, account: { accountId, currency: 'EUR', billDay: 1, usageBillDay: 1 }, definition: plan(`svc-${id}`, price),
      priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly', effectiveDate: '2026-01-01',
      options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false }, actor: { kind: 'staff', userId: 's', roles: ['sales'] }, at: '2026-01-01T00:00:00Z',
    });
    if (E.isLeft(c)) throw new Error(c.left.message);
    const r = await handle(c.right, { commandId: `add-${id}` });
    if (E.isLeft(r)) throw new Error('add failed');
  }
};

const countEvents = async (store: EventStore, type: string) => {
  let n = 0;
  for await (const e of store.readAll({ filter: { eventTypes: [type] } })) if (e.type === type) n++;
  return n;
};

describe('the bill run', () => {
  test('bills every due package on one invoice per account, and running it again bills nothing', async () => {
    const store = new InMemoryEventStore();
    await setUp(store);
    const ids = await streamIdsOf(store, 'accountPackage-', 'AccountPackageAdded');
    expect(ids).toEqual(['ap-1', 'ap-2', 'ap-3']);
    const first = await runBillRun({ store, accountPackageIds: ids, run: month('2026-01-01', '2026-02-01'), actor: scheduler, at: '2026-01-01T02:00:00.000Z' as Instant });
    if (E.isLeft(first)) throw first.left;
    expect(first.right.accounts.map((a) => [a.accountId, a.invoiceNumbers, a.packagesBilled, a.totals.map((t) => t.amount.toFixed(2))])).toEqual([
      ['acc-a', ['acc-a-2026-01-01'], ['ap-1', 'ap-2'], ['42.00']], ['acc-b', ['acc-b-2026-01-01'], ['ap-3'], ['99.00']],
    ]);
    const again = await runBillRun({ store, accountPackageIds: ids, run: month('2026-01-01', '2026-02-01'), actor: scheduler, at: '2026-01-01T05:00:00.000Z' as Instant });
    if (E.isLeft(again)) throw again.left;
    expect(again.right.accounts.flatMap((a) => a.packagesBilled)).toEqual([]);
    expect(await countEvents(store, 'PackageBilled')).toBe(3);
  });

  test('reads each package in full once: the bill commands go through the streams loaded for planning', async () => {
    const real = new InMemoryEventStore();
    await setUp(real);
    const fullReads: string[] = [];
    const counting: EventStore = {
      append: (...args) => real.append(...args),
      readStream: (stream, options) => {
        if ((options?.fromRevision ?? 0n) === 0n) fullReads.push(stream);
        return real.readStream(stream, options);
      },
      readAll: (...args) => real.readAll(...args),
      subscribeToAll: (...args) => real.subscribeToAll(...args),
    };
    const report = await runBillRun({ store: counting, accountPackageIds: ['ap-1', 'ap-2', 'ap-3'], run: month('2026-01-01', '2026-02-01'), actor: scheduler, at: '2026-01-01T02:00:00.000Z' as Instant });
    if (E.isLeft(report)) throw report.left;
    expect(report.right.accounts.flatMap((a) => a.packagesBilled)).toEqual(['ap-1', 'ap-2', 'ap-3']);
    expect(fullReads).toEqual(['accountPackage-ap-1', 'accountPackage-ap-2', 'accountPackage-ap-3']);
  });

  test('a run that crashed half-way, run again, bills each package once, on the same invoice', async () => {
    const real = new InMemoryEventStore();
    await setUp(real);
    const crashing = crashingOnAppend(real, 2);
    const run = month('2026-01-01', '2026-02-01');
    await expect(runBillRun({ store: crashing, accountPackageIds: ['ap-1', 'ap-2', 'ap-3'], run, actor: scheduler, at: '2026-01-01T02:00:00.000Z' as Instant })).rejects.toThrow('crash');
    expect(await countEvents(real, 'PackageBilled')).toBe(1);
    const resumed = await runBillRun({ store: real, accountPackageIds: ['ap-1', 'ap-2', 'ap-3'], run, actor: scheduler, at: '2026-01-01T03:00:00.000Z' as Instant });
    if (E.isLeft(resumed)) throw resumed.left;
    expect(await countEvents(real, 'PackageBilled')).toBe(3);
    const invoices: string[] = [];
    for await (const e of real.readAll({ filter: { eventTypes: ['PackageBilled'] } })) invoices.push(String((e.data as { invoiceNumber: string }).invoiceNumber));
    expect(invoices).toEqual(['acc-a-2026-01-01', 'acc-a-2026-01-01', 'acc-b-2026-01-01']);
  });
});
