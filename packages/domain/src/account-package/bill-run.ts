import { Dec, billDateInMonth, monthIndexOf, type Actor, type DayRange, type EntityId, type Instant, type LocalDate, type Money } from '../kernel';
import { nextBillDate, nextUsageBillDate } from './billing/schedule';
import type { BillPackage } from './commands';
import type { AccountPackageError } from './errors';
import type { AccountPackageEvent } from './events';
import type { AccountPackage, AccountPackageState } from './state';

/**
 * A bill run's settings (the seed's Bill Now pop-up). The first five reach each package's
 * BillPackage; collecting payment, dunning and invoice delivery are the host's work, and
 * the report only says which accounts they apply to.
 */
export interface BillRun {
  /** `[start, end)`: a run for May 2026 is `{ start: '2026-05-01', end: '2026-06-01' }`. */
  readonly billPeriod: DayRange;
  readonly billCharges: boolean;
  readonly billUsage: boolean;
  readonly invoiceTopUp: boolean;
  readonly runContractCommitment: boolean;
  readonly postingDate?: LocalDate;
  readonly collectPayment: boolean;
  readonly runDunning: boolean;
  readonly deliverInvoice: boolean;
}

/**
 * Why a package is or is not billed by a run. `due`: its next bill date (or usage bill
 * date, or an owed contract fee under the contract commitment) falls in the run.
 * `missed`: its next bill date comes before the bill period, which BillPackage refuses;
 * run a period that contains it. `not_due`: nothing to bill in this run.
 */
export type BillRunVerdict = 'due' | 'missed' | 'not_due';

/** The verdict for one package, with the dates it rests on. */
export const billRunVerdict = (state: AccountPackageState, run: BillRun): BillRunVerdict => {
  if (state.kind !== 'package' || state.lifecycle === 'deleted') return 'not_due';
  const { start, end } = run.billPeriod;
  const due = nextBillDate(state);
  if (run.billCharges && due !== undefined && due < start) return 'missed';
  if (run.billCharges && due !== undefined && due < end) return 'due';
  const usage = nextUsageBillDate(state);
  if (run.billUsage && usage !== undefined && usage < end) return 'due';
  if (run.runContractCommitment && state.pendingTerminationFee !== undefined) return 'due';
  return 'not_due';
};

/** A package the run skips because its bill date was missed. */
export interface MissedPackage {
  readonly accountId: EntityId;
  readonly accountPackageId: EntityId;
  readonly nextBillDate: LocalDate | undefined;
}

/** The packages a run bills, by account (one invoice per account). */
export interface BillRunPlan {
  readonly billPeriod: DayRange;
  readonly accounts: readonly { readonly accountId: EntityId; readonly accountPackageIds: readonly EntityId[] }[];
  readonly missed: readonly MissedPackage[];
  readonly notDue: number;
}

/**
 * Which packages a run bills, grouped by account in the order given. Pure: the driver
 * loads the packages, calls this, and sends a {@link billPackageCommand} for each.
 *
 * @example
 * const plan = planBillRun(packages, run);
 * for (const account of plan.accounts) {
 *   const invoiceNumber = await invoices.next(account.accountId);
 *   for (const id of account.accountPackageIds) await handle(billPackageCommand(byId[id], run, invoiceNumber, scheduler, now));
 * }
 */
export const planBillRun = (packages: readonly AccountPackageState[], run: BillRun): BillRunPlan => {
  const accounts = new Map<EntityId, EntityId[]>();
  const missed: MissedPackage[] = [];
  let notDue = 0;
  for (const state of packages) {
    const verdict = billRunVerdict(state, run);
    if (state.kind !== 'package' || verdict === 'not_due') {
      notDue += 1;
      continue;
    }
    if (verdict === 'missed') {
      missed.push({ accountId: state.account.accountId, accountPackageId: state.accountPackageId, nextBillDate: nextBillDate(state) });
      continue;
    }
    accounts.set(state.account.accountId, [...(accounts.get(state.account.accountId) ?? []), state.accountPackageId]);
  }
  return { billPeriod: run.billPeriod, accounts: [...accounts].map(([accountId, accountPackageIds]) => ({ accountId, accountPackageIds })), missed, notDue };
};

/** The BillPackage command of a run for one package, on the account's invoice. */
export const billPackageCommand = (p: AccountPackage, run: BillRun, invoiceNumber: string, actor: Actor, at: Instant): BillPackage => ({
  type: 'BillPackage',
  accountPackageId: p.accountPackageId,
  invoiceNumber,
  billPeriod: run.billPeriod,
  billCharges: run.billCharges,
  billUsage: run.billUsage,
  invoiceTopUp: run.invoiceTopUp,
  runContractCommitment: run.runContractCommitment,
  ...(run.postingDate === undefined ? {} : { postingDate: run.postingDate }),
  actor,
  at,
});

/**
 * Invoices are delivered only when the invoicing account's bill day falls in the bill
 * period (a bill day of 31 falls on a shorter month's last day).
 */
