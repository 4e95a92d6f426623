import * as t from 'io-ts';
import {
  EntityId,
  InstantString,
  MoneyCodec,
  PositiveCreditsString,
  boundedArray,
  boundedText,
  decodeTagged,
  intBetween,
  nonEmptyBoundedArray,
  optionalText,
  type DecodeError, messageCodecs } from '../kernel';
import type { Either } from 'fp-ts/Either';

const { command, commandWithOptions } = messageCodecs('packId');

/** A pack belongs to an office of a client company, or to one user of an office. Always stated, never inferred. */
export const Owner = t.union(
  [
    t.strict({ type: t.literal('office'), officeId: EntityId, companyId: EntityId }, 'OfficeOwner'),
    t.strict({ type: t.literal('user'), userId: EntityId, officeId: EntityId, companyId: EntityId }, 'UserOwner'),
  ],
  'Owner',
);
export type Owner = t.TypeOf<typeof Owner>;

/** The project credits pay for, as the host knows it: its company, office and contacts. */
export const Project = t.strict(
  { projectId: EntityId, companyId: EntityId, officeId: EntityId, contactUserIds: boundedArray(EntityId, 500) },
  'Project',
);
export type Project = t.TypeOf<typeof Project>;

/** When a pack expires: on a given instant, or a number of months after it is issued. */
export const ExpiryRule = t.union(
  [
    t.strict({ type: t.literal('on'), at: InstantString }, 'ExpiresOn'),
    t.strict({ type: t.literal('monthsAfterIssue'), months: intBetween(1, 120) }, 'ExpiresMonthsAfterIssue'),
  ],
  'ExpiryRule',
);
export type ExpiryRule = t.TypeOf<typeof ExpiryRule>;

/** An invoice line that credits pay for. */
export const InvoiceLine = t.strict({ invoiceId: EntityId, lineId: EntityId }, 'InvoiceLine');
export type InvoiceLine = t.TypeOf<typeof InvoiceLine>;

/** An expiry warning: a number of days before expiry, or the one warning after it. */
export const ExpiryWarning = t.union(
  [
    t.strict({ type: t.literal('before_expiry'), daysBefore: intBetween(1, 366) }, 'WarningBeforeExpiry'),
    t.strict({ type: t.literal('after_expiry') }, 'WarningAfterExpiry'),
  ],
  'ExpiryWarning',
);
export type ExpiryWarning = t.TypeOf<typeof ExpiryWarning>;

export const PackName = boundedText('PackName', 200);
export const Reason = boundedText('Reason', 1000);

/** Issue a pack from a confirmed credit order. */
export const IssueCreditPack = commandWithOptions(
  'IssueCreditPack',
  {
    orderId: EntityId,
    name: PackName,
    owner: Owner,
    credits: PositiveCreditsString,
    price: MoneyCodec,
    linkedProducts: nonEmptyBoundedArray(EntityId, 100),
    relationshipManagerId: EntityId,
    projectManagerId: EntityId,
    invoiceContactId: EntityId,
    expiry: ExpiryRule,
  },
  { reissuedFrom: EntityId },
);

/** Use credits of the pack to pay for a linked product on a project (optionally an invoice line). */
export const ConsumeCredits = commandWithOptions(
  'ConsumeCredits',
  { consumptionId: EntityId, credits: PositiveCreditsString, project: Project, productId: EntityId },
  { invoiceLine: InvoiceLine },
);

/** Give back credits of one consumption (all or part of it). */
export const RefundConsumption = command('RefundConsumption', {
  refundId: EntityId,
  consumptionId: EntityId,
  credits: PositiveCreditsString,
  reason: Reason,
});

/** Accounts team: the pack's credit value was wrong; state the value it should have. */
export const CorrectCreditValue = command('CorrectCreditValue', { correctedCredits: PositiveCreditsString, reason: Reason });

/** Change the relationship manager, project manager or name. */
export const EditPackDetails = commandWithOptions(
  'EditPackDetails',
  {},
  { name: PackName, relationshipManagerId: EntityId, projectManagerId: EntityId },
);

/** Set the credit status and special notes used during credit drives (empty strings clear them). */
export const SetCreditStatus = command('SetCreditStatus', {
  creditStatus: optionalText('CreditStatus', 100),
  specialNotes: optionalText('SpecialNotes', 2000),
});

/** A plain owner change: always refused, with directions to {@link ReissueToNewOwner}. */
export const ChangeOwner = command('ChangeOwner', { newOwner: Owner });

/** Accounts team: cancel this pack and issue its remaining balance as a new pack to a new owner. */
export const ReissueToNewOwner = command('ReissueToNewOwner', { newPackId: EntityId, newOwner: Owner, reason: Reason });

/** The credit order was cancelled: the pack can no longer be used. */
export const CancelPack = command('CancelPack', { reason: Reason });

/** Record that the pack has expired and forfeit its remaining balance. */
export const ExpirePack = command('ExpirePack', {});

/** Record that an expiry warning went out (at most once per warning). */
export const RecordExpiryWarning = command('RecordExpiryWarning', { warning: ExpiryWarning });

/** Every credit-pack command codec, by type. */
export const creditPackCommandCodecs = {
  IssueCreditPack,
  ConsumeCredits,
  RefundConsumption,
  CorrectCreditValue,
  EditPackDetails,
  SetCreditStatus,
  ChangeOwner,
  ReissueToNewOwner,
  CancelPack,
  ExpirePack,
  RecordExpiryWarning,
} as const;

export type IssueCreditPack = t.TypeOf<typeof IssueCreditPack>;
export type ConsumeCredits = t.TypeOf<typeof ConsumeCredits>;
export type RefundConsumption = t.TypeOf<typeof RefundConsumption>;
export type CorrectCreditValue = t.TypeOf<typeof CorrectCreditValue>;
export type EditPackDetails = t.TypeOf<typeof EditPackDetails>;
export type SetCreditStatus = t.TypeOf<typeof SetCreditStatus>;
export type ChangeOwner = t.TypeOf<typeof ChangeOwner>;
export type ReissueToNewOwner = t.TypeOf<typeof ReissueToNewOwner>;
export type CancelPack = t.TypeOf<typeof CancelPack>;
export type ExpirePack = t.TypeOf<typeof ExpirePack>;
export type RecordExpiryWarning = t.TypeOf<typeof RecordExpiryWarning>;

/** Any credit-pack command. */
export type CreditPackCommand = t.TypeOf<(typeof creditPackCommandCodecs)[keyof typeof creditPackCommandCodecs]>;
export type CreditPackCommandType = CreditPackCommand['type'];

/** The codec of any credit-pack command (a union; prefer {@link decodeCreditPackCommand} for input). */
export const CreditPackCommand = t.union(
  [IssueCreditPack, ConsumeCredits, RefundConsumption, CorrectCreditValue, EditPackDetails, SetCreditStatus, ChangeOwner, ReissueToNewOwner, CancelPack, ExpirePack, RecordExpiryWarning],
  'CreditPackCommand',
);

/**
 * Decodes untrusted input (parsed JSON) into a command. Never throws; on failure the
 * error lists the path and problem of every bad field.
 */
export const decodeCreditPackCommand = (input: unknown): Either<DecodeError, CreditPackCommand> =>
  decodeTagged('CreditPackCommand', creditPackCommandCodecs as unknown as Record<CreditPackCommandType, t.Type<CreditPackCommand, unknown, unknown>>, input);
