import type Decimal from 'decimal.js';
import type { BillSchedule, DayRange, EntityId, LocalDate, Money, PersistentMap } from '../kernel';
import type {
  AccountTerms,
  CancellationBillingOption,
  CustomFields,
  DiscountTerms,
  BillingFrequency,
  PackageContract,
  CatalogPackageDefinition,
  AccountPackageOptions,
  AccountPackageStatus,
  PriceBook,
  ServiceDefinition,
  UsageBucket,
} from './catalog';
import type { TransferSource } from './commands';

/** An account-service's status from a day on (until the next span). */
export interface StatusSpan {
  readonly from: LocalDate;
  readonly status: string;
}

/** One instance of a service in the package. */
export interface AccountService {
  readonly instanceId: string;
  readonly serviceId: EntityId;
  /** First day in service. */
  readonly addedOn: LocalDate;
  /** First day no longer in service, once removed. */
  readonly removedOn: LocalDate | undefined;
  /** Status spans in order; the first starts on `addedOn`. Upcoming changes are spans that start later. */
  readonly statuses: readonly StatusSpan[];
  readonly usageIdentifier: string | undefined;
  readonly customFields: CustomFields;
  readonly ratePlanId: EntityId | undefined;
  readonly usageBuckets: ReadonlyMap<EntityId, UsageBucket>;
  /** Its one-time price has been billed. */
  readonly oneTimeBilled: boolean;
}

/** Bill dates from `from` on follow `schedule` (until a later anchor takes over). */
export interface ScheduleAnchor {
  readonly from: LocalDate;
  readonly schedule: BillSchedule;
}

/** A transition charge waiting for the next billing. */
export interface PendingTransition {
  readonly instanceId: string;
  readonly serviceId: EntityId;
  readonly from: string;
  readonly to: string;
  readonly on: LocalDate;
  readonly price: Money;
}

/**
 * A change to an account-service inside days already billed in advance: the days in
 * `range` were billed at the `from` status's price and are now in `to` (`null` is "not in
 * the package"). The next billing charges or credits the difference.
 */
export interface PendingAdjustment {
  readonly instanceId: string;
  readonly serviceId: EntityId;
  readonly from: string | null;
  readonly to: string | null;
  readonly range: DayRange;
}

/** Rated usage of an account-service. */
export interface AccountUsageRecord {
  readonly usageId: EntityId;
  readonly instanceId: string;
  readonly serviceId: EntityId;
  readonly on: LocalDate;
  readonly quantity: Decimal;
  readonly amount: Money;
  /** How many usage billings had happened when it was recorded. */
  readonly recordedAfterBillings: number;
}

/** A temporary discount. */
export interface ServiceDiscount {
  readonly discountId: EntityId;
  readonly serviceId: EntityId;
  readonly period: DayRange;
  readonly terms: DiscountTerms;
}

/** A cancellation waiting for billing to reach its date. */
export interface ScheduledCancellation {
  readonly date: LocalDate;
  readonly billingOption: CancellationBillingOption;
  readonly waiveEarlyTerminationFee: boolean;
  readonly reason: string | undefined;
}

/** `open` until its cancellation takes effect; `deleted` when removed before ever being billed. */
export type AccountPackageLifecycle = 'open' | 'cancelled' | 'deleted';

