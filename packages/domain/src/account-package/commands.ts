import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import { exactObject, strictObject } from '../kernel/fast-object';
import {
  BillDay,
  DayRangeCodec,
  EntityId,
  MoneyCodec,
  NonNegativeDecimalString,
  boundedArray,
  boundedText,
  decodeTagged,
  intBetween,
  nonEmptyBoundedArray,
  type DecodeError, messageCodecs } from '../kernel';
import {
  AccountTerms,
  CancellationBillingOption,
  CustomFields,
  DiscountTerms,
  BillingFrequency,
  GlobalAddOn,
  PackageContract,
  AccountPackageDay,
  AccountPackageInstant,
  CatalogPackageDefinition,
  AccountPackageOptions,
  AccountPackageStatus,
  PriceBook,
  ServiceInstanceId,
  AccountStatusCode,
  UsageBucket,
} from './catalog';

const { command, commandWithOptions } = messageCodecs('accountPackageId', { commandInstant: AccountPackageInstant });

/** How many of the package the account has: a multiplier of every charge, 1 to 10,000. */
export const PackageQuantity = intBetween(1, 10_000, 'PackageQuantity');
/** The identifier usage is reported under for a usage-based account-service (a phone number, a circuit id). */
export const UsageIdentifier = boundedText('UsageIdentifier', 100);
/** An invoice number, supplied by the host's invoicing. */
export const InvoiceNumber = new t.Type<string, string, unknown>(
  'InvoiceNumber',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9_./-]{1,64}$/.test(u),
  (u, c) => (typeof u === 'string' && /^[A-Za-z0-9_./-]{1,64}$/.test(u) ? t.success(u) : t.failure(u, c, 'expected an invoice number: 1 to 64 of A-Z, a-z, 0-9, "_", "-", "." or "/"')),
  (s) => s,
);
/** Why a package is cancelled or deleted. */
export const AccountPackageReason = boundedText('AccountPackageReason', 1000);
/** A product code used by the host's price plans. */
export const ProductCode = boundedText('ProductCode', 64);

/** Details of one account-service: its usage identifier (usage-based services) and custom fields. */
export const AccountServiceDetails = exactObject({ instanceId: ServiceInstanceId }, { usageIdentifier: UsageIdentifier, customFields: CustomFields }, 'AccountServiceDetails');
export type AccountServiceDetails = t.TypeOf<typeof AccountServiceDetails>;

/** The package an account package was moved from by a bulk transfer. */
export const TransferSource = strictObject({ accountId: EntityId, accountPackageId: EntityId }, 'TransferSource');
export type TransferSource = t.TypeOf<typeof TransferSource>;

/** Pairs a source account-service with the target account-service that takes over its usage identifier and custom fields. */
export const ServiceTransfer = strictObject({ from: ServiceInstanceId, to: ServiceInstanceId }, 'ServiceTransfer');
export type ServiceTransfer = t.TypeOf<typeof ServiceTransfer>;

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/**
 * Add a package of the catalog to an account. The command carries the catalog definition,
 * the price book and the account's terms, so the decision needs nothing else. Default
 * account-services are created as `<serviceId>.1`, `<serviceId>.2`, ...; `serviceDetails`
 * gives them usage identifiers and custom fields. `billDay` and `usageBillDay` default to
 * the account's; `status` to active.
 *
 * Quantity, frequency and price book are fixed once added (changing them is cancelling
 * and adding another package). The product code and counting rule are recorded for the
 * host, whose price plans and account-wide counts already shaped the prices it sends.
 */
export const AddAccountPackage = commandWithOptions(
  'AddAccountPackage',
  {
    account: AccountTerms,
    definition: CatalogPackageDefinition,
    priceBook: PriceBook,
    quantity: PackageQuantity,
    frequency: BillingFrequency,
    effectiveDate: AccountPackageDay,
    options: AccountPackageOptions,
  },
  {
    productCode: ProductCode,
    status: AccountPackageStatus,
    ratePlanId: EntityId,
    sharePlanId: EntityId,
    billDay: BillDay,
    usageBillDay: BillDay,
    contract: PackageContract,
    accountContractId: EntityId,
    countingRuleId: EntityId,
    customFields: CustomFields,
    serviceDetails: boundedArray(AccountServiceDetails, 10_000),
    transferredFrom: TransferSource,
  },
);

/** Remove a package that was never billed. */
export const DeleteAccountPackage = commandWithOptions('DeleteAccountPackage', {}, { reason: AccountPackageReason });

/**
 * Add account-services: more of an optional service of the package (up to its maximum
 * instances), or the service of a global add-on package when the package allows them.
 * One account-service per entry of `instances`; usage-based services need a usage
 * identifier for each. `effectiveOn` defaults to the command's day.
 *
 * Interpretation: a global add-on's service is billed with the package, so the add-on is
 * chosen at the package's frequency (a yearly add-on on a monthly package is refused).
 */