export const shouldDeliverInvoice = (accountBillDay: number, billPeriod: DayRange): boolean => {
  for (let m = monthIndexOf(billPeriod.start); m <= monthIndexOf(billPeriod.end); m += 1) {
    const d = billDateInMonth(m, accountBillDay);
    if (d >= billPeriod.start && d < billPeriod.end) return true;
  }
  return false;
};

/** What happened to one package in a run: billed (with its events), nothing to bill, or refused. */
export type PackageRunOutcome =
  | { readonly accountPackageId: EntityId; readonly accountId: EntityId; readonly result: 'billed'; readonly events: readonly AccountPackageEvent[] }
  | { readonly accountPackageId: EntityId; readonly accountId: EntityId; readonly result: 'nothing' }
  | { readonly accountPackageId: EntityId; readonly accountId: EntityId; readonly result: 'refused'; readonly error: AccountPackageError };

/** One account's part of a run: its invoice, what was billed, and what the host does next. */
export interface AccountRunReport {
  readonly accountId: EntityId;
  readonly invoiceNumbers: readonly string[];
  readonly packagesBilled: readonly EntityId[];
  readonly packagesCancelled: readonly EntityId[];
  readonly charges: number;
  /** Invoice totals by currency (an account bills in one; several mean a mis-configured package). */
  readonly totals: readonly Money[];
  /** The top-up the account contract's minimum invoice amount asks for, when the run tops up. */
  readonly accountTopUp: Money | undefined;
  readonly refused: readonly { readonly accountPackageId: EntityId; readonly code: string; readonly message: string }[];
  readonly deliverInvoice: boolean;
  readonly collectPayment: boolean;
  readonly runDunning: boolean;
}

/** The run's report, account by account. Running the same period again reports nothing billed. */
export interface BillRunReport {
  readonly billPeriod: DayRange;
  readonly accounts: readonly AccountRunReport[];
  readonly missed: readonly MissedPackage[];
}

/** What the report needs to know of an account beyond its packages. */
export interface AccountBillingTerms {
  readonly billDay: number;
  /** The account contract's minimum invoice amount, if it has one. */
  readonly minimumInvoiceAmount?: Money;
}

/**
 * Aggregates a run's outcomes per account: invoices, totals, cancellations, refusals,
 * the account-contract top-up (when the run tops up and the account's invoice stays below
 * its minimum), and whether to deliver invoices, collect payment and run dunning.
 */
export const billRunReport = (
  plan: BillRunPlan,
  run: BillRun,
  outcomes: readonly PackageRunOutcome[],
  accountTerms: Readonly<Record<string, AccountBillingTerms>> = {},
): BillRunReport => {
  const byAccount = new Map<EntityId, PackageRunOutcome[]>();
  for (const o of outcomes) byAccount.set(o.accountId, [...(byAccount.get(o.accountId) ?? []), o]);
  const accounts = [...byAccount].map(([accountId, list]): AccountRunReport => {
    const events = list.flatMap((o) => (o.result === 'billed' ? o.events : []));
    const billed = events.flatMap((e) => (e.type === 'PackageBilled' ? [e.data] : []));
    const totals = new Map<string, Money>();
    for (const b of billed) {
      const t = totals.get(b.total.currency);
      totals.set(b.total.currency, { amount: (t?.amount ?? new Dec(0)).plus(b.total.amount), currency: b.total.currency });
    }
    const terms = accountTerms[accountId];
    const total = totals.size === 1 ? [...totals.values()][0] : undefined;
    const minimum = terms?.minimumInvoiceAmount;
    const accountTopUp = run.invoiceTopUp && billed.length > 0 && minimum !== undefined && total !== undefined && total.currency === minimum.currency && total.amount.lt(minimum.amount)
      ? { amount: minimum.amount.minus(total.amount), currency: minimum.currency }
      : undefined;
    const anyInvoice = billed.length > 0;
    return {
      accountId,
      invoiceNumbers: [...new Set(billed.map((b) => b.invoiceNumber))],
      packagesBilled: [...new Set(billed.map((b) => b.accountPackageId))],
      packagesCancelled: events.flatMap((e) => (e.type === 'AccountPackageCancelled' ? [e.data.accountPackageId] : [])),
      charges: billed.reduce((n, b) => n + b.charges.length, 0),
      totals: [...totals.values()],
      accountTopUp,
      refused: list.flatMap((o) => (o.result === 'refused' ? [{ accountPackageId: o.accountPackageId, code: o.error.code, message: o.error.message }] : [])),
      deliverInvoice: run.deliverInvoice && anyInvoice && terms !== undefined && shouldDeliverInvoice(terms.billDay, run.billPeriod),
      collectPayment: run.collectPayment && anyInvoice,
      runDunning: run.runDunning,
    };
  });
  return { billPeriod: plan.billPeriod, accounts, missed: plan.missed };
};
