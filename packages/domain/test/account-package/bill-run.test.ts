import * as E from 'fp-ts/Either';
import {
  accountPackage,
  billPackageCommand,
  billRunReport,
  fold,
  money,
  planBillRun,
  shouldDeliverInvoice,
  type AccountPackageEvent,
  type AccountPackageState,
  type BillRun,
  type DayRange,
  type Instant,
  type LocalDate,
  type PackageRunOutcome,
} from '../../src';
import { account, addJson, billJson, command, fibre, play, schedulerActor, singleService } from './fixtures';

const range = (start: string, end: string): DayRange => ({ start: start as LocalDate, end: end as LocalDate });
const run = (start: string, end: string, more: Partial<BillRun> = {}): BillRun => ({
  billPeriod: range(start, end), billCharges: true, billUsage: false, invoiceTopUp: false, runContractCommitment: false, collectPayment: true, runDunning: false, deliverInvoice: true, ...more,
});

/** Streams by package id: two packages on acc-1, one postpaid on acc-2, one on acc-3 added in March. */
const streams = (): Map<string, AccountPackageEvent[]> => new Map([
  ['ap-1', play([command(addJson({ accountPackageId: 'ap-1' }))])],
  ['ap-2', play([command(addJson({ accountPackageId: 'ap-2', definition: fibre, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: 'v' }] }))])],
  ['ap-3', play([command(addJson({ accountPackageId: 'ap-3', account: { ...account, accountId: 'acc-2' }, definition: singleService('30.00'), options: { chargeFullPeriod: false, postpaid: true, chargeRecurringOnlyIfUsage: false } }))])],
  ['ap-4', play([command(addJson({ accountPackageId: 'ap-4', account: { ...account, accountId: 'acc-3' }, effectiveDate: '2026-03-01' }))])],
]);

/** A driver as the application layer will have it, without the store: plan, one invoice number per account, decide, report. */
const billRunOnce = (store: Map<string, AccountPackageEvent[]>, r: BillRun) => {
  const states = new Map<string, AccountPackageState>([...store].map(([id, events]) => [id, fold(accountPackage, events)]));
  const plan = planBillRun([...states.values()], r);
  const outcomes: PackageRunOutcome[] = [];
  for (const { accountId, accountPackageIds } of plan.accounts) {
    const invoiceNumber = `${accountId}-${r.billPeriod.start}`;
    for (const id of accountPackageIds) {
      const state = states.get(id);
      if (state?.kind !== 'package') continue;
      const outcome = accountPackage.decide(billPackageCommand(state, r, invoiceNumber, schedulerActor, `${r.billPeriod.start}T03:00:00.000Z` as Instant), state);
      if (E.isLeft(outcome)) {
        outcomes.push({ accountPackageId: state.accountPackageId, accountId, result: 'refused', error: outcome.left });
        continue;
      }
      store.get(id)?.push(...outcome.right);
      outcomes.push(outcome.right.length === 0 ? { accountPackageId: state.accountPackageId, accountId, result: 'nothing' } : { accountPackageId: state.accountPackageId, accountId, result: 'billed', events: outcome.right });
    }
  }
  return { plan, report: billRunReport(plan, r, outcomes, { 'acc-1': { billDay: 1 }, 'acc-2': { billDay: 1, minimumInvoiceAmount: money('50.00', 'EUR') } }) };
};

describe('bill runs', () => {
  test('a run bills the packages whose next bill date falls in the bill period, grouped by account', () => {
    const { plan } = billRunOnce(streams(), run('2026-01-01', '2026-02-01'));
    expect(plan.accounts).toEqual([{ accountId: 'acc-1', accountPackageIds: ['ap-1', 'ap-2'] }]);
    expect(plan.notDue).toBe(2);
  });

  test('the report gives each account its invoice, total and charges', () => {
    const { report } = billRunOnce(streams(), run('2026-01-01', '2026-02-01'));
    expect(report.accounts.map((a) => ({ ...a, totals: a.totals.map((t) => `${t.amount.toFixed(2)} ${t.currency}`) }))).toEqual([{
      accountId: 'acc-1', invoiceNumbers: ['acc-1-2026-01-01'], packagesBilled: ['ap-1', 'ap-2'], packagesCancelled: [], charges: 4, totals: ['259.00 EUR'],
      accountTopUp: undefined, refused: [], deliverInvoice: true, collectPayment: true, runDunning: false,
    }]);
  });

  test('running the same period twice bills nothing the second time', () => {
    const store = streams();
    billRunOnce(store, run('2026-01-01', '2026-02-01'));
    const sizes = [...store.values()].map((s) => s.length);
    const again = billRunOnce(store, run('2026-01-01', '2026-02-01'));
    expect(again.plan.accounts).toEqual([]);
    expect(again.report.accounts).toEqual([]);
    expect([...store.values()].map((s) => s.length)).toEqual(sizes);
  });

  test('postpaid packages are billed by the run after their period ends, and the account contract\'s minimum is topped up', () => {
    const store = streams();
    billRunOnce(store, run('2026-01-01', '2026-02-01'));
    const { report } = billRunOnce(store, run('2026-02-01', '2026-03-01', { invoiceTopUp: true }));
    const acc2 = report.accounts.find((a) => a.accountId === 'acc-2');
    expect(acc2?.totals.map((t) => t.amount.toFixed(2))).toEqual(['30.00']);
    expect(acc2?.accountTopUp?.amount.toFixed(2)).toBe('20.00');
  });

  test('a package whose next bill date was missed is reported, not billed', () => {
    const { plan, report } = billRunOnce(streams(), run('2026-02-01', '2026-03-01'));
    expect(plan.missed.map((m) => [m.accountPackageId, m.nextBillDate])).toEqual([['ap-1', '2026-01-01'], ['ap-2', '2026-01-01']]);
    expect(report.missed).toHaveLength(2);
    expect(plan.accounts).toEqual([{ accountId: 'acc-2', accountPackageIds: ['ap-3'] }]);
  });

  test('the BillPackage command of a run carries the run\'s options and the account\'s invoice number', () => {
    const state = fold(accountPackage, play([command(addJson())]));
    if (state.kind !== 'package') throw new Error('fixture broken');
    expect(billPackageCommand(state, run('2026-01-01', '2026-02-01', { billUsage: true, postingDate: '2026-01-31' as LocalDate }), 'INV-7', schedulerActor, '2026-01-01T00:00:00.000Z' as Instant))
      .toEqual(command(billJson('2026-01-01', '2026-02-01', { invoiceNumber: 'INV-7', billUsage: true, postingDate: '2026-01-31', at: '2026-01-01T00:00:00.000Z' })));
  });

  test.each([
    [1, '2026-01-01', '2026-02-01', true],
    [15, '2026-01-01', '2026-01-15', false],
    [31, '2026-02-01', '2026-03-01', true],
    [31, '2024-02-01', '2024-02-29', false],
    [31, '2024-02-01', '2024-03-01', true],
    [10, '2026-01-20', '2026-02-05', false],
    [1, '2026-01-20', '2026-02-05', true],
  ])('invoices are delivered only when the account\'s bill day %i falls in [%s, %s): %s', (billDay, start, end, expected) => {
    expect(shouldDeliverInvoice(billDay, range(start, end))).toBe(expected);
  });
});
