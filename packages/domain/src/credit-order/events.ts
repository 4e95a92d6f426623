import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import { ExpiryRule, Owner, PackName, Reason } from '../credit-pack/commands';
import {
  EntityId,
  InstantString,
  MoneyCodec,
  PositiveCreditsString,
  decodeTagged,
  nonEmptyBoundedArray,
  type DecodeError, messageCodecs } from '../kernel';
import { CreditOrderChanges, CreditOrderRefusalCode, CreditOrderRefusalMessage } from './commands';

const { event, eventWithOptions } = messageCodecs('orderId');

/** How a correction after confirmation reaches the pack: details edited, credit value corrected, or the pack replaced. */
export const CreditOrderCorrectionMode = t.keyof({ details: null, credit_value: null, replace_pack: null }, 'CreditOrderCorrectionMode');
export type CreditOrderCorrectionMode = t.TypeOf<typeof CreditOrderCorrectionMode>;

/** A credit order was placed; nothing is issued or invoiced until it is confirmed. */
export const CreditOrderPlaced = event('CreditOrderPlaced', {
  packId: EntityId,
  name: PackName,
  owner: Owner,
  invoiceContactId: EntityId,
  credits: PositiveCreditsString,
  price: MoneyCodec,
  linkedProducts: nonEmptyBoundedArray(EntityId, 100),
  expiryRule: ExpiryRule,
  relationshipManagerId: EntityId,
  projectManagerId: EntityId,
});

/** The order was corrected before confirmation (no pack exists yet). `changes` are the fields the correction stated. */
export const CreditOrderCorrected = event('CreditOrderCorrected', { correctionId: EntityId, changes: CreditOrderChanges, reason: Reason });

/** Staff confirmed the deal; the pack `packId` is due to be issued, expiring at `expiresAt`. */
export const CreditOrderConfirmed = event('CreditOrderConfirmed', { packId: EntityId, expiresAt: InstantString });

/** The order's pack has been issued (saga step). */
export const CreditOrderPackIssued = event('CreditOrderPackIssued', { packId: EntityId });

/** An invoice is to be sent to the invoice contact for the order's price (saga step, once per order). */
export const CreditOrderInvoiceRequested = event('CreditOrderInvoiceRequested', {
  packId: EntityId,
  invoiceContactId: EntityId,
  name: PackName,
  credits: PositiveCreditsString,
  price: MoneyCodec,
});

/** A correction after confirmation is under way: the pack is being brought in line (see `mode`). */
export const CreditOrderCorrectionRequested = eventWithOptions(
  'CreditOrderCorrectionRequested',
  { correctionId: EntityId, changes: CreditOrderChanges, reason: Reason, mode: CreditOrderCorrectionMode },
  { newPackId: EntityId },
);

/** The pack matches the correction; the order's terms change and `packId` is its pack from now on. */
export const CreditOrderCorrectionApplied = eventWithOptions(
  'CreditOrderCorrectionApplied',
  { correctionId: EntityId, changes: CreditOrderChanges, packId: EntityId },
  { replacedPackId: EntityId },
);

/** The pack refused the correction (`code`, `message`: what to do instead); the order is unchanged. */
export const CreditOrderCorrectionRejected = event('CreditOrderCorrectionRejected', {
  correctionId: EntityId,
  code: CreditOrderRefusalCode,
  message: CreditOrderRefusalMessage,
});

/** Cancelling a confirmed order is under way: its pack is being cancelled, if unused. */
export const CreditOrderCancellationRequested = event('CreditOrderCancellationRequested', { cancellationId: EntityId, reason: Reason });

/** The pack could not be cancelled (it has been used); the order stays confirmed. */
export const CreditOrderCancellationRejected = event('CreditOrderCancellationRejected', {
  cancellationId: EntityId,
  code: CreditOrderRefusalCode,
  message: CreditOrderRefusalMessage,
});

/** The order was cancelled; `packId` is the pack cancelled with it (absent when none had been issued). */
export const CreditOrderCancelled = eventWithOptions('CreditOrderCancelled', { cancellationId: EntityId, reason: Reason }, { packId: EntityId });

