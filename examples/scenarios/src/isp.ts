import { InMemoryEventStore, accountPackageAggregate, commandHandler, runBillRun } from '@packledger/application';
import { Actor, DayRangeCodec, InstantString, decodeAccountPackageCommand, decodeWith } from '@packledger/domain';
import { InMemoryReadModelStore, accountBilling, accountInvoices, allViews, eventDecoder, packledgerStreams, rebuildViews, type AccountBilling } from '@packledger/projections';
import * as E from 'fp-ts/Either';

/** The decoded value, or a thrown error listing what was wrong with the input. */
const must = <A>(decoded: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};

/**
 * An ISP bills the Jones household, prepaid on the 1st of each month, for two account
 * packages: fibre internet from 15 January (part of January, plus a one-time installation)
 * and TV from 1 February (half price in February). Fibre is suspended from 11 March at a
 * lower price. One bill run a month, on the 20th, puts every package due on one invoice.
 */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  const store = new InMemoryEventStore();
  const handle = commandHandler(store, accountPackageAggregate);
  let sent = 0;
  const send = async (json: Record<string, unknown>): Promise<void> => {
    const command = must(decodeAccountPackageCommand(json));
    const outcome = await handle(command, { commandId: `isp-${++sent}` });
    if (E.isRight(outcome)) log(`ok       ${command.type}: ${outcome.right.events.map((e) => e.type).join(', ')}`);
    else if (outcome.left.kind === 'refused') log(`refused  ${command.type}: ${outcome.left.refusal.code}: ${outcome.left.refusal.message}`);
    else throw new Error(outcome.left.error.message);
  };

  // What the catalog sells, in euros. A service has a monthly price per status.
  const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const service = (serviceId: string, name: string, recurringPrices: object[], oneTimePrice?: object) => ({
    serviceId, name, usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices, transitionPrices: [], ...(oneTimePrice === undefined ? {} : { oneTimePrice }),
  });
  const fibre = { catalogPackageId: 'fibre-100', name: 'Fibre 100', allowsGlobalAddOns: false,
    services: [service('internet', 'Internet 100', [{ status: 'active', price: eur('49.95') }, { status: 'suspended', price: eur('5.00') }], eur('99.00'))] };
  const tv = { catalogPackageId: 'tv-basic', name: 'TV Basic', allowsGlobalAddOns: false, services: [service('tv', 'TV channels', [{ status: 'active', price: eur('19.99') }])] };
  const add = (accountPackageId: string, definition: object, effectiveDate: string, at: string) => send({
    type: 'AddAccountPackage', accountPackageId, definition, effectiveDate, actor: sales, at, quantity: 1, frequency: 'monthly',
    account: { accountId: 'acc-jones', currency: 'EUR', billDay: 1, usageBillDay: 1 }, priceBook: { priceBookId: 'eu-retail', currency: 'EUR' },
    options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false },
  });

  // The monthly bill run. The invoice number depends only on the account and the month,
  // so a run repeated after a crash puts the packages on the same invoice, once.
  const scheduler = must(decodeWith(Actor, { kind: 'system', name: 'bill-run' }));
  const billMonth = async (start: string, end: string, runOn: string): Promise<void> => {
    const run = { billPeriod: must(decodeWith(DayRangeCodec, { start, end })), billCharges: true, billUsage: false, invoiceTopUp: false,
      runContractCommitment: false, collectPayment: true, runDunning: false, deliverInvoice: true };
    const report = must(await runBillRun({ store, accountPackageIds: ['ap-fibre', 'ap-tv'], run, actor: scheduler, at: must(decodeWith(InstantString, runOn)),
      invoiceNumber: (accountId, r) => `${accountId}-${r.billPeriod.start.slice(0, 7)}` }));
    log(`bill run ${start}: billed ${report.accounts.flatMap((a) => a.packagesBilled).join(', ')}`);
  };

  // January: fibre from the 15th is billed for 17 of January's 31 days, plus installation.
  await add('ap-fibre', fibre, '2026-01-15', '2026-01-10T09:00:00Z');
  await billMonth('2026-01-01', '2026-02-01', '2026-01-20T02:00:00Z');
  // February: TV joins from the 1st, with 50% off in February; fibre is a full month.
  await add('ap-tv', tv, '2026-02-01', '2026-01-25T09:00:00Z');
  await send({ type: 'AddServiceDiscount', accountPackageId: 'ap-tv', discountId: 'welcome', serviceId: 'tv', period: { start: '2026-02-01', end: '2026-03-01' },
    discount: { type: 'percent', percent: '50' }, actor: sales, at: '2026-01-25T09:05:00Z' });
  await billMonth('2026-02-01', '2026-03-01', '2026-02-20T02:00:00Z');
  // March: fibre is suspended from the 11th: 10 days at the active price, 21 at the suspended one.
  await send({ type: 'ChangeServiceStatus', accountPackageId: 'ap-fibre', instanceId: 'internet.1', status: 'suspended', effectiveOn: '2026-03-11', actor: sales, at: '2026-03-10T09:00:00Z' });
  await billMonth('2026-03-01', '2026-04-01', '2026-03-20T02:00:00Z');
  // March is billed already (in advance), so TV cannot be cancelled inside it; from 1 April it can.
  await send({ type: 'CancelAccountPackage', accountPackageId: 'ap-tv', cancellationDate: '2026-03-28', actor: sales, at: '2026-03-25T09:00:00Z' });
  await send({ type: 'CancelAccountPackage', accountPackageId: 'ap-tv', cancellationDate: '2026-04-01', actor: sales, at: '2026-03-25T09:05:00Z' });

  // The account billing view, rebuilt from the events, holds every package's invoices.
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  const billing = (await readModels.all(accountBilling.name)) as readonly AccountBilling[];
  for (const invoice of accountInvoices(billing, 'acc-jones')) {
    log('');
    log(`invoice ${invoice.invoiceNumber} (${invoice.billPeriod.start} to ${invoice.billPeriod.end}): ${invoice.totals.map((t) => `${t.amount} ${t.currency}`).join(', ')}`);
    for (const l of invoice.lines) log(`  ${l.packageName.padEnd(9)} ${(l.serviceId ?? '').padEnd(8)} ${l.kind.padEnd(9)} ${l.amount.padStart(6)}  ${l.detail}`);
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
