import { accountInvoices, type AccountBilling } from '@packledger/projections';
import type { Section } from './sections';

/** An account's invoices, each a section with its lines (package, kind, service, period, detail, amount) and its total. */
export const invoiceSections = (docs: readonly AccountBilling[], accountId: string): Section[] =>
  accountInvoices(docs, accountId).map((inv) => ({
    title: `Invoice ${inv.invoiceNumber} of ${accountId}, ${inv.billPeriod.start} .. ${inv.billPeriod.end}`,
    header: ['package', 'charge', 'service', 'period', 'detail', 'amount'],
    rows: inv.lines.map((l) => [l.packageName, l.kind, l.serviceId ?? '', l.period === null ? '' : `${l.period.start} .. ${l.period.end}`, l.detail, `${l.amount} ${l.currency}`]),
    footer: [`Total ${inv.totals.map((t) => `${t.amount} ${t.currency}`).join(', ')}`],
  }));

/** Next bill date, billed through and status per package. */
export const billingSection = (docs: readonly AccountBilling[]): Section => ({
  title: 'Account packages',
  header: ['package', 'id', 'account', 'status', 'billed through', 'next bill date', 'invoices'],
  rows: docs.map((d) => [d.packageName, d.accountPackageId, d.accountId, d.status, d.billedThrough ?? '', d.nextBillDate ?? '', d.invoices.map((i) => i.invoiceNumber).join(', ')]),
});
