import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  Actor,
  EntityId,
  InstantString,
  MoneyCodec,
  PositiveDecimalString,
  boundedArray,
  boundedText,
  decodeTagged,
  intBetween,
  type DecodeError, messageCodecs } from '../kernel';

const { command } = messageCodecs('clientPackageId');

/** A destination code prefix: up to 20 digits; the empty prefix matches every destination. */
export const DestinationPrefix = new t.Type<string, string, unknown>(
  'DestinationPrefix',
  (u): u is string => typeof u === 'string' && /^\d{0,20}$/.test(u),
  (u, c) => (typeof u === 'string' && /^\d{0,20}$/.test(u) ? t.success(u) : t.failure(u, c, 'expected a destination code prefix of up to 20 digits, such as "38044"')),
  (s) => s,
);

/** A dialled destination number: 1 to 32 digits. */
export const DestinationNumber = new t.Type<string, string, unknown>(
  'DestinationNumber',
  (u): u is string => typeof u === 'string' && /^\d{1,32}$/.test(u),
  (u, c) => (typeof u === 'string' && /^\d{1,32}$/.test(u) ? t.success(u) : t.failure(u, c, 'expected a destination number of 1 to 32 digits')),
  (s) => s,
);

/** A limit of a package: minutes to destinations with a prefix, or money spent on them in one currency. */
export const PackageLimit = t.union(
  [
    t.strict({ type: t.literal('volume'), prefix: DestinationPrefix, minutes: PositiveDecimalString }, 'VolumeLimit'),
    t.strict({ type: t.literal('money'), prefix: DestinationPrefix, amount: MoneyCodec }, 'MoneyLimit'),
  ],
  'PackageLimit',
);
export type PackageLimit = t.TypeOf<typeof PackageLimit>;

/** How long a period lasts. */
export const PeriodLength = t.strict({ unit: t.keyof({ day: null, week: null, month: null, year: null }), count: intBetween(1, 366) }, 'PeriodLength');
export type PeriodLength = t.TypeOf<typeof PeriodLength>;

/** The catalog package being assigned, as it is at assignment time. */
export const CatalogPackage = t.strict(
  {
    catalogPackageId: EntityId,
    name: boundedText('PackageName', 200),
    activationFee: MoneyCodec,
    subscriptionFee: MoneyCodec,
    period: PeriodLength,
    limits: boundedArray(PackageLimit, 500),
  },
  'CatalogPackage',
);
export type CatalogPackage = t.TypeOf<typeof CatalogPackage>;

/**
 * The seed's flags (docs/decisions/0002-client-package-flags.md):
 * `chargeOnEvent` charges a period's subscription fee with its first usage instead of at its start;
 * `alignToPaymentTerms` ends the first period on the next calendar boundary of the period unit;
 * `recalculateToPeriod` prorates fees and limits of a period shorter than a full one.
 */
export const ClientPackageOptions = t.strict(
  { chargeOnEvent: t.boolean, alignToPaymentTerms: t.boolean, recalculateToPeriod: t.boolean },
  'ClientPackageOptions',
);
export type ClientPackageOptions = t.TypeOf<typeof ClientPackageOptions>;

/** A usage record to rate: minutes of a call, or a money charge, to a destination. */
export const UsageRecord = t.union(
  [
    t.strict({ type: t.literal('minutes'), usageId: EntityId, destination: DestinationNumber, minutes: PositiveDecimalString }, 'CallMinutes'),
    t.strict({ type: t.literal('money'), usageId: EntityId, destination: DestinationNumber, amount: MoneyCodec }, 'MoneyCharge'),
  ],
  'UsageRecord',
);
export type UsageRecord = t.TypeOf<typeof UsageRecord>;

/** Assign a package to a client (and optionally one of its accounts). It starts pending. */
export const AssignClientPackage = t.exact(
  t.intersection([
    t.type({
      type: t.literal('AssignClientPackage'),
      clientPackageId: EntityId,
      actor: Actor,
      at: InstantString,
      clientId: EntityId,
      package: CatalogPackage,
      startDate: InstantString,
      quantity: intBetween(1, 10_000),
      activateInPast: t.boolean,
      options: ClientPackageOptions,
    }),
    t.partial({ accountId: EntityId, endDate: InstantString }),
  ]),
  'AssignClientPackage',
);

/**
 * One package-manager run over this package: activates, renews, defers or archives it
 * as the policy says. Carries the client's balance at the run, so `decide` stays pure.
 */
export const RunPackageManager = command('RunPackageManager', { clientBalance: MoneyCodec });

/** Rate a usage record against the current period's limits. */
export const RateUsage = command('RateUsage', { usage: UsageRecord });

/** Stop at the beginning of the current period: its fees are returned and its usage goes back to normal rating. */
export const StopAtPeriodStart = command('StopAtPeriodStart', {});

/** Stop at the end of the current period: no further renewal. */
export const StopAtPeriodEnd = command('StopAtPeriodEnd', {});

/** Cancel the package now (no rollback). */
export const CancelClientPackage = command('CancelClientPackage', {});

/** Change the end date (after which the package no longer renews); `null` removes it. */
export const ChangeEndDate = command('ChangeEndDate', { endDate: t.union([InstantString, t.null]) });

/** The catalog renamed the package: shown from now on; what was recorded keeps the old name. */
export const RenameClientPackage = command('RenameClientPackage', { name: boundedText('PackageName', 200) });

/** Move a stopped, cancelled, ended or pending package to the archive. */
export const ArchiveClientPackage = command('ArchiveClientPackage', {});

/** Remove an archived package entirely: the store deletes its stream and the views drop it. */
export const DeleteClientPackage = command('DeleteClientPackage', {});

/** Every client-package command codec, by type. */
export const clientPackageCommandCodecs = {
  AssignClientPackage,
  RunPackageManager,
  RateUsage,
  StopAtPeriodStart,
  StopAtPeriodEnd,
  CancelClientPackage,
  ChangeEndDate,
  RenameClientPackage,
  ArchiveClientPackage,
  DeleteClientPackage,
} as const;

export type AssignClientPackage = t.TypeOf<typeof AssignClientPackage>;
export type RunPackageManager = t.TypeOf<typeof RunPackageManager>;
export type RateUsage = t.TypeOf<typeof RateUsage>;
export type ClientPackageCommand = t.TypeOf<(typeof clientPackageCommandCodecs)[keyof typeof clientPackageCommandCodecs]>;
export type ClientPackageCommandType = ClientPackageCommand['type'];

/** Decodes untrusted input into a client-package command; never throws, lists every bad field. */
export const decodeClientPackageCommand = (input: unknown): Either<DecodeError, ClientPackageCommand> =>
  decodeTagged('ClientPackageCommand', clientPackageCommandCodecs as unknown as Record<ClientPackageCommandType, t.Type<ClientPackageCommand, unknown, unknown>>, input);