export const AddAccountService = commandWithOptions(
  'AddAccountService',
  { serviceId: EntityId, instances: nonEmptyBoundedArray(AccountServiceDetails, 1_000), status: AccountStatusCode },
  { effectiveOn: AccountPackageDay, addOn: GlobalAddOn },
);

/** Remove an account-service (refused below the service's minimum instances). */
export const RemoveAccountService = command('RemoveAccountService', { instanceId: ServiceInstanceId });

/**
 * Change an account-service's status: now (no `effectiveOn`, or the command's day), or as
 * an upcoming change on a later day. Transition charges and prorated charges or credits
 * follow when the package is next billed.
 */
export const ChangeServiceStatus = commandWithOptions('ChangeServiceStatus', { instanceId: ServiceInstanceId, status: AccountStatusCode }, { effectiveOn: AccountPackageDay });

/** Edit an account-service: usage identifier (usage-based only), custom fields, rate plan (`null` clears it). */
export const EditAccountService = commandWithOptions(
  'EditAccountService',
  { instanceId: ServiceInstanceId },
  { usageIdentifier: UsageIdentifier, customFields: CustomFields, ratePlanId: nullable(EntityId) },
);

/** Add or change a usage bucket of a usage-based account-service. */
export const SetUsageBucket = command('SetUsageBucket', { instanceId: ServiceInstanceId, bucket: UsageBucket });

/**
 * Change a service's recurring price in one status; setting it back to the catalog price
 * returns to the catalog price. The price applies to every period billed from then on.
 */
export const ChangeServicePrice = command('ChangeServicePrice', { serviceId: EntityId, status: AccountStatusCode, price: MoneyCodec });

/** Give a service a temporary discount over a range of days; it applies to the recurring charges of periods billed from then on. */
export const AddServiceDiscount = command('AddServiceDiscount', { discountId: EntityId, serviceId: EntityId, period: DayRangeCodec, discount: DiscountTerms });

/** Delete a temporary discount. */
export const RemoveServiceDiscount = command('RemoveServiceDiscount', { discountId: EntityId });

/** Set the package status (the one change a read-only package accepts). Cancelling is {@link CancelAccountPackage}. */
export const ChangePackageStatus = command('ChangePackageStatus', { status: AccountPackageStatus });

/** Set a new bill day: it takes effect from the next billing period, with a prorated charge that aligns the package to it. */
export const ChangeBillDay = command('ChangeBillDay', { billDay: BillDay });

/** Set a new usage bill day: it takes effect after the current usage period. */
export const ChangeUsageBillDay = command('ChangeUsageBillDay', { usageBillDay: BillDay });

/** Edit package settings; `null` clears an id or code. */
export const EditAccountPackage = commandWithOptions('EditAccountPackage', {}, {
  productCode: nullable(ProductCode),
  ratePlanId: nullable(EntityId),
  sharePlanId: nullable(EntityId),
  countingRuleId: nullable(EntityId),
  accountContractId: nullable(EntityId),
  customFields: CustomFields,
});

/** Add a package contract, or replace it. */
export const SetPackageContract = command('SetPackageContract', { contract: PackageContract });

/** Remove the package contract. */
export const RemovePackageContract = command('RemovePackageContract', {});

/**
 * Cancel the package on a date (the first day it is no longer in service). The
 * cancellation takes effect when billing reaches that date. `billingOption` says how the
 * final partial period is charged; it defaults to the package's Charge Full Period
 * setting. A date inside an already billed period is refused.
 */
export const CancelAccountPackage = commandWithOptions(
  'CancelAccountPackage',
  { cancellationDate: AccountPackageDay },
  { billingOption: CancellationBillingOption, waiveEarlyTerminationFee: t.boolean, reason: AccountPackageReason },
);

/** Record usage of a usage-based account-service, rated by the host's rating engine (zero is usage too). */
export const RecordUsage = command('RecordUsage', {
  usageId: EntityId,
  instanceId: ServiceInstanceId,
  on: AccountPackageDay,
  quantity: NonNegativeDecimalString,
  amount: MoneyCodec,
});

/**
 * Bill the package for a bill period `[start, end)` (a bill run for May 2026 is
 * `{ start: '2026-05-01', end: '2026-06-01' }`), with the bill run's options and the
 * invoice number the host allocated. Billing a period that was already billed adds nothing.
 */
export const BillPackage = commandWithOptions(
  'BillPackage',
  {
    invoiceNumber: InvoiceNumber,
    billPeriod: DayRangeCodec,
    billCharges: t.boolean,
    billUsage: t.boolean,
    invoiceTopUp: t.boolean,
    runContractCommitment: t.boolean,
  },
  { postingDate: AccountPackageDay },
);

