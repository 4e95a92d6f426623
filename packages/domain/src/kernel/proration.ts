import type Decimal from 'decimal.js';
import { addMonths, daysBetween, daysIn, type DayRange, type LocalDate } from './calendar';
import { Dec } from './decimal';
import { intBetween } from './ids';
import type { Money } from './money';

/** A day of the month to bill on, 1 to 31; a month without that day bills on its last day. */
export const BillDay = intBetween(1, 31, 'BillDay');

/** The month of a day as one number (`year * 12 + month - 1`), so months can be counted. */
export const monthIndexOf = (date: LocalDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/**
 * The bill date of a bill day in a month (given by {@link monthIndexOf}), clamped to the
 * month's end: bill day 31 is Feb 28 (29 in leap years), Mar 31, Apr 30. Always computed
 * from the bill day itself, never from an earlier clamped date, so a series never drifts.
 */
export const billDateInMonth = (monthIndex: number, billDay: number): LocalDate =>
  // January has 31 days, so `2000-01-<billDay>` exists for every bill day; addMonths clamps.
  addMonths(`2000-01-${String(billDay).padStart(2, '0')}` as LocalDate, monthIndex - 2000 * 12);

/**
 * A schedule of bill dates: the bill day of every `months`-th month counted from
 * `anchorMonth` (a {@link monthIndexOf}), in both directions. Monthly billing has
 * `months` 1, quarterly 3, yearly 12.
 */
export interface BillSchedule {
  readonly billDay: number;
  readonly months: number;
  readonly anchorMonth: number;
}

/** The k-th bill date of a schedule (k may be negative). */
export const billDateAt = (s: BillSchedule, k: number): LocalDate => billDateInMonth(s.anchorMonth + k * s.months, s.billDay);

const periodIndex = (s: BillSchedule, date: LocalDate): number => Math.floor((monthIndexOf(date) - s.anchorMonth) / s.months);

/** The last bill date of the schedule on or before `date`. */
export const billDateOnOrBefore = (s: BillSchedule, date: LocalDate): LocalDate => {
  const k = periodIndex(s, date);
  const candidate = billDateAt(s, k);
  return candidate <= date ? candidate : billDateAt(s, k - 1);
};

/** The first bill date of the schedule strictly after `date`. */
export const billDateAfter = (s: BillSchedule, date: LocalDate): LocalDate => {
  const k = periodIndex(s, date);
  const candidate = billDateAt(s, k);
  return candidate > date ? candidate : billDateAt(s, k + 1);
};

/** True when `date` is a bill date of the schedule. */
export const isBillDate = (s: BillSchedule, date: LocalDate): boolean => billDateOnOrBefore(s, date) === date;

/**
 * The schedule whose first bill date is the first day on or after `from` that falls on the
 * bill day (clamped): from 2011-02-01 with bill day 13, bill dates are 2011-02-13,
 * 2011-03-13, ... (every `months` months).
 */
export const scheduleStartingOnOrAfter = (from: LocalDate, billDay: number, months: number): BillSchedule => {
  const here = billDateInMonth(monthIndexOf(from), billDay);
  return { billDay, months, anchorMonth: monthIndexOf(from) + (here >= from ? 0 : 1) };
};

/**
 * The share of a period that `days` days are: days / days in the actual period, at full
 * precision (a 29-day February makes 14 days 14/29). Only line amounts are rounded.
 */
export const prorationFactor = (days: number, period: DayRange): Decimal => new Dec(days).div(daysIn(period));

/**
 * `price × days × quantity / periodDays`, unrounded: multiplied first and divided once, so
 * the only rounding is the one {@link roundMoney} does on the line.
 */
export const prorate = (price: Money, days: number, periodDays: number, quantity = 1): Money => ({
  amount: price.amount.times(days).times(quantity).div(periodDays),
  currency: price.currency,
});

/** Days of `range` that are also in `within` (zero when they do not meet). */
export const overlapDays = (range: DayRange, within: DayRange): number => {
  const start = range.start > within.start ? range.start : within.start;
  const end = range.end < within.end ? range.end : within.end;
  return end > start ? daysBetween(start, end) : 0;
};
