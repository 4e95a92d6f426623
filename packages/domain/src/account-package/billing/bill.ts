import { Dec, type DayRange, type EntityId, type LocalDate, type Money } from '../../kernel';
import { contractTermOn, earlyTerminationFee } from '../contract';
import type { AccountPackage } from '../state';
import {
  adjustmentCharges,
  discountCharges,
  oneTimeCharges,
  recurringCharges,
  transitionCharges,
  usageCharges,
} from './charges';
import type { BilledPeriod, ChargeLine } from './lines';
import { billingPosition, nextBillDate, nextUsageBillDate, segmentAt } from './schedule';

/** The options of a bill run that decide what a billing charges. */
export interface BillingRequest {
  readonly invoiceNumber: string;
  readonly billPeriod: DayRange;
  readonly billCharges: boolean;
  readonly billUsage: boolean;
  readonly invoiceTopUp: boolean;
  readonly runContractCommitment: boolean;
}

/** What billing a package for a bill period comes to. */
export interface BillingOutcome {
  readonly periods: readonly BilledPeriod[];
  readonly charges: readonly ChargeLine[];
  readonly total: Money;
  /** New billed-through, when recurring periods were billed. */
  readonly billedThrough: LocalDate | undefined;
  /** New usage billed-through, when usage was billed. */
  readonly usageBilledThrough: LocalDate | undefined;
  /** Billing reached the cancellation date: the package is cancelled by this billing. */
  readonly cancels: boolean;
  /** The early-termination fee the cancellation makes owed (charged here only with the contract commitment). */
  readonly terminationFeeOwed: { readonly contractId: EntityId; readonly amount: Money } | undefined;
  /** An owed early-termination fee is charged by this billing. */
  readonly terminationFeeCharged: boolean;
  /** The package after this billing's dates moved (for the next bill dates). */
  readonly after: AccountPackage;
}

/** At most this many recurring periods in one billing (a ten-year bill period of monthly billing is 120). */
export const MAX_PERIODS_PER_BILLING = 1_000;

/**
 * Bills a package for a bill period, purely. Recurring charges: every period whose bill
 * date falls in the bill period, one after the other from billed-through (prepaid bills a
 * period on its first day, postpaid the day after it ends); once billing reaches the
 * cancellation date the package is cancelled. One-time, transition and adjustment charges
 * ride along when charges are billed. Usage: everything unbilled before the last usage bill
 * date in the bill period, earlier usage included. The contract commitment charges an
 * owed early-termination fee whatever the bill period. Invoice top-up lifts a billing below
 * the package contract's minimum invoice amount to it, while the contract is in force on
 * the billing's last bill date (an account contract's minimum spans packages: see
 * `billRunReport`).
 *
 * Returns undefined when nothing is due: billing a period again adds nothing.
 * The caller checks the bill date was not missed (see `decideAccountPackage`).
 */
export const billAccountPackage = (p: AccountPackage, request: BillingRequest): BillingOutcome | undefined => {
  const { billPeriod, invoiceNumber } = request;
  const currency = p.priceBook.currency;
  const periods: BilledPeriod[] = [];
  const charges: ChargeLine[] = [];
  let work = p;
  let cancels = false;
  let lastBillDate: LocalDate | undefined;

  if (request.billCharges && p.lifecycle === 'open') {
    for (let i = 0; i < MAX_PERIODS_PER_BILLING; i += 1) {
      const due = nextBillDate(work);
      if (due === undefined || due >= billPeriod.end) break;
      lastBillDate = due;
      const position = billingPosition(work);
      const cancelOn = work.cancellation?.date;
      if (position === undefined) break;
      if (cancelOn !== undefined && position >= cancelOn) {
        cancels = true;
        break;
      }
      const segment = segmentAt(work, position);
      if (segment === undefined) break;
      periods.push({ period: segment.period, periodKind: segment.periodKind, billingPeriod: segment.billingPeriod });
      charges.push(...recurringCharges(work, segment, invoiceNumber), ...discountCharges(work, segment, invoiceNumber));
      work = { ...work, billedThrough: segment.period.end };
    }
    if (periods.length > 0 || cancels) {
      charges.push(...oneTimeCharges(p, billPeriod.end, invoiceNumber), ...transitionCharges(p, billPeriod.end, invoiceNumber), ...adjustmentCharges(p, invoiceNumber));
    }
  }

  let usageBilledThrough: LocalDate | undefined;
  if (request.billUsage) {
    for (let i = 0; i < MAX_PERIODS_PER_BILLING; i += 1) {
      const due = nextUsageBillDate(work);
      if (due === undefined || due >= billPeriod.end) break;
      usageBilledThrough = due;
      lastBillDate = lastBillDate === undefined || due > lastBillDate ? due : lastBillDate;
      work = { ...work, usageBilledThrough: due };
    }
    if (usageBilledThrough !== undefined) charges.push(...usageCharges(p, usageBilledThrough, invoiceNumber));
  }

  const cancelOn = p.cancellation?.date;
  const owedNow = cancels && cancelOn !== undefined && p.cancellation !== undefined && p.contract !== undefined
    ? earlyTerminationFee(p.contract, cancelOn, p.cancellation.waiveEarlyTerminationFee)
    : undefined;
  const terminationFeeOwed = owedNow !== undefined && p.contract !== undefined ? { contractId: p.contract.contractId, amount: owedNow } : p.pendingTerminationFee;
  const feeCharged = request.runContractCommitment && terminationFeeOwed !== undefined;
  if (feeCharged) charges.push({ kind: 'early_termination_fee', invoiceNumber, amount: terminationFeeOwed.amount, contractId: terminationFeeOwed.contractId });

  const billed = periods.length > 0 || cancels || usageBilledThrough !== undefined;
  const minimum = p.contract?.minimumInvoiceAmount;
  if (request.invoiceTopUp && billed && minimum !== undefined && p.contract !== undefined && lastBillDate !== undefined && contractTermOn(p.contract, lastBillDate) !== undefined) {
    const sum = charges.reduce((s, l) => s.plus(l.amount.amount), new Dec(0));
    if (sum.lt(minimum.amount)) charges.push({ kind: 'top_up', invoiceNumber, amount: { amount: minimum.amount.minus(sum), currency }, contractId: p.contract.contractId, minimum });
  }

  if (!billed && !feeCharged) return undefined;
  return {
    periods,
    charges,
    total: { amount: charges.reduce((s, l) => s.plus(l.amount.amount), new Dec(0)), currency },
    billedThrough: periods.length > 0 ? work.billedThrough : undefined,
    usageBilledThrough,
    cancels,
    terminationFeeOwed: cancels ? terminationFeeOwed : undefined,
    terminationFeeCharged: feeCharged,
    after: work,
  };
};
