import type { Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import { ExpiryRule, Owner, PackName, Reason } from '../credit-pack/commands';
import {
  EntityId,
  MoneyCodec,
  PositiveCreditsString,
  boundedText,
  decodeTagged,
  nonEmptyBoundedArray,
  type DecodeError, messageCodecs } from '../kernel';

const { command, commandWithOptions } = messageCodecs('orderId');

/** What an order says of its pack: every field a correction may change. */
const orderTerms = {
  name: PackName,
  owner: Owner,
  invoiceContactId: EntityId,
  credits: PositiveCreditsString,
  price: MoneyCodec,
  linkedProducts: nonEmptyBoundedArray(EntityId, 100),
  expiry: ExpiryRule,
  relationshipManagerId: EntityId,
  projectManagerId: EntityId,
};

/**
 * What a correction states: any of the order's terms. Fields left out stay as they are;
 * fields stated may equal their earlier value.
 */
export const CreditOrderChanges = t.exact(t.partial(orderTerms), 'CreditOrderChanges');
export type CreditOrderChanges = t.TypeOf<typeof CreditOrderChanges>;

/** A refusal code and message a saga step carries back to the order (the pack's own words). */
export const CreditOrderRefusalCode = boundedText('CreditOrderRefusalCode', 100);
export const CreditOrderRefusalMessage = boundedText('CreditOrderRefusalMessage', 2000);

/**
 * Place a credit order (a deal): staff (sales, relationship manager, Accounts), or a Client
 * Hub Accounts or Admin user for their own company. `packId` is the id the pack will be
 * issued under when the order is confirmed.
 */
export const PlaceCreditOrder = command('PlaceCreditOrder', { packId: EntityId, ...orderTerms });

/** Staff confirm the deal: the pack is issued and an invoice request goes to the invoice contact. */
export const ConfirmCreditOrder = command('ConfirmCreditOrder', {});

/**
 * Correct the order. Before confirmation it changes the order alone; after, the pack follows
 * (see the rules in `docs/credit-orders.md`). `newPackId` names the pack that replaces the
 * current one when the owner, linked products or expiry change after confirmation.
 */
export const CorrectCreditOrder = commandWithOptions(
  'CorrectCreditOrder',
  { correctionId: EntityId, changes: CreditOrderChanges, reason: Reason },
  { newPackId: EntityId },
);

/** Cancel the order; after confirmation its pack is cancelled too, if it has not been used. */
export const CancelCreditOrder = command('CancelCreditOrder', { cancellationId: EntityId, reason: Reason });

/** Saga step (scheduler only): the order's pack has been issued. */
export const RecordCreditOrderPackIssued = command('RecordCreditOrderPackIssued', { packId: EntityId });

/** Saga step (scheduler only): record the invoice request to the order's invoice contact. */
export const RecordCreditOrderInvoiceRequest = command('RecordCreditOrderInvoiceRequest', {});

/** Saga step (scheduler only): the pack now matches the correction; `packId` is the order's pack from now on. */
export const ApplyCreditOrderCorrection = command('ApplyCreditOrderCorrection', { correctionId: EntityId, packId: EntityId });

/** Saga step (scheduler only): the pack refused the correction; the order stays as it was. */
export const RejectCreditOrderCorrection = command('RejectCreditOrderCorrection', {
  correctionId: EntityId,
  code: CreditOrderRefusalCode,
  message: CreditOrderRefusalMessage,
});

/** Saga step (scheduler only): the pack has been cancelled; the order is cancelled. */
export const CompleteCreditOrderCancellation = command('CompleteCreditOrderCancellation', { cancellationId: EntityId });

/** Saga step (scheduler only): the pack refused to be cancelled (it has been used); the order stays. */
export const RejectCreditOrderCancellation = command('RejectCreditOrderCancellation', {
  cancellationId: EntityId,
  code: CreditOrderRefusalCode,
  message: CreditOrderRefusalMessage,
});

/** Every credit-order command codec, by type. */
export const creditOrderCommandCodecs = {
  PlaceCreditOrder,
  ConfirmCreditOrder,
  CorrectCreditOrder,
  CancelCreditOrder,
  RecordCreditOrderPackIssued,
  RecordCreditOrderInvoiceRequest,
  ApplyCreditOrderCorrection,
  RejectCreditOrderCorrection,
  CompleteCreditOrderCancellation,
  RejectCreditOrderCancellation,
} as const;

export type PlaceCreditOrder = t.TypeOf<typeof PlaceCreditOrder>;
export type ConfirmCreditOrder = t.TypeOf<typeof ConfirmCreditOrder>;
export type CorrectCreditOrder = t.TypeOf<typeof CorrectCreditOrder>;
export type CancelCreditOrder = t.TypeOf<typeof CancelCreditOrder>;
export type RecordCreditOrderPackIssued = t.TypeOf<typeof RecordCreditOrderPackIssued>;
export type RecordCreditOrderInvoiceRequest = t.TypeOf<typeof RecordCreditOrderInvoiceRequest>;
export type ApplyCreditOrderCorrection = t.TypeOf<typeof ApplyCreditOrderCorrection>;
export type RejectCreditOrderCorrection = t.TypeOf<typeof RejectCreditOrderCorrection>;
export type CompleteCreditOrderCancellation = t.TypeOf<typeof CompleteCreditOrderCancellation>;
export type RejectCreditOrderCancellation = t.TypeOf<typeof RejectCreditOrderCancellation>;

/** Any credit-order command. */
export type CreditOrderCommand = t.TypeOf<(typeof creditOrderCommandCodecs)[keyof typeof creditOrderCommandCodecs]>;
export type CreditOrderCommandType = CreditOrderCommand['type'];

/** The commands people send (the others are the saga's steps, sent by the scheduler). */
export type CreditOrderRequest = PlaceCreditOrder | ConfirmCreditOrder | CorrectCreditOrder | CancelCreditOrder;

/** The codec of any credit-order command (a union; prefer {@link decodeCreditOrderCommand} for input). */
export const CreditOrderCommand = t.union(
  [
    PlaceCreditOrder, ConfirmCreditOrder, CorrectCreditOrder, CancelCreditOrder, RecordCreditOrderPackIssued, RecordCreditOrderInvoiceRequest,
    ApplyCreditOrderCorrection, RejectCreditOrderCorrection, CompleteCreditOrderCancellation, RejectCreditOrderCancellation,
  ],
  'CreditOrderCommand',
);

/**
 * Decodes untrusted input (parsed JSON) into a command. Never throws; on failure the error
 * lists the path and problem of every bad field.
 */
export const decodeCreditOrderCommand = (input: unknown): Either<DecodeError, CreditOrderCommand> =>
  decodeTagged('CreditOrderCommand', creditOrderCommandCodecs as unknown as Record<CreditOrderCommandType, t.Type<CreditOrderCommand, unknown, unknown>>, input);
