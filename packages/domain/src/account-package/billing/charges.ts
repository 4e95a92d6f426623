import type Decimal from 'decimal.js';
import { addDays, Dec, daysBetween, entriesOf, lookup, type EntityId, daysIn, overlapDays, prorate, roundMoney, type DayRange, type LocalDate, type Money } from '../../kernel';
import { recurringPrice, usageBilled, type AccountPackage, type AccountService, type ServiceDiscount } from '../state';
import type { ChargeLine } from './lines';
import { segmentAt, type BillingSegment } from './schedule';

/** How a segment's recurring prices are charged: by its share of the billing period, as a whole period, or not at all. */
export type ChargeMode = 'prorate' | 'full' | 'none';

/**
 * The final, partial period follows the cancellation's billing option. The first period
 * follows Charge Full Period. Everything else is prorated (a whole period is a factor of 1).
 *
 * Interpretation: the billing option governs only a *partial* final period. A
 * cancellation on a bill date leaves no partial period, so every period up to it is
 * charged in full whatever the option ("no charge for the final period" never drops a
 * whole period the account had).
 */
export const chargeMode = (p: AccountPackage, segment: BillingSegment): ChargeMode => {
  if (segment.final) {
    const option = p.cancellation?.billingOption ?? 'prorate';
    return option === 'prorate' ? 'prorate' : option === 'charge_full_period' ? 'full' : 'none';
  }
  if (segment.periodKind === 'leading' && p.options.chargeFullPeriod && segment.period.start === p.billingStartsOn) return 'full';
  return 'prorate';
};

/** The package had usage (of any of its services, even rated at zero) on a day of the range. */
const hadUsage = (p: AccountPackage, range: DayRange): boolean => {
  for (let day = range.start; day < range.end; day = addDays(day, 1)) if (lookup(p.usageDays, day) === true) return true;
  return false;
};

/** Charge-recurring-only-if-usage holds back the recurring charges of a segment without usage. */
const recurringApplies = (p: AccountPackage, segment: BillingSegment): boolean =>
  p.status.billable && (!p.options.chargeRecurringOnlyIfUsage || hadUsage(p, segment.period));

/** Days of `range` an account-service spent in each status (days out of the package are not counted). */
export const statusDays = (s: AccountService, range: DayRange): ReadonlyMap<string, number> => {
  const out = new Map<string, number>();
  const lifeEnd = s.removedOn ?? range.end;
  s.statuses.forEach((span, i) => {
    const next = s.statuses[i + 1]?.from ?? lifeEnd;
    const start = [span.from, s.addedOn, range.start].reduce((a, b) => (a > b ? a : b));
    const end = [next, lifeEnd, range.end].reduce((a, b) => (a < b ? a : b));
    if (end > start) out.set(span.status, (out.get(span.status) ?? 0) + daysBetween(start, end));
  });
  return out;
};

interface Group {
  readonly serviceId: EntityId;
  readonly status: string;
  days: number;
}

/** Account-service days in `range`, by service and status, in the order account-services were added. */
const groupDays = (p: AccountPackage, range: DayRange, serviceId?: string): Group[] => {
  const groups = new Map<string, Group>();
  for (const s of p.accountServices.values()) {
    if (serviceId !== undefined && s.serviceId !== serviceId) continue;
    for (const [status, days] of statusDays(s, range)) {
      const key = `${s.serviceId}:${status}`;
      const g = groups.get(key) ?? { serviceId: s.serviceId, status, days: 0 };
      g.days += days;
      groups.set(key, g);
    }
  }
  return [...groups.values()];
};

const line = <L extends ChargeLine>(l: L): L => l;

/**
 * The recurring charges of one segment: per service and status, the price times the
 * account-service days over the days of the billing period, times the package quantity,
 * each line rounded half-up to the minor unit (a line that rounds to zero is left out). None while the package is in a
 * non-billable status, none for the final period under "no charge". With
 * charge-recurring-only-if-usage, none for a segment in which the package had no usage.
 *
 * Interpretation: the package status is the one it has when the segment is billed (the
 * seed: "when set to a non-billable status the recurring charges will not be applied");
 * a status change does not split a segment. Account-service statuses do split it.
 */
export const recurringCharges = (p: AccountPackage, segment: BillingSegment, invoiceNumber: string): ChargeLine[] => {
  const mode = chargeMode(p, segment);
  if (mode === 'none' || !recurringApplies(p, segment)) return [];
  const periodDays = mode === 'full' ? daysIn(segment.period) : daysIn(segment.billingPeriod);
  return groupDays(p, segment.period).flatMap((g) => {
    const price = recurringPrice(p, g.serviceId, g.status);
    const amount = price === undefined || g.days === 0 ? undefined : roundMoney(prorate(price, g.days, periodDays, p.quantity));
    if (price === undefined || amount === undefined || amount.amount.isZero()) return [];
    return [line({
      kind: 'recurring', invoiceNumber, amount,
      serviceId: g.serviceId, status: g.status, period: segment.period, periodKind: segment.periodKind, days: g.days, periodDays, unitPrice: price, quantity: p.quantity,
    })];
  });
};

const discountOf = (d: ServiceDiscount, gross: Decimal, fullPeriods: Decimal): Decimal => {
  if (d.terms.type === 'percent') return gross.times(d.terms.percent).div(100);
  const off = d.terms.amount.amount.times(fullPeriods);
  return off.gt(gross) ? gross : off;
};

/**
 * Temporary discounts on one segment: for the days the discount and the segment share, a
 * percentage of the service's recurring charge, or an amount per whole period prorated
 * the same way (never more than the charge). A negative line, rounded half-up.
 */
