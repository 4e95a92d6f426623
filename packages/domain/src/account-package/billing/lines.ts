import * as t from 'io-ts';
import { DayRangeCodec, EntityId, MoneyCodec, NonNegativeDecimalString, SignedMoneyCodec, intBetween } from '../../kernel';
import { AccountPackageDay, ServiceInstanceId, AccountStatusCode } from '../catalog';
import { InvoiceNumber } from '../commands';

/**
 * Where a billed recurring period sits in its billing period: a whole period; the leading
 * part before the first bill date; the trailing part before a cancellation; a part cut at
 * both ends; or the alignment to a new bill day (which tier and bucket sizing treat as a
 * whole period).
 */
export const PeriodKind = t.keyof({ full: null, leading: null, trailing: null, partial: null, alignment: null }, 'PeriodKind');
export type PeriodKind = t.TypeOf<typeof PeriodKind>;

/** A recurring period billed: the days it covers, what kind of period it is, and the whole billing period it is a share of. */
export const BilledPeriod = t.strict({ period: DayRangeCodec, periodKind: PeriodKind, billingPeriod: DayRangeCodec }, 'BilledPeriod');
export type BilledPeriod = t.TypeOf<typeof BilledPeriod>;

const Days = intBetween(0, 100_000_000, 'Days');
const PeriodDays = intBetween(1, 400, 'PeriodDays');
const LineQuantity = intBetween(1, 10_000, 'LineQuantity');

const line = <K extends string, P extends t.Props>(kind: K, props: P) =>
  t.strict({ kind: t.literal(kind), invoiceNumber: InvoiceNumber, amount: SignedMoneyCodec, ...props }, `${kind}Charge`);

/**
 * A recurring charge of one service in one status over a billed period:
 * `amount = unitPrice × days × quantity / periodDays`, rounded half-up to the minor unit.
 * `days` counts account-service days (two account-services for 10 days make 20);
 * `periodDays` is the length of the actual billing period (or of the billed part when a
 * whole period is charged for it).
 */
export const RecurringCharge = line('recurring', {
  serviceId: EntityId,
  status: AccountStatusCode,
  period: DayRangeCodec,
  periodKind: PeriodKind,
  days: Days,
  periodDays: PeriodDays,
  unitPrice: MoneyCodec,
  quantity: LineQuantity,
});
/** The one-time price of an account-service, charged once. */
export const OneTimeCharge = line('one_time', { serviceId: EntityId, instanceId: ServiceInstanceId, unitPrice: MoneyCodec, quantity: LineQuantity });
/** A transition charge for an account-service's status change. */
export const TransitionCharge = line('transition', {
  serviceId: EntityId,
  instanceId: ServiceInstanceId,
  from: AccountStatusCode,
  to: AccountStatusCode,
  on: AccountPackageDay,
  unitPrice: MoneyCodec,
  quantity: LineQuantity,
});
/** A temporary discount on a service's recurring charges over a billed period (a negative amount). */
export const DiscountCharge = line('discount', { discountId: EntityId, serviceId: EntityId, period: DayRangeCodec });
/**
 * A prorated charge or credit for a change to an account-service inside a period already
 * billed in advance: the new status's price minus the old one's, for the days affected
 * (`null` is "no account-service": added or removed).
 */
export const AdjustmentCharge = line('adjustment', {
  serviceId: EntityId,
  instanceId: ServiceInstanceId,
  from: t.union([AccountStatusCode, t.null]),
  to: t.union([AccountStatusCode, t.null]),
  period: DayRangeCodec,
});
/** Rated usage of an account-service billed on this invoice. */
export const UsageCharge = line('usage', {
  serviceId: EntityId,
  instanceId: ServiceInstanceId,
  records: intBetween(1, 100_000_000, 'UsageRecords'),
  quantity: NonNegativeDecimalString,
  usageBefore: AccountPackageDay,
});
/** A contract's early-termination fee. */
export const EarlyTerminationFeeCharge = line('early_termination_fee', { contractId: EntityId });
/** The top-up to a contract's minimum invoice amount. */
export const TopUpCharge = line('top_up', { contractId: EntityId, minimum: MoneyCodec });

/** One line of a billing, stamped with its invoice number. */
export const ChargeLine = t.union(
  [RecurringCharge, OneTimeCharge, TransitionCharge, DiscountCharge, AdjustmentCharge, UsageCharge, EarlyTerminationFeeCharge, TopUpCharge],
  'ChargeLine',
);
export type ChargeLine = t.TypeOf<typeof ChargeLine>;
export type RecurringCharge = t.TypeOf<typeof RecurringCharge>;

/** True for a line that tier and usage-bucket sizing should treat as a whole period (the bill-day alignment). */
export const countsAsFullPeriodForTiers = (l: ChargeLine): boolean => l.kind === 'recurring' && l.periodKind === 'alignment';
