import { accountInvoices, type AccountBilling } from '@packledger/projections';
import { table } from '../table';

/** An account's invoices, each with its lines (package, kind, service, period, amount) and its total. */
export const invoicesText = (docs: readonly AccountBilling[], accountId: string): string =>
  accountInvoices(docs, accountId).map((inv) => [
    `Invoice ${inv.invoiceNumber}, ${inv.billPeriod.start} .. ${inv.billPeriod.end}`,
    table(['package', 'charge', 'service', 'period', 'detail', 'amount'], inv.lines.map((l) => [
      l.packageName, l.kind, l.serviceId ?? '', l.period === null ? '' : `${l.period.start} .. ${l.period.end}`, l.detail, `${l.amount} ${l.currency}`,
    ])),
    `Total ${inv.totals.map((t) => `${t.amount} ${t.currency}`).join(', ')}`,
  ].join('\n')).join('\n\n');

/** Next bill date, billed through and status per package. */
export const packagesTable = (docs: readonly AccountBilling[]): string =>
  table(['package', 'status', 'billed through', 'next bill date', 'invoices'], docs.map((d) => [
    d.packageName, d.status, d.billedThrough ?? '', d.nextBillDate ?? '', d.invoices.map((i) => i.invoiceNumber).join(', '),
  ]));
