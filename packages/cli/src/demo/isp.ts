import { accountPackageAggregate, commandHandler, runBillRun, type EventStore } from '@packledger/application';
import { decodeAccountPackageCommand, decodeWith, Actor, type BillRun, type BillRunReport, type Instant, type LocalDate } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/**
 * An ISP's account with two packages (seed 003): fibre internet added mid-January (a
 * leading prorated period and a one-time installation), and a TV package added in February
 * with a one-month discount; monthly bill runs for January, February and March 2026, the
 * last one repeated to show that nothing is billed twice; fibre suspended from 11 March.
 */
export const runIspScenario = async (store: EventStore): Promise<{ reports: readonly BillRunReport[]; refusals: readonly string[] }> => {
  const handle = commandHandler(store, accountPackageAggregate);
  const refusals: string[] = [];
  let n = 0;
  const send = async (json: Record<string, unknown>) => {
    const command = decodeAccountPackageCommand(json);
    if (E.isLeft(command)) throw new Error(command.left.message);
    const outcome = await handle(command.right, { commandId: `isp-${++n}` });
    if (E.isLeft(outcome)) refusals.push(outcome.left.kind === 'refused' ? `${outcome.left.refusal.code}: ${outcome.left.refusal.message}` : outcome.left.kind);
  };
  const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const account = { accountId: 'acc-jones', currency: 'EUR', billDay: 1, usageBillDay: 1 };
  const options = { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false };
  const fibre = {
    catalogPackageId: 'fibre-100', name: 'Fibre 100', allowsGlobalAddOns: false,
    services: [{
      serviceId: 'internet', name: 'Internet 100', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
      recurringPrices: [{ status: 'active', price: eur('49.95') }, { status: 'suspended', price: eur('5.00') }], transitionPrices: [], oneTimePrice: eur('99.00'),
    }],
  };
  const tv = {
    catalogPackageId: 'tv-basic', name: 'TV Basic', allowsGlobalAddOns: false,
    services: [{
      serviceId: 'tv', name: 'TV channels', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
      recurringPrices: [{ status: 'active', price: eur('19.99') }], transitionPrices: [],
    }],
  };
  const add = (accountPackageId: string, definition: object, effectiveDate: string) => send({
    type: 'AddAccountPackage', accountPackageId, account, definition, priceBook: { priceBookId: 'eu-retail', currency: 'EUR' }, quantity: 1, frequency: 'monthly',
    effectiveDate, options, actor: sales, at: `${effectiveDate}T09:00:00Z`,
  });
  await add('ap-fibre', fibre, '2026-01-15');

  const scheduler = decodeWith(Actor, { kind: 'system', name: 'bill-run' });
  if (E.isLeft(scheduler)) throw new Error(scheduler.left.message);
  const month = (start: string, end: string): BillRun => ({
    billPeriod: { start: start as LocalDate, end: end as LocalDate }, billCharges: true, billUsage: false, invoiceTopUp: false,
    runContractCommitment: false, collectPayment: true, runDunning: false, deliverInvoice: true,
  });
  const reports: BillRunReport[] = [];
  const bill = async (run: BillRun) => {
    const report = await runBillRun({
      store, accountPackageIds: ['ap-fibre', 'ap-tv'], run, actor: scheduler.right, at: `${run.billPeriod.start}T02:00:00.000Z` as Instant,
      invoiceNumber: (accountId, r) => `INV-${accountId.replace('acc-', '').toUpperCase()}-${r.billPeriod.start.slice(0, 7)}`, accountTerms: { 'acc-jones': { billDay: 1 } },
    });
    if (E.isLeft(report)) throw report.left;
    reports.push(report.right);
  };
  await bill(month('2026-01-01', '2026-02-01'));
  await add('ap-tv', tv, '2026-02-01');
  await send({ type: 'AddServiceDiscount', accountPackageId: 'ap-tv', discountId: 'welcome', serviceId: 'tv', period: { start: '2026-02-01', end: '2026-03-01' }, discount: { type: 'percent', percent: '50' }, actor: sales, at: '2026-02-01T09:05:00Z' });
  await bill(month('2026-02-01', '2026-03-01'));
  await send({ type: 'ChangeServiceStatus', accountPackageId: 'ap-fibre', instanceId: 'internet.1', status: 'suspended', effectiveOn: '2026-03-11', actor: sales, at: '2026-03-10T09:00:00Z' });
  await bill(month('2026-03-01', '2026-04-01'));
  await bill(month('2026-03-01', '2026-04-01'));

  return { reports, refusals };
};
