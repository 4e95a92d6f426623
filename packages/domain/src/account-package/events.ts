import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  BillDay,
  CurrencyCode,
  DayRangeCodec,
  EntityId,
  MoneyCodec,
  NonNegativeDecimalString,
  SignedMoneyCodec,
  boundedArray,
  decodeTagged,
  intBetween,
  type DecodeError, messageCodecs } from '../kernel';
import { BilledPeriod, ChargeLine } from './billing/lines';
import {
  AccountTerms,
  CancellationBillingOption,
  CustomFields,
  DiscountTerms,
  BillingFrequency,
  GlobalAddOn,
  PackageContract,
  AccountPackageDay,
  CatalogPackageDefinition,
  AccountPackageOptions,
  AccountPackageStatus,
  PriceBook,
  ServiceInstanceId,
  AccountStatusCode,
  UsageBucket,
} from './catalog';
import {
  AccountPackageReason,
  AccountServiceDetails,
  InvoiceNumber,
  PackageQuantity,
  ProductCode,
  TransferSource,
  UsageIdentifier,
} from './commands';

const { event, eventWithOptions } = messageCodecs('accountPackageId');

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** An account-service as the package was added with it. */
export const AddedAccountService = t.exact(
  t.intersection([
    t.type({ instanceId: ServiceInstanceId, serviceId: EntityId, status: AccountStatusCode, customFields: CustomFields }),
    t.partial({ usageIdentifier: UsageIdentifier }),
  ]),
  'AddedAccountService',
);

/**
 * A package of the catalog was added to an account. Records the definition and prices it
 * was added with (later catalog changes do not reach it), the resolved bill day and usage
 * bill day, the resolved options (postpaid forced by charge-recurring-only-if-usage), and
 * the first bill dates. `billingStartsOn` is absent while billing waits for usage to
 * activate it.
 */
export const AccountPackageAdded = eventWithOptions(
  'AccountPackageAdded',
  {
    account: AccountTerms,
    definition: CatalogPackageDefinition,
    priceBook: PriceBook,
    quantity: PackageQuantity,
    frequency: BillingFrequency,
    status: AccountPackageStatus,
    effectiveDate: AccountPackageDay,
    billDay: BillDay,
    usageBillDay: BillDay,
    options: AccountPackageOptions,
    customFields: CustomFields,
    services: boundedArray(AddedAccountService, 20_000),
    nextUsageBillDate: AccountPackageDay,
  },
  {
    productCode: ProductCode,
    ratePlanId: EntityId,
    sharePlanId: EntityId,
    contract: PackageContract,
    accountContractId: EntityId,
    countingRuleId: EntityId,
    billingStartsOn: AccountPackageDay,
    nextBillDate: AccountPackageDay,
    transferredFrom: TransferSource,
  },
);

/** A package that was never billed was deleted. */
export const AccountPackageDeleted = eventWithOptions('AccountPackageDeleted', {}, { reason: AccountPackageReason });

/** Account-services were added (optional services, or a global add-on's service). */
export const AccountServiceAdded = eventWithOptions(
  'AccountServiceAdded',
  { serviceId: EntityId, instances: boundedArray(AccountServiceDetails, 1_000), status: AccountStatusCode, effectiveOn: AccountPackageDay },
  { addOn: GlobalAddOn },
);

/** An account-service was removed; `status` is the one it had. */
export const AccountServiceRemoved = event('AccountServiceRemoved', { instanceId: ServiceInstanceId, serviceId: EntityId, status: AccountStatusCode, removedOn: AccountPackageDay });

/** An account-service changes status on `effectiveOn` (`upcoming` when that is after the day of the change); the transition charge, if the catalog has one, is billed next. */
export const AccountServiceStatusChanged = eventWithOptions(
  'AccountServiceStatusChanged',
  { instanceId: ServiceInstanceId, serviceId: EntityId, from: AccountStatusCode, to: AccountStatusCode, effectiveOn: AccountPackageDay, upcoming: t.boolean },
  { transitionCharge: MoneyCodec },
);

/** An account-service's usage identifier, custom fields or rate plan changed (changed fields only; a `null` rate plan was cleared). */
export const AccountServiceEdited = eventWithOptions(
  'AccountServiceEdited',
  { instanceId: ServiceInstanceId },
  { usageIdentifier: UsageIdentifier, customFields: CustomFields, ratePlanId: nullable(EntityId) },
);