/** A package on an account. */
export interface AccountPackage {
  readonly kind: 'package';
  readonly accountPackageId: EntityId;
  readonly account: AccountTerms;
  /** The catalog definition it was added with. */
  readonly definition: CatalogPackageDefinition;
  /** Its services: the definition's and those of global add-ons. */
  readonly services: ReadonlyMap<string, ServiceDefinition>;
  readonly priceBook: PriceBook;
  readonly productCode: string | undefined;
  readonly quantity: number;
  readonly frequency: BillingFrequency;
  readonly status: AccountPackageStatus;
  readonly ratePlanId: EntityId | undefined;
  readonly sharePlanId: EntityId | undefined;
  readonly countingRuleId: EntityId | undefined;
  readonly accountContractId: EntityId | undefined;
  readonly customFields: CustomFields;
  readonly effectiveDate: LocalDate;
  /** The bill day in force for the latest schedule (a new bill day once scheduled). */
  readonly billDay: number;
  readonly usageBillDay: number;
  readonly options: AccountPackageOptions;
  readonly contract: PackageContract | undefined;
  /** First day billed; undefined while billing activation waits for usage. */
  readonly billingStartsOn: LocalDate | undefined;
  /** The recurring schedule, by the day each bill day takes effect. */
  readonly anchors: readonly ScheduleAnchor[];
  /** The usage schedule (monthly on the usage bill day). */
  readonly usageAnchors: readonly ScheduleAnchor[];
  /** First day not yet billed for recurring charges (undefined before the first billing). */
  readonly billedThrough: LocalDate | undefined;
  /** Usage before this day has been billed (undefined before usage was first billed). */
  readonly usageBilledThrough: LocalDate | undefined;
  /** Anything was ever billed: such a package can no longer be deleted. */
  readonly everBilled: boolean;
  readonly accountServices: ReadonlyMap<string, AccountService>;
  /** Recurring prices changed from the catalog's, by `serviceId:status`. */
  readonly priceOverrides: ReadonlyMap<string, Money>;
  readonly discounts: ReadonlyMap<EntityId, ServiceDiscount>;
  readonly pendingTransitions: readonly PendingTransition[];
  readonly pendingAdjustments: readonly PendingAdjustment[];
  /** Every usage record, by usage id (a persistent map: recording usage costs O(log n), not a copy). */
  readonly usage: PersistentMap<AccountUsageRecord, EntityId>;
  /** How many billings have billed usage (each moved `usageBilledThrough`). */
  readonly usageBillings: number;
  /** Days with usage (for charge-recurring-only-if-usage). */
  readonly usageDays: PersistentMap<true, LocalDate>;
  /** All usage quantity recorded (for billing activation). */
  readonly usageQuantity: Decimal;
  readonly cancellation: ScheduledCancellation | undefined;
  readonly lifecycle: AccountPackageLifecycle;
  readonly pendingTerminationFee: { readonly contractId: EntityId; readonly amount: Money } | undefined;
  readonly invoiceNumbers: ReadonlySet<string>;
  readonly transferredFrom: TransferSource | undefined;
  readonly transferredTo: TransferSource | undefined;
}

/** The state of an account-package stream: nothing yet, or a package. */
export type AccountPackageState = { readonly kind: 'none' } | AccountPackage;

/** The state of a stream with no events. */
export const initialAccountPackageState: AccountPackageState = { kind: 'none' };

/**
 * Usage is billed once: by the first usage billing after it was recorded whose cutoff is
 * after its day. Cutoffs only move forward, so that is the case exactly when a usage
 * billing happened since and the latest cutoff is after its day.
 */
export const usageBilled = (p: AccountPackage, u: AccountUsageRecord): boolean =>
  p.usageBillings > u.recordedAfterBillings && p.usageBilledThrough !== undefined && u.on < p.usageBilledThrough;

/** The key of a price override. */
export const priceKey = (serviceId: string, status: string): string => `${serviceId}:${status}`;

/** The account-service's status on a day, or undefined when it is not in the package that day. */
export const statusOn = (s: AccountService, day: LocalDate): string | undefined => {
  if (day < s.addedOn || (s.removedOn !== undefined && day >= s.removedOn)) return undefined;
  let status: string | undefined;
  for (const span of s.statuses) if (span.from <= day) status = span.status;
  return status;
};

/** The account-service's latest status (counting upcoming changes). */
export const latestStatus = (s: AccountService): string => s.statuses[s.statuses.length - 1]?.status ?? 'active';

/** Account-services of a service that are still in the package (not removed). */
export const instancesOf = (p: AccountPackage, serviceId: string): readonly AccountService[] =>
  [...p.accountServices.values()].filter((s) => s.serviceId === serviceId && s.removedOn === undefined);

/** The service's recurring price in a status: the changed price, else the catalog's; undefined when it has none. */
export const recurringPrice = (p: AccountPackage, serviceId: string, status: string): Money | undefined =>
  p.priceOverrides.get(priceKey(serviceId, status)) ?? p.services.get(serviceId)?.recurringPrices.find((r) => r.status === status)?.price;

/**
 * The rate plan that rates an account-service's usage: the one configured at the lowest
 * level wins: the account-service's, else the package's, else the account's.
 */
export const effectiveRatePlan = (p: AccountPackage, instanceId: string, accountRatePlanId?: EntityId): EntityId | undefined =>
  p.accountServices.get(instanceId)?.ratePlanId ?? p.ratePlanId ?? accountRatePlanId;

/**
 * The Services tab's Count view: how many account-services of each service are in each
 * status on a day (for example 1 active, 0 suspended). Removed account-services and those
 * not yet started are not counted.
 *
 * @example
 * serviceCountsOn(pkg, '2026-02-01'); // Map { 'internet' => Map { 'active' => 1 } }
 */
export const serviceCountsOn = (p: AccountPackage, day: LocalDate): ReadonlyMap<string, ReadonlyMap<string, number>> => {
  const out = new Map<string, Map<string, number>>();
  for (const s of p.accountServices.values()) {
    const status = statusOn(s, day);
    if (status === undefined) continue;
    const byStatus = out.get(s.serviceId) ?? new Map<string, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    out.set(s.serviceId, byStatus);
  }
  return out;
};
