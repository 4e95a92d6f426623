import {
  addDays,
  billDateAfter,
  billDateOnOrBefore,
  isBillDate,
  scheduleStartingOnOrAfter,
  type DayRange,
  type LocalDate,
} from '../../kernel';
import { FREQUENCY_MONTHS } from '../catalog';
import type { AccountPackage, ScheduleAnchor } from '../state';
import type { PeriodKind } from './lines';

/** The anchor in force on a day (the last one that starts on or before it). */
export const anchorAt = (anchors: readonly ScheduleAnchor[], day: LocalDate): ScheduleAnchor | undefined => {
  let found: ScheduleAnchor | undefined;
  for (const a of anchors) if (a.from <= day) found = a;
  return found;
};

const anchorAfter = (anchors: readonly ScheduleAnchor[], day: LocalDate): ScheduleAnchor | undefined => anchors.find((a) => a.from > day);

/** The first recurring schedule of a package: bill dates on the bill day, on or after the day billing starts. */
export const firstAnchor = (billingStartsOn: LocalDate, billDay: number, frequency: keyof typeof FREQUENCY_MONTHS): ScheduleAnchor => ({
  from: billingStartsOn,
  schedule: scheduleStartingOnOrAfter(billingStartsOn, billDay, FREQUENCY_MONTHS[frequency]),
});

/** The first usage schedule: monthly on the usage bill day, the first usage bill date after the effective date. */
export const firstUsageAnchor = (effectiveDate: LocalDate, usageBillDay: number): ScheduleAnchor => ({
  from: effectiveDate,
  schedule: scheduleStartingOnOrAfter(addDays(effectiveDate, 1), usageBillDay, 1),
});

/**
 * A stretch of recurring service billed as one: `period` is the days billed, `billingPeriod`
 * the whole billing period they are a share of (the proration base), `periodKind` which
 * part it is, and `final` when it ends on the cancellation date rather than a bill date.
 */
export interface BillingSegment {
  readonly period: DayRange;
  readonly billingPeriod: DayRange;
  readonly periodKind: PeriodKind;
  readonly final: boolean;
}

/**
 * The segment that starts at `position` (the first day not yet billed). It ends at the
 * next bill date, at the day a new bill day takes effect, or at the cancellation date,
 * whichever comes first. A segment that ends on a bill date is a share of the billing
 * period that ends there (leading proration: 2011-02-01 to 2011-02-13 with bill day 13 is
 * 12 of the 31 days from 2011-01-13); one that ends on the cancellation date is a share of
 * the billing period it starts in (trailing proration: 2012-02-01 to 2012-02-15 with bill
 * day 1 is 14 of February 2012's 29 days).
 */
export const segmentAt = (p: AccountPackage, position: LocalDate): BillingSegment | undefined => {
  const anchor = anchorAt(p.anchors, position);
  if (anchor === undefined) return undefined;
  const { schedule } = anchor;
  const nextBill = billDateAfter(schedule, position);
  let end = nextBill;
  const nextAnchor = anchorAfter(p.anchors, position);
  if (nextAnchor !== undefined && nextAnchor.from < end) end = nextAnchor.from;
  const cancelOn = p.cancellation?.date;
  const final = cancelOn !== undefined && cancelOn > position && cancelOn < end && !isBillDate(schedule, cancelOn);
  if (cancelOn !== undefined && cancelOn > position && cancelOn < end) end = cancelOn;
  const billingPeriod: DayRange = isBillDate(schedule, end)
    ? { start: billDateOnOrBefore(schedule, addDays(end, -1)), end }
    : { start: billDateOnOrBefore(schedule, position), end: nextBill };
  const atStart = position === billingPeriod.start;
  const atEnd = end === billingPeriod.end;
  const aligning = anchor.from === position && p.anchors[0] !== anchor && !atStart && atEnd;
  const periodKind: PeriodKind = aligning ? 'alignment' : atStart && atEnd ? 'full' : atEnd ? 'leading' : atStart ? 'trailing' : 'partial';
  return { period: { start: position, end }, billingPeriod, periodKind, final };
};

/** The first day not yet billed for recurring charges; undefined while billing has not started (awaiting activation). */
export const billingPosition = (p: AccountPackage): LocalDate | undefined => p.billedThrough ?? p.billingStartsOn;

/**
 * The package's next bill date: prepaid, the first day of the next unbilled period (it is
 * billed in advance); postpaid, the day after that period ends (billed in arrears). Once
 * billing has reached the cancellation date, the cancellation date itself (the package is
 * cancelled by the billing whose period contains it). Undefined once cancelled or deleted,
 * and while billing waits for activation.
 */
export const nextBillDate = (p: AccountPackage): LocalDate | undefined => {
  if (p.lifecycle !== 'open') return undefined;
  const position = billingPosition(p);
  if (position === undefined) return undefined;
  const cancelOn = p.cancellation?.date;
  if (cancelOn !== undefined && position >= cancelOn) return cancelOn;
  const segment = segmentAt(p, position);
  if (segment === undefined) return undefined;
  return p.options.postpaid ? segment.period.end : position;
};

/** The first day whose usage has not been billed. */
export const usagePosition = (p: AccountPackage): LocalDate => p.usageBilledThrough ?? p.effectiveDate;

/**
 * The next usage bill date: the first date on the usage bill day after the usage billed so
 * far (usage before it is billed then), or the cancellation date when that comes first.
 * Undefined once usage has been billed up to the cancellation, or the package was deleted.
 */
export const nextUsageBillDate = (p: AccountPackage): LocalDate | undefined => {
  if (p.lifecycle === 'deleted') return undefined;
  const position = usagePosition(p);
  const cancelOn = p.cancellation?.date;
  if (cancelOn !== undefined && position >= cancelOn) return undefined;
  const anchor = anchorAt(p.usageAnchors, position) ?? p.usageAnchors[0];
  if (anchor === undefined) return undefined;
  let next = billDateAfter(anchor.schedule, position);
  const nextAnchor = anchorAfter(p.usageAnchors, position);
  if (nextAnchor !== undefined && nextAnchor.from < next) next = nextAnchor.from;
  return cancelOn !== undefined && cancelOn < next ? cancelOn : next;
};

/** The first bill date of the anchors in force strictly after `day` (a period boundary). */
export const boundaryAfter = (anchors: readonly ScheduleAnchor[], day: LocalDate): LocalDate | undefined => {
  const anchor = anchorAt(anchors, day) ?? anchors[0];
  if (anchor === undefined) return undefined;
  const next = billDateAfter(anchor.schedule, day < anchor.from ? addDays(anchor.from, -1) : day);
  const nextAnchor = anchorAfter(anchors, day);
  return nextAnchor !== undefined && nextAnchor.from < next ? nextAnchor.from : next;
};