/**
 * Bulk transfer, for one package: move it to a package of another account from
 * `effectiveDate`, and cancel it here on that date. See `planAccountPackageTransfer`.
 */
export const TransferAccountPackage = commandWithOptions(
  'TransferAccountPackage',
  {
    targetAccountPackageId: EntityId,
    targetAccount: AccountTerms,
    targetDefinition: CatalogPackageDefinition,
    targetPriceBook: PriceBook,
    targetFrequency: BillingFrequency,
    effectiveDate: AccountPackageDay,
  },
  { targetBillDay: BillDay, serviceMap: boundedArray(ServiceTransfer, 10_000), waiveEarlyTerminationFee: t.boolean },
);

/** Every account-package command codec, by type. */
export const accountPackageCommandCodecs = {
  AddAccountPackage,
  DeleteAccountPackage,
  AddAccountService,
  RemoveAccountService,
  ChangeServiceStatus,
  EditAccountService,
  SetUsageBucket,
  ChangeServicePrice,
  AddServiceDiscount,
  RemoveServiceDiscount,
  ChangePackageStatus,
  ChangeBillDay,
  ChangeUsageBillDay,
  EditAccountPackage,
  SetPackageContract,
  RemovePackageContract,
  CancelAccountPackage,
  RecordUsage,
  BillPackage,
  TransferAccountPackage,
} as const;

export type AddAccountPackage = t.TypeOf<typeof AddAccountPackage>;
export type DeleteAccountPackage = t.TypeOf<typeof DeleteAccountPackage>;
export type AddAccountService = t.TypeOf<typeof AddAccountService>;
export type RemoveAccountService = t.TypeOf<typeof RemoveAccountService>;
export type ChangeServiceStatus = t.TypeOf<typeof ChangeServiceStatus>;
export type EditAccountService = t.TypeOf<typeof EditAccountService>;
export type SetUsageBucket = t.TypeOf<typeof SetUsageBucket>;
export type ChangeServicePrice = t.TypeOf<typeof ChangeServicePrice>;
export type AddServiceDiscount = t.TypeOf<typeof AddServiceDiscount>;
export type RemoveServiceDiscount = t.TypeOf<typeof RemoveServiceDiscount>;
export type ChangePackageStatus = t.TypeOf<typeof ChangePackageStatus>;
export type ChangeBillDay = t.TypeOf<typeof ChangeBillDay>;
export type ChangeUsageBillDay = t.TypeOf<typeof ChangeUsageBillDay>;
export type EditAccountPackage = t.TypeOf<typeof EditAccountPackage>;
export type SetPackageContract = t.TypeOf<typeof SetPackageContract>;
export type RemovePackageContract = t.TypeOf<typeof RemovePackageContract>;
export type CancelAccountPackage = t.TypeOf<typeof CancelAccountPackage>;
export type RecordUsage = t.TypeOf<typeof RecordUsage>;
export type BillPackage = t.TypeOf<typeof BillPackage>;
export type TransferAccountPackage = t.TypeOf<typeof TransferAccountPackage>;

/** Any account-package command. */
export type AccountPackageCommand = t.TypeOf<(typeof accountPackageCommandCodecs)[keyof typeof accountPackageCommandCodecs]>;
export type AccountPackageCommandType = AccountPackageCommand['type'];

/** The codec of any account-package command (a union; prefer {@link decodeAccountPackageCommand} for input). */
export const AccountPackageCommand = t.union(
  [
    AddAccountPackage, DeleteAccountPackage, AddAccountService, RemoveAccountService, ChangeServiceStatus, EditAccountService, SetUsageBucket,
    ChangeServicePrice, AddServiceDiscount, RemoveServiceDiscount, ChangePackageStatus, ChangeBillDay, ChangeUsageBillDay, EditAccountPackage,
    SetPackageContract, RemovePackageContract, CancelAccountPackage, RecordUsage, BillPackage, TransferAccountPackage,
  ],
  'AccountPackageCommand',
);

/**
 * Decodes untrusted input (parsed JSON) into an account-package command. Never throws; on
 * failure the error lists the path and problem of every bad field.
 *
 * @example
 * const decoded = decodeAccountPackageCommand(JSON.parse(body));
 * if (E.isLeft(decoded)) return badRequest(decoded.left.facts.problems);
 */
export const decodeAccountPackageCommand = (input: unknown): Either<DecodeError, AccountPackageCommand> =>
  decodeTagged(
    'AccountPackageCommand',
    accountPackageCommandCodecs as unknown as Record<AccountPackageCommandType, t.Type<AccountPackageCommand, unknown, unknown>>,
    input,
  );
