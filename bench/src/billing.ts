import { InMemoryEventStore, accountPackageAggregate, clientPackageAggregate, commandHandler, runBillRun } from '@packledger/application';
import { Actor, decodeAccountPackageCommand, decodeClientPackageCommand, decodeWith, type BillRun, type ClientPackageCommand, type Instant, type LocalDate } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import type { Figure } from './harness';
import { seeded } from './harness';

const right = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const sales = { kind: 'staff', userId: 'bench', roles: ['sales', 'accounts'] };
const scheduler = right(decodeWith(Actor, { kind: 'system', name: 'bench' }));

/** A bill run over 10,000 account packages (2,000 accounts, 5 packages each) for one month. */
export const billRunPackagesPerSecond: Figure = {
  name: 'billrun_packages_per_s',
  unit: 'packages/s',
  better: 'higher',
  target: 10_000,
  workload: 'runBillRun for May 2026 over 10,000 monthly account packages (2,000 accounts x 5 packages, 2 services each), CommandHandler + InMemoryEventStore',
  measure: async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, accountPackageAggregate);
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    const definition = {
      catalogPackageId: 'fibre', name: 'Fibre', allowsGlobalAddOns: false,
      services: [
        { serviceId: 'internet', name: 'Internet', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices: [{ status: 'active', price: eur('49.95') }], transitionPrices: [] },
        { serviceId: 'ip', name: 'Static IP', usageBased: false, defaultInstances: 1, minInstances: 0, maxInstances: 3, recurringPrices: [{ status: 'active', price: eur('5.00') }], transitionPrices: [] },
      ],
    };
    const ids: string[] = [];
    for (let a = 0; a < 2_000; a++) {
      for (let p = 0; p < 5; p++) {
        const id = `ap-${a}-${p}`;
        ids.push(id);
        const add = right(decodeAccountPackageCommand({
          type: 'AddAccountPackage', accountPackageId: id, account: { accountId: `acc-${a}`, currency: 'EUR', billDay: 1, usageBillDay: 1 }, definition,
          priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly', effectiveDate: '2026-05-01',
          options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false }, actor: sales, at: '2026-04-20T09:00:00Z',
        }));
        const r = await handle(add, { commandId: `add-${id}` });
        if (E.isLeft(r)) throw new Error('add failed');
      }
    }
    const run: BillRun = {
      billPeriod: { start: '2026-05-01' as LocalDate, end: '2026-06-01' as LocalDate }, billCharges: true, billUsage: false, invoiceTopUp: false,
      runContractCommitment: false, collectPayment: false, runDunning: false, deliverInvoice: false,
    };
    const start = performance.now();
    const report = await runBillRun({ store, accountPackageIds: ids, run, actor: scheduler, at: '2026-05-01T02:00:00.000Z' as Instant });
    const seconds = (performance.now() - start) / 1000;
    if (E.isLeft(report) || report.right.accounts.reduce((n, a) => n + a.packagesBilled.length, 0) !== ids.length) throw new Error('bill run did not bill every package');
    return ids.length / seconds;
  },
};

/** Usage records rated against client packages with 500 limits each. */
export const usageRecordsPerSecond: Figure = {
  name: 'usage_records_per_s',
  unit: 'records/s',
  better: 'higher',
  target: 200_000,
  workload: '20,000 usage records (calls and charges to random destinations) rated through CommandHandler + InMemoryEventStore against 20 client packages with 500 prefix limits each',
  measure: async () => {
    const random = seeded(7);
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, clientPackageAggregate);
    const prefixes = Array.from({ length: 500 }, (_, i) => `${380 + (i % 40)}${String(i).padStart(3, '0')}`.slice(0, 3 + (i % 5)));
    const limits = [...new Set(prefixes)].map((prefix, i) => (i % 2 === 0
      ? { type: 'volume', prefix, minutes: '100000' }
      : { type: 'money', prefix, amount: { amount: '100000.00', currency: 'USD' } }));
    const system = { kind: 'system', name: 'bench' };
    for (let p = 0; p < 20; p++) {
      for (const json of [
        { type: 'AssignClientPackage', clientPackageId: `cp${p}`, clientId: `client-${p}`, package: { catalogPackageId: 'big', name: 'Big', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '1.00', currency: 'USD' }, period: { unit: 'month', count: 1 }, limits }, startDate: '2026-01-01T00:00:00Z', quantity: 1, activateInPast: true, options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, actor: sales, at: '2026-01-01T00:00:00Z' },
        { type: 'RunPackageManager', clientPackageId: `cp${p}`, clientBalance: { amount: '1000', currency: 'USD' }, actor: system, at: '2026-01-01T00:00:00Z' },
      ]) {
        const r = await handle(right(decodeClientPackageCommand(json)), { commandId: `${json.type}-${p}` });
        if (E.isLeft(r)) throw new Error('setup failed');
      }
    }
    const records: ClientPackageCommand[] = Array.from({ length: 20_000 }, (_, i) => right(decodeClientPackageCommand({
      type: 'RateUsage', clientPackageId: `cp${i % 20}`, actor: system, at: `2026-01-${String(2 + (i % 25)).padStart(2, '0')}T10:00:00Z`,
      usage: random() < 0.7
        ? { type: 'minutes', usageId: `u${i}`, destination: `${prefixes[Math.floor(random() * prefixes.length)] ?? '380'}${Math.floor(random() * 1e6)}`, minutes: String(1 + Math.floor(random() * 30)) }
        : { type: 'money', usageId: `u${i}`, destination: `${prefixes[Math.floor(random() * prefixes.length)] ?? '380'}${Math.floor(random() * 1e6)}`, amount: { amount: '0.25', currency: 'USD' } },
    })));
    const start = performance.now();
    for (let i = 0; i < records.length; i++) {
      const r = await handle(records[i] as ClientPackageCommand, { commandId: `rate-${i}` });
      if (E.isLeft(r)) throw new Error(`rating refused: ${r.left.kind === 'refused' ? r.left.refusal.message : r.left.kind}`);
    }
    return records.length / ((performance.now() - start) / 1000);
  },
};