export const discountCharges = (p: AccountPackage, segment: BillingSegment, invoiceNumber: string): ChargeLine[] => {
  const mode = chargeMode(p, segment);
  if (mode === 'none' || !recurringApplies(p, segment)) return [];
  const periodDays = mode === 'full' ? daysIn(segment.period) : daysIn(segment.billingPeriod);
  return [...p.discounts.values()].flatMap((d) => {
    if (overlapDays(d.period, segment.period) === 0) return [];
    const shared: DayRange = {
      start: d.period.start > segment.period.start ? d.period.start : segment.period.start,
      end: d.period.end < segment.period.end ? d.period.end : segment.period.end,
    };
    let gross = new Dec(0);
    let fullPeriods = new Dec(0);
    for (const g of groupDays(p, shared, d.serviceId)) {
      const price = recurringPrice(p, g.serviceId, g.status);
      if (price === undefined) continue;
      gross = gross.plus(prorate(price, g.days, periodDays, p.quantity).amount);
      fullPeriods = fullPeriods.plus(new Dec(g.days).times(p.quantity).div(periodDays));
    }
    const amount = roundMoney({ amount: discountOf(d, gross, fullPeriods), currency: p.priceBook.currency });
    if (amount.amount.isZero()) return [];
    return [line({ kind: 'discount', invoiceNumber, amount: { amount: amount.amount.negated(), currency: amount.currency }, discountId: d.discountId, serviceId: d.serviceId, period: shared })];
  });
};

/** One-time prices of account-services in the package by the end of the bill period, not yet billed: charged once. */
export const oneTimeCharges = (p: AccountPackage, before: LocalDate, invoiceNumber: string): ChargeLine[] =>
  [...p.accountServices.values()].flatMap((s) => {
    const price = p.services.get(s.serviceId)?.oneTimePrice;
    if (s.oneTimeBilled || s.removedOn !== undefined || s.addedOn >= before || price === undefined || price.amount.isZero()) return [];
    return [line({ kind: 'one_time', invoiceNumber, amount: roundMoney({ amount: price.amount.times(p.quantity), currency: price.currency }), serviceId: s.serviceId, instanceId: s.instanceId, unitPrice: price, quantity: p.quantity })];
  });

/** Transition charges of status changes that took effect before the end of the bill period. */
export const transitionCharges = (p: AccountPackage, before: LocalDate, invoiceNumber: string): ChargeLine[] =>
  p.pendingTransitions
    .filter((t) => t.on < before)
    .map((t) => line({
      kind: 'transition', invoiceNumber, amount: roundMoney({ amount: t.price.amount.times(p.quantity), currency: t.price.currency }),
      serviceId: t.serviceId, instanceId: t.instanceId, from: t.from, to: t.to, on: t.on, unitPrice: t.price, quantity: p.quantity,
    }));

const priceOrZero = (p: AccountPackage, serviceId: string, status: string | null): Decimal =>
  status === null ? new Dec(0) : recurringPrice(p, serviceId, status)?.amount ?? new Dec(0);

/**
 * Prorated charges and credits for changes inside days already billed in advance: for each
 * billing period the days fall in, (new status's price - old status's price) x days / days
 * in that period x quantity; one line per change, rounded once.
 *
 * Interpretation: the seed's "prorated charges/credits ... will not take place until the
 * account-package is billed". Prices are those in force at that billing; price changes
 * and discounts themselves never re-rate days already billed.
 */
export const adjustmentCharges = (p: AccountPackage, invoiceNumber: string): ChargeLine[] =>
  p.pendingAdjustments.flatMap((a) => {
    const difference = priceOrZero(p, a.serviceId, a.to).minus(priceOrZero(p, a.serviceId, a.from));
    let sum = new Dec(0);
    let position = a.range.start;
    for (let guard = 0; position < a.range.end && guard < 5_000; guard += 1) {
      const segment = segmentAt(p, position);
      if (segment === undefined) break;
      const end = segment.period.end < a.range.end ? segment.period.end : a.range.end;
      sum = sum.plus(difference.times(daysBetween(position, end)).times(p.quantity).div(daysIn(segment.billingPeriod)));
      position = end;
    }
    const amount: Money = roundMoney({ amount: sum, currency: p.priceBook.currency });
    if (amount.amount.isZero()) return [];
    return [line({ kind: 'adjustment', invoiceNumber, amount, serviceId: a.serviceId, instanceId: a.instanceId, from: a.from, to: a.to, period: a.range })];
  });

/** Rated usage recorded before `before` and not yet billed, one line per account-service. */
export const usageCharges = (p: AccountPackage, before: LocalDate, invoiceNumber: string): ChargeLine[] => {
  const byInstance = new Map<string, { serviceId: EntityId; records: number; quantity: Decimal; amount: Decimal }>();
  for (const [, u] of entriesOf(p.usage)) {
    if (u.on >= before || usageBilled(p, u)) continue;
    const g = byInstance.get(u.instanceId) ?? { serviceId: u.serviceId, records: 0, quantity: new Dec(0), amount: new Dec(0) };
    byInstance.set(u.instanceId, { serviceId: g.serviceId, records: g.records + 1, quantity: g.quantity.plus(u.quantity), amount: g.amount.plus(u.amount.amount) });
  }
  const order = [...p.accountServices.keys()];
  return [...byInstance].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([instanceId, g]) => line({
    kind: 'usage', invoiceNumber, amount: roundMoney({ amount: g.amount, currency: p.priceBook.currency }),
    serviceId: g.serviceId, instanceId, records: g.records, quantity: g.quantity, usageBefore: before,
  }));
};
