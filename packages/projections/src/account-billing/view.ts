import { Dec, ACCOUNT_PACKAGE_STREAM_PREFIX, formatMoney, type AccountPackageEvent, type ChargeLine, type Money } from '@packledger/domain';
import { compareText, type Positioned, type ProjectedEvent, type View } from '../view';


/** One line of an invoice: what was charged and how much (decimal string, signed). */
export interface InvoiceLineRow {
  readonly kind: ChargeLine['kind'];
  readonly serviceId: string | null;
  readonly period: { readonly start: string; readonly end: string } | null;
  readonly amount: string;
  readonly currency: string;
  /** What a reader needs to check the amount: status and days for a recurring line, the transition, the discount id, usage records. */
  readonly detail: string;
}

/** What one billing of a package put on an invoice. */
export interface PackageInvoice {
  readonly invoiceNumber: string;
  readonly billPeriod: { readonly start: string; readonly end: string };
  readonly postingDate: string;
  readonly total: string;
  readonly currency: string;
  readonly lines: readonly InvoiceLineRow[];
}

/** An account package's billing: next bill date, billed through, status and its charges per invoice. */
export interface AccountBilling extends Positioned {
  readonly accountPackageId: string;
  readonly accountId: string;
  readonly packageName: string;
  readonly currency: string;
  readonly status: string;
  readonly lifecycle: 'active' | 'cancellation_scheduled' | 'cancelled' | 'transferred';
  readonly nextBillDate: string | null;
  readonly billedThrough: string | null;
  readonly cancellationDate: string | null;
  readonly invoices: readonly PackageInvoice[];
}

/** The amount with the currency's minor unit of decimals ("99.00"), without the currency. */
const amountOf = (m: Money): string => formatMoney(m).split(' ')[0] ?? '';

const detailOf = (line: ChargeLine): string => {
  switch (line.kind) {
    case 'recurring': return `${line.status}, ${line.days}/${line.periodDays} days x ${line.quantity} at ${line.unitPrice.amount.toFixed()}`;
    case 'one_time': return `${line.quantity} x ${line.unitPrice.amount.toFixed()}`;
    case 'transition': return `${line.from} -> ${line.to} on ${line.on}`;
    case 'discount': return `discount ${line.discountId}`;
    case 'adjustment': return `${line.from ?? 'none'} -> ${line.to ?? 'none'}`;
    case 'usage': return `${line.records} records, ${line.quantity.toFixed()} units`;
    case 'early_termination_fee': return `contract ${line.contractId}`;
    case 'top_up': return `to minimum ${line.minimum.amount.toFixed()}`;
  }
};

const lineRow = (line: ChargeLine): InvoiceLineRow => ({
  kind: line.kind,
  serviceId: 'serviceId' in line ? line.serviceId : null,
  period: 'period' in line ? { start: line.period.start, end: line.period.end } : null,
  amount: amountOf(line.amount),
  currency: line.amount.currency,
  detail: detailOf(line),
});

/** Folds an account-package event into its billing document. */
export const evolveAccountBilling = (doc: AccountBilling | undefined, { event, position }: ProjectedEvent<AccountPackageEvent>): AccountBilling | null => {
  const at = position.toString();
  if (event.type === 'AccountPackageAdded') {
    const d = event.data;
    return {
      position: at, accountPackageId: d.accountPackageId, accountId: d.account.accountId, packageName: d.definition.name, currency: d.account.currency,
      status: d.status.code, lifecycle: 'active', nextBillDate: d.nextBillDate ?? null, billedThrough: null, cancellationDate: null, invoices: [],
    };
  }
  if (doc === undefined) return null;
  switch (event.type) {
    case 'PackageBilled': {
      const d = event.data;
      const invoice: PackageInvoice = {
        invoiceNumber: d.invoiceNumber, billPeriod: { start: d.billPeriod.start, end: d.billPeriod.end }, postingDate: d.postingDate,
        total: amountOf(d.total), currency: d.total.currency, lines: d.charges.map(lineRow),
      };
      return { ...doc, position: at, invoices: [...doc.invoices, invoice], nextBillDate: d.nextBillDate ?? null, billedThrough: d.billedThrough ?? doc.billedThrough };
    }
    case 'AccountPackageStatusChanged':
      return { ...doc, position: at, status: event.data.to.code };
    case 'BillDayChangeScheduled':
      return { ...doc, position: at, nextBillDate: event.data.nextBillDate ?? doc.nextBillDate };
    case 'AccountPackageCancellationScheduled':
      return { ...doc, position: at, lifecycle: 'cancellation_scheduled', cancellationDate: event.data.cancellationDate, nextBillDate: event.data.nextBillDate ?? doc.nextBillDate };
    case 'AccountPackageCancelled':
      return { ...doc, position: at, lifecycle: 'cancelled', status: event.data.status.code, cancellationDate: event.data.cancellationDate, nextBillDate: null };
    case 'AccountPackageTransferred':
      return { ...doc, position: at, lifecycle: 'transferred' };
    case 'AccountPackageDeleted':
      return null;
    default:
      return { ...doc, position: at };
  }
};

/** Account-package billing: one document per account package. */
export const accountBilling: View<AccountBilling> = {
  name: 'account_billing',
  streamPrefixes: [ACCOUNT_PACKAGE_STREAM_PREFIX],
  documentId: (e) => (e.stream.startsWith(ACCOUNT_PACKAGE_STREAM_PREFIX) ? (e.event as AccountPackageEvent).data.accountPackageId : undefined),
  evolve: (doc, e) => evolveAccountBilling(doc, e as ProjectedEvent<AccountPackageEvent>),
};

/** An account's invoice: its number, period, total per currency, and every line with the package it belongs to. */
export interface AccountInvoice {
  readonly invoiceNumber: string;
  readonly billPeriod: { readonly start: string; readonly end: string };
  readonly totals: readonly { readonly amount: string; readonly currency: string }[];
  readonly lines: readonly (InvoiceLineRow & { readonly accountPackageId: string; readonly packageName: string })[];
}

/** An account's invoices with their lines (one invoice may hold several packages), in invoice-number order. */
export const accountInvoices = (docs: Iterable<AccountBilling>, accountId: string): AccountInvoice[] => {
  const invoices = new Map<string, { billPeriod: AccountInvoice['billPeriod']; totals: Map<string, Dec>; lines: AccountInvoice['lines'][number][] }>();
  for (const doc of docs) {
    if (doc.accountId !== accountId) continue;
    for (const inv of doc.invoices) {
      const entry = invoices.get(inv.invoiceNumber) ?? { billPeriod: inv.billPeriod, totals: new Map<string, Dec>(), lines: [] };
      entry.totals.set(inv.currency, (entry.totals.get(inv.currency) ?? new Dec(0)).plus(inv.total));
      entry.lines.push(...inv.lines.map((l) => ({ ...l, accountPackageId: doc.accountPackageId, packageName: doc.packageName })));
      invoices.set(inv.invoiceNumber, entry);
    }
  }
  return [...invoices]
    .sort(([a], [b]) => compareText(a, b))
    .map(([invoiceNumber, e]) => ({ invoiceNumber, billPeriod: e.billPeriod, totals: [...e.totals].map(([currency, amount]) => ({ amount: amount.toFixed(2), currency })), lines: e.lines }));
};