/** A usage bucket of an account-service was set. */
export const UsageBucketSet = event('UsageBucketSet', { instanceId: ServiceInstanceId, bucket: UsageBucket });

/** A service's recurring price in a status changed; `backToCatalog` when it now equals the catalog price again. */
export const ServicePriceChanged = eventWithOptions(
  'ServicePriceChanged',
  { serviceId: EntityId, status: AccountStatusCode, price: MoneyCodec, backToCatalog: t.boolean },
  { catalogPrice: MoneyCodec },
);

/** A temporary discount was given. */
export const ServiceDiscountAdded = event('ServiceDiscountAdded', { discountId: EntityId, serviceId: EntityId, period: DayRangeCodec, discount: DiscountTerms });
/** A temporary discount was deleted. */
export const ServiceDiscountRemoved = event('ServiceDiscountRemoved', { discountId: EntityId, serviceId: EntityId });

/** The package status changed. */
export const AccountPackageStatusChanged = event('AccountPackageStatusChanged', { from: AccountPackageStatus, to: AccountPackageStatus });

/** A new bill day takes effect on `effectiveFrom` (the end of the current period); `firstBillDate` is its first bill date. */
export const BillDayChangeScheduled = eventWithOptions(
  'BillDayChangeScheduled',
  { billDay: BillDay, previousBillDay: BillDay, effectiveFrom: AccountPackageDay, firstBillDate: AccountPackageDay },
  { nextBillDate: AccountPackageDay },
);

/** A new usage bill day takes effect on `effectiveFrom` (the end of the current usage period). */
export const UsageBillDayChangeScheduled = event('UsageBillDayChangeScheduled', {
  usageBillDay: BillDay,
  previousUsageBillDay: BillDay,
  effectiveFrom: AccountPackageDay,
  nextUsageBillDate: AccountPackageDay,
});

/** Package settings changed (changed fields only; `null` cleared). */
export const AccountPackageEdited = eventWithOptions('AccountPackageEdited', {}, {
  productCode: nullable(ProductCode),
  ratePlanId: nullable(EntityId),
  sharePlanId: nullable(EntityId),
  countingRuleId: nullable(EntityId),
  accountContractId: nullable(EntityId),
  customFields: CustomFields,
});

/** A package contract was added or replaced. */
export const PackageContractSet = event('PackageContractSet', { contract: PackageContract });
/** The package contract was removed. */
export const PackageContractRemoved = event('PackageContractRemoved', { contractId: EntityId });

/** The package will be cancelled on `cancellationDate`, when billing reaches it. */
export const AccountPackageCancellationScheduled = eventWithOptions(
  'AccountPackageCancellationScheduled',
  { cancellationDate: AccountPackageDay, billingOption: CancellationBillingOption, waiveEarlyTerminationFee: t.boolean },
  { reason: AccountPackageReason, nextBillDate: AccountPackageDay },
);

/** Rated usage of an account-service was recorded. */
export const UsageRecorded = event('UsageRecorded', {
  usageId: EntityId,
  instanceId: ServiceInstanceId,
  serviceId: EntityId,
  on: AccountPackageDay,
  quantity: NonNegativeDecimalString,
  amount: MoneyCodec,
});

/** Billing activation: the package's usage reached the activation quantity; billing starts on `activatedOn`. */
export const AccountPackageBillingActivated = event('AccountPackageBillingActivated', { activatedOn: AccountPackageDay, nextBillDate: AccountPackageDay });

/** The bill run's options a billing was made with. */
export const BillingOptions = t.strict(
  { billCharges: t.boolean, billUsage: t.boolean, invoiceTopUp: t.boolean, runContractCommitment: t.boolean },
  'BillingOptions',
);

/**
 * The package was billed for a bill period: the recurring periods billed (contiguous, from
 * the old billed-through to the new one), every charge stamped with the invoice number,
 * the total, and the dates that moved. Billed-through is the first day not yet billed.
 */