/** Every credit-order event codec, by type. */
export const creditOrderEventCodecs = {
  CreditOrderPlaced,
  CreditOrderCorrected,
  CreditOrderConfirmed,
  CreditOrderPackIssued,
  CreditOrderInvoiceRequested,
  CreditOrderCorrectionRequested,
  CreditOrderCorrectionApplied,
  CreditOrderCorrectionRejected,
  CreditOrderCancellationRequested,
  CreditOrderCancellationRejected,
  CreditOrderCancelled,
} as const;

export type CreditOrderEventType = keyof typeof creditOrderEventCodecs;

/** Schema version of each event type's `data`; bump it and register an upcaster when a shape changes. */
export const creditOrderEventSchemaVersions: { readonly [K in CreditOrderEventType]: number } = {
  CreditOrderPlaced: 1,
  CreditOrderCorrected: 1,
  CreditOrderConfirmed: 1,
  CreditOrderPackIssued: 1,
  CreditOrderInvoiceRequested: 1,
  CreditOrderCorrectionRequested: 1,
  CreditOrderCorrectionApplied: 1,
  CreditOrderCorrectionRejected: 1,
  CreditOrderCancellationRequested: 1,
  CreditOrderCancellationRejected: 1,
  CreditOrderCancelled: 1,
};

export type CreditOrderPlaced = t.TypeOf<typeof CreditOrderPlaced>;
export type CreditOrderCorrected = t.TypeOf<typeof CreditOrderCorrected>;
export type CreditOrderConfirmed = t.TypeOf<typeof CreditOrderConfirmed>;
export type CreditOrderPackIssued = t.TypeOf<typeof CreditOrderPackIssued>;
export type CreditOrderInvoiceRequested = t.TypeOf<typeof CreditOrderInvoiceRequested>;
export type CreditOrderCorrectionRequested = t.TypeOf<typeof CreditOrderCorrectionRequested>;
export type CreditOrderCorrectionApplied = t.TypeOf<typeof CreditOrderCorrectionApplied>;
export type CreditOrderCorrectionRejected = t.TypeOf<typeof CreditOrderCorrectionRejected>;
export type CreditOrderCancellationRequested = t.TypeOf<typeof CreditOrderCancellationRequested>;
export type CreditOrderCancellationRejected = t.TypeOf<typeof CreditOrderCancellationRejected>;
export type CreditOrderCancelled = t.TypeOf<typeof CreditOrderCancelled>;

/** Any credit-order event, as decided (decimals as `Decimal`, not strings). */
export type CreditOrderEvent = t.TypeOf<(typeof creditOrderEventCodecs)[CreditOrderEventType]>;

/** The codec of any credit-order event; `encode` gives the JSON form stored in a stream. */
export const CreditOrderEvent = t.union(
  [
    CreditOrderPlaced, CreditOrderCorrected, CreditOrderConfirmed, CreditOrderPackIssued, CreditOrderInvoiceRequested, CreditOrderCorrectionRequested,
    CreditOrderCorrectionApplied, CreditOrderCorrectionRejected, CreditOrderCancellationRequested, CreditOrderCancellationRejected, CreditOrderCancelled,
  ],
  'CreditOrderEvent',
);

/** Decodes a stored event (its JSON form) into a typed event; never throws. */
export const decodeCreditOrderEvent = (input: unknown): Either<DecodeError, CreditOrderEvent> =>
  decodeTagged('CreditOrderEvent', creditOrderEventCodecs as unknown as Record<CreditOrderEventType, t.Type<CreditOrderEvent, unknown, unknown>>, input);

/** Encodes an event to its JSON form (decimals as strings). */
export const encodeCreditOrderEvent = (e: CreditOrderEvent): { readonly type: CreditOrderEventType; readonly data: unknown } =>
  (creditOrderEventCodecs[e.type] as unknown as t.Type<CreditOrderEvent, { type: CreditOrderEventType; data: unknown }>).encode(e);
