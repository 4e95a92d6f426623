import * as E from 'fp-ts/Either';
import {
  creditPack,
  reissuedPackCommand,
  type CancelPack,
  type CorrectCreditValue,
  type CreditPackCommand,
  type CreditPackError,
  type CreditPackEvent,
  type CreditPackState,
  type EditPackDetails,
  type IssueCreditPack,
  type IssuedPack,
  type ReissueToNewOwner,
} from '../credit-pack';
import { isStaffWith, type Actor, type Decider, type EntityId, type Instant } from '../kernel';
import type { CreditOrderChanges } from './commands';
import { refuseCreditOrder, type CreditOrderError } from './errors';
import {
  correctedCreditOrderTerms,
  creditOrderExpiryInstant,
  type CreditOrder,
  type CreditOrderConfirmation,
  type CreditOrderTerms,
  type PendingCreditOrderCancellation,
  type PendingCreditOrderCorrection,
} from './state';
import { changedCreditOrderTerms, ownerLabel } from './terms';

// What an order does to its pack, as pure functions of the order (and the pack's state).
// The saga in @packledger/application sends these commands; nothing here does I/O.

/** A pack has been used once credits were consumed from it, refunded or not. */
export const creditPackUsed = (pack: IssuedPack): boolean => !pack.consumed.isZero();

/** The pack a confirmation issues: the order's terms, issued by whoever confirmed, at the confirmation instant. */
export const creditOrderPackIssue = (order: CreditOrder, confirmation: CreditOrderConfirmation): IssueCreditPack => ({
  type: 'IssueCreditPack',
  packId: order.packId,
  orderId: order.orderId,
  name: order.name,
  owner: order.owner,
  credits: order.credits,
  price: order.price,
  linkedProducts: order.linkedProducts,
  relationshipManagerId: order.relationshipManagerId,
  projectManagerId: order.projectManagerId,
  invoiceContactId: order.invoiceContactId,
  expiry: order.expiryRule,
  actor: confirmation.by,
  at: confirmation.at,
});

/** The order's terms once a pending correction is applied, and when its pack then expires. */
export const creditOrderCorrectionTarget = (
  order: CreditOrder,
  confirmation: CreditOrderConfirmation,
  changes: CreditOrderChanges,
): { readonly terms: CreditOrderTerms; readonly expiresAt: Instant } => {
  const terms = correctedCreditOrderTerms(order, changes);
  return { terms, expiresAt: creditOrderExpiryInstant(terms.expiryRule, confirmation.at) };
};

/** The reason written on a pack cancelled because a correction replaces it; the saga recognises its own cancellation by it. */
export const creditOrderReplacedPackReason = (order: CreditOrder, correction: PendingCreditOrderCorrection): string =>
  `Replaced by pack ${correction.newPackId ?? '?'} (credit order ${order.orderId}, correction ${correction.correctionId})`;

/** The reason written on a pack cancelled with its order; the saga recognises its own cancellation by it. */
export const creditOrderCancelledPackReason = (order: CreditOrder, cancellation: PendingCreditOrderCancellation): string =>
  `Credit order ${order.orderId} cancelled (${cancellation.cancellationId}): ${cancellation.reason}`.slice(0, 1000);

/** Cancel the order's unused pack, to be replaced by a correction. */
export const creditOrderReplacedPackCancel = (order: CreditOrder, correction: PendingCreditOrderCorrection): CancelPack => ({
  type: 'CancelPack', packId: order.packId, reason: creditOrderReplacedPackReason(order, correction), actor: correction.by, at: correction.at,
});

/** Cancel the order's unused pack with the order. */
export const creditOrderCancelledPackCancel = (order: CreditOrder, cancellation: PendingCreditOrderCancellation): CancelPack => ({
  type: 'CancelPack', packId: order.packId, reason: creditOrderCancelledPackReason(order, cancellation), actor: cancellation.by, at: cancellation.at,
});

/** The pack that replaces an unused one: the corrected terms, expiring at the corrected instant (counted from the confirmation). */
export const creditOrderReplacementPackIssue = (order: CreditOrder, confirmation: CreditOrderConfirmation, correction: PendingCreditOrderCorrection, newPackId: EntityId): IssueCreditPack => {
  const { terms, expiresAt } = creditOrderCorrectionTarget(order, confirmation, correction.changes);
  return {
    type: 'IssueCreditPack',
    packId: newPackId,
    orderId: order.orderId,
    name: terms.name,
    owner: terms.owner,
    credits: terms.credits,
    price: terms.price,
    linkedProducts: terms.linkedProducts,
    relationshipManagerId: terms.relationshipManagerId,
    projectManagerId: terms.projectManagerId,
    invoiceContactId: terms.invoiceContactId,
    expiry: { type: 'on', at: expiresAt },
    actor: correction.by,
    at: correction.at,
  };
};

