import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  CreditsString,
  DecimalString,
  EntityId,
  InstantString,
  MoneyCodec,
  PositiveCreditsString,
  decodeTagged,
  nonEmptyBoundedArray,
  optionalText,
  type DecodeError, messageCodecs } from '../kernel';
import { ExpiryRule, ExpiryWarning, InvoiceLine, Owner, PackName, Reason } from './commands';

const { event, eventWithOptions } = messageCodecs('packId');

/**
 * A pack was issued to its owner; `reissuedFrom` links it to the pack it replaces.
 * Schema v2 added `expiryRule` (see `creditPackUpcasters` for v1 data).
 */
export const CreditPackIssued = eventWithOptions(
  'CreditPackIssued',
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
    expiryRule: ExpiryRule,
    expiresAt: InstantString,
  },
  { reissuedFrom: EntityId },
);

/** Credits paid for a product on a project; `remaining` is the balance after it. */
export const CreditsConsumed = eventWithOptions(
  'CreditsConsumed',
  {
    consumptionId: EntityId,
    credits: PositiveCreditsString,
    projectId: EntityId,
    projectOfficeId: EntityId,
    productId: EntityId,
    remaining: CreditsString,
  },
  { invoiceLine: InvoiceLine },
);

/** The balance reached zero. */
export const CreditPackExhausted = event('CreditPackExhausted', {});

/** Credits of a consumption came back to the pack. */
export const CreditsRefunded = event('CreditsRefunded', {
  refundId: EntityId,
  consumptionId: EntityId,
  projectId: EntityId,
  credits: PositiveCreditsString,
  reason: Reason,
  remaining: CreditsString,
});

/** The Accounts team corrected the pack's credit value; `delta` = corrected - previous. */
export const CreditValueCorrected = event('CreditValueCorrected', {
  previousCredits: CreditsString,
  correctedCredits: PositiveCreditsString,
  delta: DecimalString,
  reason: Reason,
  remaining: CreditsString,
});

/** Relationship manager, project manager or name changed (only the changed fields are present). */
export const PackDetailsEdited = eventWithOptions('PackDetailsEdited', {}, {
  name: PackName,
  relationshipManagerId: EntityId,
  projectManagerId: EntityId,
});

/** Credit status and special notes set (credit drives). */
export const CreditStatusSet = event('CreditStatusSet', {
  creditStatus: optionalText('CreditStatus', 100),
  specialNotes: optionalText('SpecialNotes', 2000),
});

/** The pack was cancelled so that its remaining balance is issued to `newOwner` as pack `newPackId`. */
export const CreditPackReissued = event('CreditPackReissued', {
  newPackId: EntityId,
  newOwner: Owner,
  transferredCredits: CreditsString,
  reason: Reason,
});

/** The credit order was cancelled; the balance left is forfeited. */
export const CreditPackCancelled = event('CreditPackCancelled', { reason: Reason, forfeitedCredits: CreditsString });

/** The pack expired; the balance left is forfeited. */
export const CreditPackExpired = event('CreditPackExpired', { expiresAt: InstantString, forfeitedCredits: CreditsString });

/** An expiry warning was recorded for the host to send. */
export const ExpiryWarningRecorded = event('ExpiryWarningRecorded', {
  warning: ExpiryWarning,
  expiresAt: InstantString,
  remaining: CreditsString,
});

/** Every credit-pack event codec, by type. */
export const creditPackEventCodecs = {
  CreditPackIssued,
  CreditsConsumed,
  CreditPackExhausted,
  CreditsRefunded,
  CreditValueCorrected,
  PackDetailsEdited,
  CreditStatusSet,
  CreditPackReissued,
  CreditPackCancelled,
  CreditPackExpired,
  ExpiryWarningRecorded,
} as const;

export type CreditPackEventType = keyof typeof creditPackEventCodecs;

/** Schema version of each event type's `data`; bump it and register an upcaster when a shape changes. */
export const creditPackEventSchemaVersions: { readonly [K in CreditPackEventType]: number } = {
  CreditPackIssued: 2,
  CreditsConsumed: 1,
  CreditPackExhausted: 1,
  CreditsRefunded: 1,
  CreditValueCorrected: 1,
  PackDetailsEdited: 1,
  CreditStatusSet: 1,
  CreditPackReissued: 1,
  CreditPackCancelled: 1,
  CreditPackExpired: 1,
  ExpiryWarningRecorded: 1,
};

export type CreditPackIssued = t.TypeOf<typeof CreditPackIssued>;
export type CreditsConsumed = t.TypeOf<typeof CreditsConsumed>;
export type CreditPackExhausted = t.TypeOf<typeof CreditPackExhausted>;
export type CreditsRefunded = t.TypeOf<typeof CreditsRefunded>;
export type CreditValueCorrected = t.TypeOf<typeof CreditValueCorrected>;
export type PackDetailsEdited = t.TypeOf<typeof PackDetailsEdited>;
export type CreditStatusSet = t.TypeOf<typeof CreditStatusSet>;
export type CreditPackReissued = t.TypeOf<typeof CreditPackReissued>;
export type CreditPackCancelled = t.TypeOf<typeof CreditPackCancelled>;
export type CreditPackExpired = t.TypeOf<typeof CreditPackExpired>;
export type ExpiryWarningRecorded = t.TypeOf<typeof ExpiryWarningRecorded>;

/** Any credit-pack event, as decided (decimals as `Decimal`, not strings). */
export type CreditPackEvent = t.TypeOf<(typeof creditPackEventCodecs)[CreditPackEventType]>;

/** The codec of any credit-pack event; `encode` gives the JSON form stored in a stream. */
export const CreditPackEvent = t.union(
  [CreditPackIssued, CreditsConsumed, CreditPackExhausted, CreditsRefunded, CreditValueCorrected, PackDetailsEdited, CreditStatusSet, CreditPackReissued, CreditPackCancelled, CreditPackExpired, ExpiryWarningRecorded],
  'CreditPackEvent',
);

/** Decodes a stored event (its JSON form) into a typed event; never throws. */
export const decodeCreditPackEvent = (input: unknown): Either<DecodeError, CreditPackEvent> =>
  decodeTagged('CreditPackEvent', creditPackEventCodecs as unknown as Record<CreditPackEventType, t.Type<CreditPackEvent, unknown, unknown>>, input);

/** Encodes an event to its JSON form (decimals as strings). */
export const encodeCreditPackEvent = (e: CreditPackEvent): { readonly type: CreditPackEventType; readonly data: unknown } =>
  (creditPackEventCodecs[e.type] as unknown as t.Type<CreditPackEvent, { type: CreditPackEventType; data: unknown }>).encode(e);
