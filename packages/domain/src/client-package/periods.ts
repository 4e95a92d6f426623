import type Decimal from 'decimal.js';
import { Dec, addDaysToInstant, addMonthsToInstant, epochMs, roundMoney, multiplyMoney, type Instant, type Money } from '../kernel';
import type { CatalogPackage, PeriodLength } from './commands';
import type { PeriodLimit } from './events';

/** The instant `n` period lengths after `anchor`, always counted from the anchor so month ends never drift. */
export const periodBoundary = (anchor: Instant, length: PeriodLength, n: number): Instant => {
  switch (length.unit) {
    case 'day': return addDaysToInstant(anchor, n * length.count);
    case 'week': return addDaysToInstant(anchor, 7 * n * length.count);
    case 'month': return addMonthsToInstant(anchor, n * length.count);
    case 'year': return addMonthsToInstant(anchor, 12 * n * length.count);
  }
};

/** The first calendar boundary of the unit strictly after `at` (next midnight, Monday, 1st of month, 1 January). */
export const nextCalendarBoundary = (at: Instant, unit: PeriodLength['unit']): Instant => {
  const d = new Date(epochMs(at));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const midnight = Date.UTC(y, m, d.getUTCDate());
  const next =
    unit === 'day' ? midnight + 86_400_000
      : unit === 'week' ? midnight + (((8 - d.getUTCDay()) % 7) || 7) * 86_400_000
        : unit === 'month' ? Date.UTC(y, m + 1, 1)
          : Date.UTC(y + 1, 0, 1);
  return new Date(next).toISOString() as Instant;
};

/** True when `at` is exactly on a calendar boundary of the unit. */
const onBoundary = (at: Instant, unit: PeriodLength['unit']): boolean => {
  const previous = new Date(epochMs(at) - 1).toISOString() as Instant;
  return nextCalendarBoundary(previous, unit) === at;
};

/** Where a package's first period starting at `start` ends, the anchor of later periods, and its proration factor. */
export const firstPeriod = (
  start: Instant,
  length: PeriodLength,
  align: boolean,
  recalculate: boolean,
): { readonly end: Instant; readonly anchor: Instant; readonly periodsSinceAnchor: number; readonly factor: Decimal } => {
  const full = periodBoundary(start, length, 1);
  if (!align || onBoundary(start, length.unit)) return { end: full, anchor: start, periodsSinceAnchor: 1, factor: new Dec(1) };
  const end = nextCalendarBoundary(start, length.unit);
  const factor = recalculate ? new Dec(epochMs(end) - epochMs(start)).div(epochMs(full) - epochMs(start)) : new Dec(1);
  return { end, anchor: end, periodsSinceAnchor: 0, factor };
};

const scaleLimit = (limit: CatalogPackage['limits'][number], times: Decimal): PeriodLimit =>
  limit.type === 'volume'
    ? { type: 'volume', prefix: limit.prefix, minutes: limit.minutes.times(times).toDecimalPlaces(4, Dec.ROUND_HALF_UP) }
    : { type: 'money', prefix: limit.prefix, amount: roundMoney(multiplyMoney(limit.amount, times)) };

/** The period's limits: the catalog's, times the quantity, times the proration factor. */
export const periodLimits = (pkg: CatalogPackage, quantity: number, factor: Decimal): PeriodLimit[] =>
  pkg.limits.map((l) => scaleLimit(l, factor.times(quantity)));

/** A fee times quantity and factor, rounded to the currency's minor unit. */
export const periodFee = (fee: Money, quantity: number, factor: Decimal): Money => roundMoney(multiplyMoney(fee, factor.times(quantity)));