/** Bring a pack's name and managers in line with the terms (no event when they already are). */
export const creditOrderPackDetailsEdit = (packId: EntityId, terms: CreditOrderTerms, actor: Actor, at: Instant): EditPackDetails => ({
  type: 'EditPackDetails',
  packId,
  name: terms.name,
  relationshipManagerId: terms.relationshipManagerId,
  projectManagerId: terms.projectManagerId,
  actor,
  at,
});

/** The Accounts team's correction of the pack's credit value to the order's corrected credits. */
export const creditOrderPackCreditValueCorrection = (order: CreditOrder, confirmation: CreditOrderConfirmation, correction: PendingCreditOrderCorrection): CorrectCreditValue => ({
  type: 'CorrectCreditValue',
  packId: order.packId,
  correctedCredits: creditOrderCorrectionTarget(order, confirmation, correction.changes).terms.credits,
  reason: correction.reason,
  actor: correction.by,
  at: correction.at,
});

/** A used pack's cancel-and-reissue to the corrected owner (the Accounts team's operation). */
export const creditOrderPackReissue = (order: CreditOrder, confirmation: CreditOrderConfirmation, correction: PendingCreditOrderCorrection, newPackId: EntityId): ReissueToNewOwner => ({
  type: 'ReissueToNewOwner',
  packId: order.packId,
  newPackId,
  newOwner: creditOrderCorrectionTarget(order, confirmation, correction.changes).terms.owner,
  reason: correction.reason,
  actor: correction.by,
  at: correction.at,
});

/** The second half of {@link creditOrderPackReissue}: the new pack with the old pack's remaining balance. */
export const creditOrderReissuedPackIssue = (old: IssuedPack, correction: PendingCreditOrderCorrection): IssueCreditPack | undefined =>
  old.reissuedTo === undefined
    ? undefined
    : reissuedPackCommand(old, {
      type: 'CreditPackReissued',
      data: {
        packId: old.packId,
        newPackId: old.reissuedTo.newPackId,
        newOwner: old.reissuedTo.newOwner,
        transferredCredits: old.transferred,
        reason: correction.reason,
        by: correction.by,
        at: correction.at,
      },
    });

/** How a pending correction reaches the order's pack. */
export type CreditOrderCorrectionRoute =
  | { readonly kind: 'edit_details' }
  | { readonly kind: 'correct_credit_value' }
  /** Unused pack: cancel it and issue the corrected one. */
  | { readonly kind: 'replace_unused' }
  /** Used pack, owner only, Accounts: cancel and reissue the remaining balance. */
  | { readonly kind: 'reissue' }
  | { readonly kind: 'refused'; readonly error: CreditOrderError };

const closedRefusal = (order: CreditOrder, pack: IssuedPack, doing: string): CreditOrderError =>
  refuseCreditOrder('pack_closed', { orderId: order.orderId, packId: pack.packId, status: pack.status },
    `Pack ${pack.packId} of credit order ${order.orderId} is ${pack.status === 'expired' ? 'expired' : 'cancelled'} (${pack.cancelReason ?? `expired at ${pack.expiresAt}`}); it cannot be ${doing}. Contact the Accounts team to balance the invoiced amount with the client.`);

const notIssued = (order: CreditOrder): CreditOrderError =>
  refuseCreditOrder('pack_not_issued', { orderId: order.orderId, packId: order.packId }, `Pack ${order.packId} of credit order ${order.orderId} has not been issued.`);

/**
 * How a correction after confirmation reaches the pack, given the pack's state. Names and
 * managers are edited in place and a credit value corrected in place (Accounts). A new
 * owner, products or expiry replace the pack: an unused pack is cancelled and the corrected
 * one issued; a used pack can only move its remaining balance to a new owner, by the
 * Accounts team's cancel-and-reissue; anything else is refused with guidance (seed 000).
 */
