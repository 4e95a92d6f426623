import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  CurrencyCode,
  EntityId,
  InstantString,
  MoneyCodec,
  NonNegativeDecimalString,
  boundedArray,
  boundedText,
  decodeTagged,
  intBetween,
  type DecodeError, messageCodecs } from '../kernel';
import { CatalogPackage, ClientPackageOptions, DestinationNumber, DestinationPrefix } from './commands';

const { event, eventWithOptions } = messageCodecs('clientPackageId');

/** A period of the package: `[start, end)`, numbered from 1. */
export const PackagePeriod = t.strict({ number: intBetween(1, 1_000_000), start: InstantString, end: InstantString }, 'PackagePeriod');
export type PackagePeriod = t.TypeOf<typeof PackagePeriod>;

/** A limit as granted for one period (already multiplied by quantity, prorated when asked). */
export const PeriodLimit = t.union(
  [
    t.strict({ type: t.literal('volume'), prefix: DestinationPrefix, minutes: NonNegativeDecimalString }, 'PeriodVolumeLimit'),
    t.strict({ type: t.literal('money'), prefix: DestinationPrefix, amount: MoneyCodec }, 'PeriodMoneyLimit'),
  ],
  'PeriodLimit',
);
export type PeriodLimit = t.TypeOf<typeof PeriodLimit>;

/** Statistics between `from` and `to` must be re-rated by the host against the package's limits. */
export const RerateWindow = t.strict({ from: InstantString, to: InstantString }, 'RerateWindow');
export type RerateWindow = t.TypeOf<typeof RerateWindow>;

const Fees = boundedArray(MoneyCodec, 2);

/** A package was assigned; pending until a package-manager run activates it. */
export const ClientPackageAssigned = eventWithOptions(
  'ClientPackageAssigned',
  { clientId: EntityId, package: CatalogPackage, startDate: InstantString, quantity: intBetween(1, 10_000), activateInPast: t.boolean, options: ClientPackageOptions },
  { accountId: EntityId, endDate: InstantString },
);

/**
 * The first period began; `fees` were charged; `proration` < 1 when it is a shortened (aligned) period
 * whose fees and limits were recalculated; `rerate` is set when the period started in the past.
 */
export const ClientPackageActivated = eventWithOptions(
  'ClientPackageActivated',
  {
    packageName: boundedText('PackageName', 200), period: PackagePeriod, limits: boundedArray(PeriodLimit, 500), fees: Fees,
    proration: NonNegativeDecimalString, reactivations: intBetween(1, 1_000_000),
  },
  { rerate: RerateWindow },
);

/** A renewal was due but the balance did not cover it; recorded once per period. */
export const ClientPackageRenewalDeferred = event('ClientPackageRenewalDeferred', {
  dueAt: InstantString,
  balance: MoneyCodec,
  required: MoneyCodec,
});

/** A new period began and its limits were reset; `late` with `rerate` when it began after it was due. */
export const ClientPackageRenewed = eventWithOptions(
  'ClientPackageRenewed',
  { packageName: boundedText('PackageName', 200), period: PackagePeriod, limits: boundedArray(PeriodLimit, 500), fees: Fees, late: t.boolean, reactivations: intBetween(1, 1_000_000) },
  { rerate: RerateWindow },
);

/** A usage record was rated: `consumed` from the limit with `prefix` (longest match), `overflow` left for normal rating. */
export const UsageRatedAgainstLimits = eventWithOptions(
  'UsageRatedAgainstLimits',
  {
    usageId: EntityId,
    usageType: t.keyof({ minutes: null, money: null }),
    destination: DestinationNumber,
    requested: NonNegativeDecimalString,
    consumed: NonNegativeDecimalString,
    overflow: NonNegativeDecimalString,
    periodNumber: intBetween(1, 1_000_000),
    packageName: boundedText('PackageName', 200),
    fees: Fees,
  },
  { prefix: DestinationPrefix, currency: CurrencyCode },
);

/** Stopped at the beginning of the current period: its fees are returned, its usage goes back to normal rating. */
export const ClientPackageStoppedAtPeriodStart = event('ClientPackageStoppedAtPeriodStart', {
  periodNumber: intBetween(1, 1_000_000),
  refundedFees: Fees,
  returnedUsageIds: boundedArray(EntityId, 10_000_000),
});

/** The package will not renew after the current period. */
export const ClientPackageStopScheduled = event('ClientPackageStopScheduled', { stopsAt: InstantString });

/** The package was cancelled. */
export const ClientPackageCancelled = event('ClientPackageCancelled', {});

/** The end date changed (`null`: no end date). */
export const ClientPackageEndDateChanged = event('ClientPackageEndDateChanged', { endDate: t.union([InstantString, t.null]) });

/** The catalog renamed the package. */
export const ClientPackageRenamed = event('ClientPackageRenamed', { previousName: boundedText('PackageName', 200), name: boundedText('PackageName', 200) });

/** The package moved to the archive. */
export const ClientPackageArchived = event('ClientPackageArchived', {
  reason: t.keyof({ end_date_passed: null, stopped: null, cancelled: null, never_activated: null }),
});

/** The package is to be removed entirely; the store deletes its stream after appending this. */
export const ClientPackageDeleted = event('ClientPackageDeleted', {});

/** Every client-package event codec, by type. */
export const clientPackageEventCodecs = {
  ClientPackageAssigned,
  ClientPackageActivated,
  ClientPackageRenewalDeferred,
  ClientPackageRenewed,
  UsageRatedAgainstLimits,
  ClientPackageStoppedAtPeriodStart,
  ClientPackageStopScheduled,
  ClientPackageCancelled,
  ClientPackageEndDateChanged,
  ClientPackageRenamed,
  ClientPackageArchived,
  ClientPackageDeleted,
} as const;

export type ClientPackageEventType = keyof typeof clientPackageEventCodecs;

/** Schema version of each event type's `data`. */
export const clientPackageEventSchemaVersions: { readonly [K in ClientPackageEventType]: number } = {
  ClientPackageAssigned: 1,
  ClientPackageActivated: 1,
  ClientPackageRenewalDeferred: 1,
  ClientPackageRenewed: 1,
  UsageRatedAgainstLimits: 1,
  ClientPackageStoppedAtPeriodStart: 1,
  ClientPackageStopScheduled: 1,
  ClientPackageCancelled: 1,
  ClientPackageEndDateChanged: 1,
  ClientPackageRenamed: 1,
  ClientPackageArchived: 1,
  ClientPackageDeleted: 1,
};

/** Any client-package event, as decided. */
export type ClientPackageEvent = t.TypeOf<(typeof clientPackageEventCodecs)[ClientPackageEventType]>;

/** Decodes a stored client-package event; never throws. */
export const decodeClientPackageEvent = (input: unknown): Either<DecodeError, ClientPackageEvent> =>
  decodeTagged('ClientPackageEvent', clientPackageEventCodecs as unknown as Record<ClientPackageEventType, t.Type<ClientPackageEvent, unknown, unknown>>, input);

/** Encodes a client-package event to its JSON form. */
export const encodeClientPackageEvent = (e: ClientPackageEvent): { readonly type: ClientPackageEventType; readonly data: unknown } =>
  (clientPackageEventCodecs[e.type] as unknown as t.Type<ClientPackageEvent, { type: ClientPackageEventType; data: unknown }>).encode(e);
