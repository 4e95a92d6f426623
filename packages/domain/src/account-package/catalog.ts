import * as t from 'io-ts';
import { exactObject, strictObject } from '../kernel/fast-object';
import {
  BillDay,
  CurrencyCode,
  EntityId,
  InstantString,
  LocalDateString,
  MoneyCodec,
  PositiveDecimalString,
  boundedArray,
  boundedText,
  intBetween,
  nonEmptyBoundedArray,
  optionalText,
  refinedDecimalString,
  type Instant,
  type LocalDate,
} from '../kernel';

const patterned = (name: string, pattern: RegExp, expected: string): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && pattern.test(u),
    (u, c) => (typeof u === 'string' && pattern.test(u) ? t.success(u) : t.failure(u, c, `expected ${expected}`)),
    (s) => s,
  );

/**
 * A day an account package can be billed on: 1900-01-01 to 2999-12-31. Billing dates are
 * counted forward from it, so a year such as 9999 would run off the calendar.
 */
export const AccountPackageDay = new t.Type<LocalDate, string, unknown>(
  'AccountPackageDay',
  (u): u is LocalDate => LocalDateString.is(u) && u >= '1900-01-01' && u <= '2999-12-31',
  (u, c) => {
    const d = LocalDateString.validate(u, c);
    if (d._tag === 'Left') return d;
    return d.right >= '1900-01-01' && d.right <= '2999-12-31' ? d : t.failure(u, c, `${d.right} is outside 1900-01-01 .. 2999-12-31`);
  },
  (d) => d,
);

/**
 * The instant of an account-package command: within the days of {@link AccountPackageDay}
 * (up to 2999-12-31T23:59:59.999Z), since a command's day (a removal, a status change
 * taking effect now) is recorded as an account-package day (torture finding F2).
 */
export const AccountPackageInstant = new t.Type<Instant, string, unknown>(
  'AccountPackageInstant',
  (u): u is Instant => InstantString.is(u) && u >= '1900-01-01' && u < '3000-01-01',
  (u, c) => {
    const i = InstantString.validate(u, c);
    if (i._tag === 'Left') return i;
    return i.right >= '1900-01-01' && i.right < '3000-01-01' ? i : t.failure(u, c, `${i.right} is outside 1900-01-01 .. 2999-12-31 (the days an account package can have)`);
  },
  (i) => i,
);

/** A status code of a package or a service: `active`, `suspended`, `cancelled`, or one the host configures. */
export const AccountStatusCode = patterned('AccountStatusCode', /^[a-z][a-z0-9_]{0,39}$/, 'a status code such as "active": lower-case letters, digits and "_", at most 40');
/** Id of one account-service (one instance of a service in a package): 1 to 80 of `A-Z a-z 0-9 _ - .`. */
export const ServiceInstanceId = patterned('ServiceInstanceId', /^[A-Za-z0-9_.-]{1,80}$/, 'an account-service id: 1 to 80 of A-Z, a-z, 0-9, "_", "-" or "."');

/** How often recurring charges are billed. */
export const BillingFrequency = t.keyof({ monthly: null, bimonthly: null, quarterly: null, semiannual: null, yearly: null }, 'BillingFrequency');
export type BillingFrequency = t.TypeOf<typeof BillingFrequency>;

/** Months in one period of each frequency. */
export const FREQUENCY_MONTHS: { readonly [F in BillingFrequency]: number } = { monthly: 1, bimonthly: 2, quarterly: 3, semiannual: 6, yearly: 12 };

/** A recurring price that applies while an account-service is in a status (the Charges tab: you can charge for a suspended service too). */
export const StatusPrice = strictObject({ status: AccountStatusCode, price: MoneyCodec }, 'StatusPrice');
export type StatusPrice = t.TypeOf<typeof StatusPrice>;

/** A charge applied when an account-service changes to `to` (from `from`, or from any status when absent): a cancellation fee, say. */
export const TransitionPrice = exactObject({ to: AccountStatusCode, price: MoneyCodec }, { from: AccountStatusCode }, 'TransitionPrice');
export type TransitionPrice = t.TypeOf<typeof TransitionPrice>;

/**
 * A service of a catalog package. Prices are those of the package's price book for the
 * package's frequency, resolved by the host (price plans and product codes included):
 * recurring prices per period, by status; a one-time price charged once per
 * account-service; transition prices on status changes.
 */