export const creditOrderCorrectionRoute = (order: CreditOrder, confirmation: CreditOrderConfirmation, correction: PendingCreditOrderCorrection, pack: CreditPackState): CreditOrderCorrectionRoute => {
  if (correction.mode === 'details') return { kind: 'edit_details' };
  if (correction.mode === 'credit_value') return { kind: 'correct_credit_value' };
  if (pack.kind !== 'issued') return { kind: 'refused', error: notIssued(order) };
  if (pack.reissuedTo !== undefined && pack.reissuedTo.newPackId === correction.newPackId) return { kind: 'reissue' };
  if (pack.status === 'cancelled' && pack.cancelReason === creditOrderReplacedPackReason(order, correction)) return { kind: 'replace_unused' };
  if (pack.status === 'cancelled' || pack.status === 'expired') return { kind: 'refused', error: closedRefusal(order, pack, 'replaced') };
  if (!creditPackUsed(pack)) return { kind: 'replace_unused' };
  const { terms } = creditOrderCorrectionTarget(order, confirmation, correction.changes);
  const changed = changedCreditOrderTerms(order, terms).filter((f) => f !== 'name' && f !== 'relationshipManagerId' && f !== 'projectManagerId');
  const facts = { orderId: order.orderId, packId: pack.packId, consumed: pack.consumed.toFixed(), remaining: pack.remaining.toFixed(), fields: changed };
  if (changed.length === 1 && changed[0] === 'owner') {
    return isStaffWith(correction.by, ['accounts'])
      ? { kind: 'reissue' }
      : {
        kind: 'refused',
        error: refuseCreditOrder('pack_used', facts,
          `Pack ${pack.packId} has been used (${pack.consumed.toFixed()} credits), so its owner cannot be corrected by replacing it. Contact the Accounts team: they move its remaining ${pack.remaining.toFixed()} credits to ${ownerLabel(terms.owner)} (cancel and reissue), and the credits already used stay on pack ${pack.packId}.`),
      };
  }
  return {
    kind: 'refused',
    error: refuseCreditOrder('pack_used', facts,
      `Pack ${pack.packId} has been used (${pack.consumed.toFixed()} credits); its ${changed.join(', ')} can no longer change with the order. Contact the Accounts team to fix the credit pack and balance the invoiced amount with the client.`),
  };
};

/** How a cancellation after confirmation reaches the pack: cancel it if unused, refuse with guidance otherwise (seed 000). */
export const creditOrderCancellationRoute = (
  order: CreditOrder,
  cancellation: PendingCreditOrderCancellation,
  pack: CreditPackState,
): { readonly kind: 'cancel_unused' } | { readonly kind: 'refused'; readonly error: CreditOrderError } => {
  if (pack.kind !== 'issued') return { kind: 'refused', error: notIssued(order) };
  if (pack.status === 'cancelled' && pack.cancelReason === creditOrderCancelledPackReason(order, cancellation)) return { kind: 'cancel_unused' };
  if (pack.status === 'cancelled' || pack.status === 'expired') return { kind: 'refused', error: closedRefusal(order, pack, 'cancelled with the order') };
  if (!creditPackUsed(pack)) return { kind: 'cancel_unused' };
  return {
    kind: 'refused',
    error: refuseCreditOrder('pack_used', { orderId: order.orderId, packId: pack.packId, consumed: pack.consumed.toFixed(), remaining: pack.remaining.toFixed() },
      `Pack ${pack.packId} of credit order ${order.orderId} has been used (${pack.consumed.toFixed()} credits), so the order cannot be cancelled. Contact the Accounts team: they fix the credit pack (refund the uses, correct its credit value, or move its remaining ${pack.remaining.toFixed()} credits to the right owner) and balance the invoiced amount with the client.`),
  };
};

/**
 * The credit-pack decider with one more rule: the command is refused once the pack has been
 * used, or is no longer open. The saga cancels a pack through it, so "cancel only while
 * unused" is decided in the pack's own stream, atomically with the cancellation (a
 * consumption that wins the race makes the cancellation fail, never both succeed).
 */
export const unusedCreditPack: Decider<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError | CreditOrderError> = {
  decide: (command, state) => {
    if (state.kind === 'issued' && creditPackUsed(state)) {
      return E.left(refuseCreditOrder('pack_used', { packId: state.packId, consumed: state.consumed.toFixed() },
        `Pack ${state.packId} has been used (${state.consumed.toFixed()} credits); it is no longer cancelled or replaced with its order.`));
    }
    if (state.kind === 'issued' && (state.status === 'cancelled' || state.status === 'expired')) {
      return E.left(refuseCreditOrder('pack_closed', { packId: state.packId, status: state.status }, `Pack ${state.packId} is already ${state.status}.`));
    }
    return creditPack.decide(command, state);
  },
  evolve: creditPack.evolve,
  initialState: creditPack.initialState,
};
