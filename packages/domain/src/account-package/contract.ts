import { addMonths, monthIndexOf, type DayRange, type LocalDate, type Money } from '../kernel';
import type { PackageContract } from './catalog';

/**
 * The contract term in force on a day, or undefined when the contract has not started or
 * has expired. Terms are counted from the start date (never from a clamped term end): a
 * 12-month contract from 2024-02-29 that renews runs to 2025-02-28, then to 2026-02-28,
 * then to 2027-02-28, then 2028-02-29.
 */
export const contractTermOn = (c: PackageContract, day: LocalDate): DayRange | undefined => {
  if (day < c.startDate) return undefined;
  const term = (k: number): DayRange => ({ start: addMonths(c.startDate, k * c.termMonths), end: addMonths(c.startDate, (k + 1) * c.termMonths) });
  if (c.renewal === 'expire') {
    const only = term(0);
    return day < only.end ? only : undefined;
  }
  let k = Math.max(0, Math.floor((monthIndexOf(day) - monthIndexOf(c.startDate)) / c.termMonths) - 1);
  while (term(k).end <= day) k += 1;
  return term(k);
};

/**
 * The early-termination fee owed when the package is cancelled on `cancellationDate`
 * (its first day out of service): the contract's fee when that day falls inside a term,
 * before the term's end; nothing when the fee is waived, the contract has none, or the
 * term is over.
 */
export const earlyTerminationFee = (c: PackageContract | undefined, cancellationDate: LocalDate, waived: boolean): Money | undefined => {
  if (c === undefined || waived || c.earlyTerminationFee === undefined || c.earlyTerminationFee.amount.isZero()) return undefined;
  const term = contractTermOn(c, cancellationDate);
  return term !== undefined && cancellationDate > term.start ? c.earlyTerminationFee : undefined;
};