export const ServiceDefinition = exactObject({
  serviceId: EntityId,
  name: boundedText('ServiceName', 200),
  usageBased: t.boolean,
  defaultInstances: intBetween(0, 100),
  minInstances: intBetween(0, 100),
  maxInstances: intBetween(1, 10_000),
  recurringPrices: boundedArray(StatusPrice, 20),
  transitionPrices: boundedArray(TransitionPrice, 50),
}, { oneTimePrice: MoneyCodec }, 'ServiceDefinition');
export type ServiceDefinition = t.TypeOf<typeof ServiceDefinition>;

/**
 * Billing activation: the package starts billing some days after it becomes effective, or
 * once its usage reaches a quantity (10 MB, say). Until then it is not billed.
 */
export const BillingActivation = t.union(
  [
    strictObject({ type: t.literal('after_days'), days: intBetween(1, 366) }, 'ActivationAfterDays'),
    strictObject({ type: t.literal('after_usage'), quantity: PositiveDecimalString }, 'ActivationAfterUsage'),
  ],
  'BillingActivation',
);
export type BillingActivation = t.TypeOf<typeof BillingActivation>;

/** A package of the product catalog, as the host's catalog defines it; carried in the command so deciding stays pure. */
export const CatalogPackageDefinition = exactObject({
  catalogPackageId: EntityId,
  name: boundedText('PackageName', 200),
  services: nonEmptyBoundedArray(ServiceDefinition, 100),
  allowsGlobalAddOns: t.boolean,
}, { billingActivation: BillingActivation }, 'CatalogPackageDefinition');
export type CatalogPackageDefinition = t.TypeOf<typeof CatalogPackageDefinition>;

/** A global add-on package: its service is added to a package that allows global add-ons. */
export const GlobalAddOn = strictObject(
  { catalogPackageId: EntityId, name: boundedText('PackageName', 200), frequency: BillingFrequency, service: ServiceDefinition },
  'GlobalAddOn',
);
export type GlobalAddOn = t.TypeOf<typeof GlobalAddOn>;

/** A price book: the prices of one region, in one currency. */
export const PriceBook = strictObject({ priceBookId: EntityId, currency: CurrencyCode }, 'PriceBook');
export type PriceBook = t.TypeOf<typeof PriceBook>;

/**
 * What the package needs to know of its account: its currency, its bill day and usage bill
 * day (used when the package leaves its own empty), and, when the host restricts them, the
 * price books the account may use (Account Settings).
 */
export const AccountTerms = exactObject({ accountId: EntityId, currency: CurrencyCode, billDay: BillDay, usageBillDay: BillDay }, { priceBookIds: boundedArray(EntityId, 200) }, 'AccountTerms');
export type AccountTerms = t.TypeOf<typeof AccountTerms>;

/**
 * A package status as the host configures it: billable or not (a non-billable status skips
 * recurring charges only), and read-only or not (a read-only package refuses every change
 * but a status change).
 */
export const AccountPackageStatus = strictObject({ code: AccountStatusCode, billable: t.boolean, readOnly: t.boolean }, 'AccountPackageStatus');
export type AccountPackageStatus = t.TypeOf<typeof AccountPackageStatus>;

/** The status a package is added in unless the command says otherwise. */
export const ACTIVE_PACKAGE_STATUS: AccountPackageStatus = { code: 'active', billable: true, readOnly: false };
/** The status a package is in once its cancellation has taken effect. */
export const CANCELLED_PACKAGE_STATUS: AccountPackageStatus = { code: 'cancelled', billable: false, readOnly: true };

/**
 * Billing options of the package. `chargeFullPeriod` charges a whole period when the
 * package starts or ends part-way through one; `postpaid` bills each period after it ends;
 * `chargeRecurringOnlyIfUsage` charges the recurring prices of a period only if the
 * package had usage in it (of any of its services, even usage rated at zero), and forces
 * `postpaid`.
 */
export const AccountPackageOptions = strictObject(
  { chargeFullPeriod: t.boolean, postpaid: t.boolean, chargeRecurringOnlyIfUsage: t.boolean },
  'AccountPackageOptions',
);
export type AccountPackageOptions = t.TypeOf<typeof AccountPackageOptions>;

/** What a contract does at the end of its term: end, or renew for another term of the same length. */
export const ContractRenewal = t.keyof({ expire: null, renew: null }, 'ContractRenewal');
export type ContractRenewal = t.TypeOf<typeof ContractRenewal>;

/**
 * A package contract: a term from a start date, its renewal behaviour, an early-termination
 * fee charged when the package is cancelled before the term ends (unless waived), and a
 * minimum invoice amount topped up on each invoice while the contract runs.
 */