export const PackageBilled = eventWithOptions(
  'PackageBilled',
  {
    invoiceNumber: InvoiceNumber,
    billPeriod: DayRangeCodec,
    postingDate: AccountPackageDay,
    options: BillingOptions,
    periods: boundedArray(BilledPeriod, 2_000),
    charges: boundedArray(ChargeLine, 1_000_000),
    total: SignedMoneyCodec,
  },
  { billedThrough: AccountPackageDay, nextBillDate: AccountPackageDay, usageBilledThrough: AccountPackageDay, nextUsageBillDate: AccountPackageDay },
);

/** A contract's early-termination fee, due when the package was cancelled before the term's end. */
export const TerminationFee = t.strict({ contractId: EntityId, amount: MoneyCodec }, 'TerminationFee');

/**
 * Billing reached the cancellation date: the package is cancelled. `earlyTerminationFee`
 * is the fee the cancellation makes owed: `earlyTerminationFeeInvoice` names the invoice
 * that charged it in the same billing (which ran the contract commitment); without it,
 * the next billing that runs the contract commitment charges it.
 */
export const AccountPackageCancelled = eventWithOptions(
  'AccountPackageCancelled',
  { cancellationDate: AccountPackageDay, billingOption: CancellationBillingOption, status: AccountPackageStatus },
  { earlyTerminationFee: TerminationFee, earlyTerminationFeeInvoice: InvoiceNumber },
);

/** What a bulk transfer carried to the target package. */
export const TransferredDetails = t.strict(
  { customFields: CustomFields, services: boundedArray(t.strict({ from: ServiceInstanceId, to: ServiceInstanceId, details: AccountServiceDetails }), 10_000) },
  'TransferredDetails',
);
/** What a bulk transfer left behind: usage elements are not transferred. */
export const LeftBehind = t.exact(
  t.intersection([
    t.type({ usageBuckets: intBetween(0, 100_000_000), ratePlanIds: boundedArray(EntityId, 20_000) }),
    t.partial({ sharePlanId: EntityId, contractId: EntityId }),
  ]),
  'LeftBehind',
);

/**
 * Bulk transfer: the package moves to `target` on `effectiveDate` and is cancelled here on
 * that date (prorated), when billing reaches it. Carries all the target package needs, so
 * `transferredPackageCommand` builds the target's add command from this event alone.
 */
export const AccountPackageTransferred = eventWithOptions(
  'AccountPackageTransferred',
  {
    target: TransferSource,
    targetAccount: AccountTerms,
    targetDefinition: CatalogPackageDefinition,
    targetPriceBook: PriceBook,
    targetFrequency: BillingFrequency,
    effectiveDate: AccountPackageDay,
    quantity: PackageQuantity,
    options: AccountPackageOptions,
    carried: TransferredDetails,
    leftBehind: LeftBehind,
    sourceAccountId: EntityId,
    sourceCurrency: CurrencyCode,
    waiveEarlyTerminationFee: t.boolean,
  },
  { targetBillDay: BillDay, nextBillDate: AccountPackageDay },
);

/** Every account-package event codec, by type. */
export const accountPackageEventCodecs = {
  AccountPackageAdded,
  AccountPackageDeleted,
  AccountServiceAdded,
  AccountServiceRemoved,
  AccountServiceStatusChanged,
  AccountServiceEdited,
  UsageBucketSet,
  ServicePriceChanged,
  ServiceDiscountAdded,
  ServiceDiscountRemoved,
  AccountPackageStatusChanged,
  BillDayChangeScheduled,
  UsageBillDayChangeScheduled,
  AccountPackageEdited,
  PackageContractSet,
  PackageContractRemoved,
  AccountPackageCancellationScheduled,
  UsageRecorded,
  AccountPackageBillingActivated,
  PackageBilled,
  AccountPackageCancelled,
  AccountPackageTransferred,
} as const;

export type AccountPackageEventType = keyof typeof accountPackageEventCodecs;

/** Schema version of each event type's `data`; bump it and register an upcaster when a shape changes. */
export const accountPackageEventSchemaVersions: { readonly [K in AccountPackageEventType]: number } = {
  AccountPackageAdded: 1,
  AccountPackageDeleted: 1,
  AccountServiceAdded: 1,
  AccountServiceRemoved: 1,
  AccountServiceStatusChanged: 1,
  AccountServiceEdited: 1,
  UsageBucketSet: 1,
  ServicePriceChanged: 1,
  ServiceDiscountAdded: 1,
  ServiceDiscountRemoved: 1,
  AccountPackageStatusChanged: 1,
  BillDayChangeScheduled: 1,
  UsageBillDayChangeScheduled: 1,
  AccountPackageEdited: 1,
  PackageContractSet: 1,
  PackageContractRemoved: 1,
  AccountPackageCancellationScheduled: 1,
  UsageRecorded: 1,
  AccountPackageBillingActivated: 1,
  PackageBilled: 1,
  AccountPackageCancelled: 1,
  AccountPackageTransferred: 1,
};

export type AccountPackageAdded = t.TypeOf<typeof AccountPackageAdded>;
export type AccountPackageDeleted = t.TypeOf<typeof AccountPackageDeleted>;
export type AccountServiceAdded = t.TypeOf<typeof AccountServiceAdded>;
export type AccountServiceRemoved = t.TypeOf<typeof AccountServiceRemoved>;
export type AccountServiceStatusChanged = t.TypeOf<typeof AccountServiceStatusChanged>;
export type AccountServiceEdited = t.TypeOf<typeof AccountServiceEdited>;
export type UsageBucketSet = t.TypeOf<typeof UsageBucketSet>;
export type ServicePriceChanged = t.TypeOf<typeof ServicePriceChanged>;
export type ServiceDiscountAdded = t.TypeOf<typeof ServiceDiscountAdded>;
export type ServiceDiscountRemoved = t.TypeOf<typeof ServiceDiscountRemoved>;
export type AccountPackageStatusChanged = t.TypeOf<typeof AccountPackageStatusChanged>;
export type BillDayChangeScheduled = t.TypeOf<typeof BillDayChangeScheduled>;
export type UsageBillDayChangeScheduled = t.TypeOf<typeof UsageBillDayChangeScheduled>;
export type AccountPackageEdited = t.TypeOf<typeof AccountPackageEdited>;
export type PackageContractSet = t.TypeOf<typeof PackageContractSet>;
export type PackageContractRemoved = t.TypeOf<typeof PackageContractRemoved>;
export type AccountPackageCancellationScheduled = t.TypeOf<typeof AccountPackageCancellationScheduled>;
export type UsageRecorded = t.TypeOf<typeof UsageRecorded>;
export type AccountPackageBillingActivated = t.TypeOf<typeof AccountPackageBillingActivated>;
export type PackageBilled = t.TypeOf<typeof PackageBilled>;
export type AccountPackageCancelled = t.TypeOf<typeof AccountPackageCancelled>;
export type AccountPackageTransferred = t.TypeOf<typeof AccountPackageTransferred>;

/** Any account-package event, as decided (decimals as `Decimal`, not strings). */
export type AccountPackageEvent = t.TypeOf<(typeof accountPackageEventCodecs)[AccountPackageEventType]>;

/** The codec of any account-package event; `encode` gives the JSON form stored in a stream. */
export const AccountPackageEvent = t.union(
  [
    AccountPackageAdded, AccountPackageDeleted, AccountServiceAdded, AccountServiceRemoved, AccountServiceStatusChanged, AccountServiceEdited,
    UsageBucketSet, ServicePriceChanged, ServiceDiscountAdded, ServiceDiscountRemoved, AccountPackageStatusChanged, BillDayChangeScheduled,
    UsageBillDayChangeScheduled, AccountPackageEdited, PackageContractSet, PackageContractRemoved, AccountPackageCancellationScheduled,
    UsageRecorded, AccountPackageBillingActivated, PackageBilled, AccountPackageCancelled, AccountPackageTransferred,
  ],
  'AccountPackageEvent',
);

/** Decodes a stored event (its JSON form) into a typed event; never throws. */
export const decodeAccountPackageEvent = (input: unknown): Either<DecodeError, AccountPackageEvent> =>
  decodeTagged(
    'AccountPackageEvent',
    accountPackageEventCodecs as unknown as Record<AccountPackageEventType, t.Type<AccountPackageEvent, unknown, unknown>>,
    input,
  );

/** Encodes an event to its JSON form (decimals as strings). */
export const encodeAccountPackageEvent = (e: AccountPackageEvent): { readonly type: AccountPackageEventType; readonly data: unknown } =>
  (accountPackageEventCodecs[e.type] as unknown as t.Type<AccountPackageEvent, { type: AccountPackageEventType; data: unknown }>).encode(e);