export const PackageContract = exactObject({ contractId: EntityId, startDate: AccountPackageDay, termMonths: intBetween(1, 120), renewal: ContractRenewal }, { earlyTerminationFee: MoneyCodec, minimumInvoiceAmount: MoneyCodec }, 'PackageContract');
export type PackageContract = t.TypeOf<typeof PackageContract>;

const FIELD_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const FieldName = patterned('CustomFieldName', FIELD_NAME, 'a field name: 1 to 64 of A-Z, a-z, 0-9, "_", "-" or "."');
const FieldValue = optionalText('CustomFieldValue', 1000);
const MAX_CUSTOM_FIELDS = 50;

/**
 * Names a custom field cannot have: they name JavaScript's own object properties, and a
 * record holding one could change (`__proto__`) or shadow (`constructor`, `prototype`)
 * what every object inherits (torture finding F3).
 */
const RESERVED_CUSTOM_FIELD_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const fieldNameProblem = (name: string): string | undefined =>
  RESERVED_CUSTOM_FIELD_NAMES.includes(name)
    ? `the name "${name}" is reserved (it names a property every JavaScript object has): a custom field cannot be named ${RESERVED_CUSTOM_FIELD_NAMES.map((n) => `"${n}"`).join(', ')}`
    : FIELD_NAME.test(name)
      ? undefined
      : `is not a field name: 1 to 64 of A-Z, a-z, 0-9, "_", "-" or "."${name.length > 64 ? ` (got ${name.length} characters)` : ''}`;

const isFieldRecord = (u: unknown): u is Readonly<Record<string, string>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const names = Object.keys(u);
  return names.length <= MAX_CUSTOM_FIELDS && names.every((n) => fieldNameProblem(n) === undefined && FieldValue.is((u as Record<string, unknown>)[n]));
};

/**
 * Custom fields the host's organisation configures: at most 50 named text values. A bad or
 * reserved name is a decode error at its path (never dropped); the decoded record is always
 * a new plain object built with `Object.fromEntries`, so no name can reach a prototype.
 */
export const CustomFields = new t.Type<Readonly<Record<string, string>>, Readonly<Record<string, string>>, unknown>(
  'CustomFields',
  isFieldRecord,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c);
    const names = Object.keys(u);
    if (names.length > MAX_CUSTOM_FIELDS) return t.failure(u, c, `at most ${MAX_CUSTOM_FIELDS} custom fields; got ${names.length}`);
    const errors: t.Errors = [];
    const fields: [string, string][] = [];
    for (const name of names) {
      const value = (u as Record<string, unknown>)[name];
      const problem = fieldNameProblem(name);
      if (problem !== undefined) {
        // A name of a megabyte is not repeated in the path.
        errors.push({ value: name, context: t.appendContext(c, name.length > 64 ? `${name.slice(0, 64)}…` : name, FieldName, name), message: problem });
        continue;
      }
      const decoded = FieldValue.validate(value, t.appendContext(c, name, FieldValue, value));
      if (decoded._tag === 'Left') errors.push(...decoded.left);
      else fields.push([name, decoded.right]);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(Object.fromEntries(fields));
  },
  (r) => r,
);
export type CustomFields = t.TypeOf<typeof CustomFields>;

/** A usage bucket of a usage-based account-service: an allowance of usage (in a unit) the rating engine draws down. */
export const UsageBucket = strictObject({ bucketId: EntityId, allowance: PositiveDecimalString, unit: boundedText('UsageUnit', 40) }, 'UsageBucket');
export type UsageBucket = t.TypeOf<typeof UsageBucket>;

/** A percentage: more than 0, at most 100. */
export const DiscountPercent = refinedDecimalString('DiscountPercent', (d) => (d.gt(0) && d.lte(100) ? undefined : 'must be more than 0 and at most 100'));

/** A temporary discount: a percentage off, or an amount off each full period (prorated like the price). */
export const DiscountTerms = t.union(
  [
    strictObject({ type: t.literal('percent'), percent: DiscountPercent }, 'PercentDiscount'),
    strictObject({ type: t.literal('amount'), amount: MoneyCodec }, 'AmountDiscount'),
  ],
  'DiscountTerms',
);
export type DiscountTerms = t.TypeOf<typeof DiscountTerms>;

/** How the final, partial period is charged when a package is cancelled. */
export const CancellationBillingOption = t.keyof({ prorate: null, charge_full_period: null, no_charge: null }, 'CancellationBillingOption');
export type CancellationBillingOption = t.TypeOf<typeof CancellationBillingOption>;
