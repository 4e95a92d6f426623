import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ExpiryRule } from '../credit-pack/commands';
import { isBefore, type EntityId, type Instant } from '../kernel';
import type {
  ApplyCreditOrderCorrection,
  CancelCreditOrder,
  CompleteCreditOrderCancellation,
  ConfirmCreditOrder,
  CorrectCreditOrder,
  CreditOrderCommand,
  PlaceCreditOrder,
  RecordCreditOrderInvoiceRequest,
  RecordCreditOrderPackIssued,
  RejectCreditOrderCancellation,
  RejectCreditOrderCorrection,
} from './commands';
import { refuseCreditOrder, type CreditOrderError } from './errors';
import type { CreditOrderCorrectionMode, CreditOrderEvent } from './events';
import { authorizeCreditOrder } from './permissions';
import { changedCreditOrderTerms as changedTerms, type CreditOrderTerm } from './terms';
import {
  correctedCreditOrderTerms,
  creditOrderCorrectionKey,
  creditOrderExpiryInstant,
  type CreditOrder,
  type CreditOrderConfirmation,
  type CreditOrderState,
  type CreditOrderTerms,
  type PendingCreditOrderCancellation,
  type PendingCreditOrderCorrection,
} from './state';

type Decision = E.Either<CreditOrderError, readonly CreditOrderEvent[]>;

const NOTHING: readonly CreditOrderEvent[] = [];
const accept = (...events: CreditOrderEvent[]): Decision => E.right(events);

const found = (state: CreditOrderState, orderId: string): E.Either<CreditOrderError, CreditOrder> =>
  state.kind === 'order'
    ? E.right(state)
    : E.left(refuseCreditOrder('order_not_found', { orderId }, `No credit order ${orderId} has been placed; check the order id.`));

const notCancelled = (order: CreditOrder, doing: string): E.Either<CreditOrderError, CreditOrder> =>
  order.status === 'cancelled'
    ? E.left(refuseCreditOrder('order_cancelled', { orderId: order.orderId }, `Credit order ${order.orderId} was cancelled; you cannot ${doing} it. Place a new order.`))
    : E.right(order);

/** The order's work (issue, invoice, a correction or a cancellation) is still being carried out. */
const idle = (order: CreditOrder): E.Either<CreditOrderError, CreditOrder> => {
  if (order.status !== 'confirmed') return E.right(order);
  const work = order.pending?.kind ?? (!order.packIssued || !order.invoiceRequested ? 'confirmation' : undefined);
  return work === undefined
    ? E.right(order)
    : E.left(refuseCreditOrder('order_busy', { orderId: order.orderId, work },
      `Credit order ${order.orderId} is still carrying out its ${work} on pack ${order.packId}; send this again once it is done (resume the order's work, or let the next tick do it).`));
};

const terms = (c: PlaceCreditOrder): CreditOrderTerms => ({
  name: c.name,
  owner: c.owner,
  invoiceContactId: c.invoiceContactId,
  credits: c.credits,
  price: c.price,
  linkedProducts: [...new Set(c.linkedProducts)],
  expiryRule: c.expiry,
  relationshipManagerId: c.relationshipManagerId,
  projectManagerId: c.projectManagerId,
});

const expiryAfter = (rule: ExpiryRule, at: Instant): E.Either<CreditOrderError, void> =>
  rule.type === 'on' && !isBefore(at, rule.at)
    ? E.left(refuseCreditOrder('expiry_not_after_order', { expiresAt: rule.at, at },
      `The pack would expire at ${rule.at}, which is not after ${at}; choose a later expiry.`))
    : E.right(undefined);

const decidePlace = (c: PlaceCreditOrder, state: CreditOrderState): Decision =>
  pipe(
    authorizeCreditOrder(c.actor, 'credit-order:place', [c.owner.companyId]),
    E.chain(() => {
      const placed = terms(c);
      if (state.kind === 'order') {
        return state.packId === c.packId && changedTerms(state, placed).length === 0
          ? E.right(NOTHING)
          : E.left(refuseCreditOrder('order_already_exists', { orderId: c.orderId },
            `Credit order ${c.orderId} already exists with other terms; place the new order under a new id, or correct this one.`));
      }
      return pipe(
        expiryAfter(c.expiry, c.at),
        E.chain(() => accept({
          type: 'CreditOrderPlaced',
          data: { orderId: c.orderId, packId: c.packId, ...placed, by: c.actor, at: c.at },
        })),
      );
    }),
  );

const decideConfirm = (c: ConfirmCreditOrder, state: CreditOrderState): Decision =>
  pipe(
    found(state, c.orderId),
    E.chainFirst((order) => authorizeCreditOrder(c.actor, 'credit-order:confirm', [order.owner.companyId])),
    E.chain((order) => notCancelled(order, 'confirm')),
    E.chain((order) => {
      if (order.status === 'confirmed') return E.right(NOTHING);
      const expiresAt = creditOrderExpiryInstant(order.expiryRule, c.at);
      if (!isBefore(c.at, expiresAt)) {
        return E.left(refuseCreditOrder('expiry_not_after_issue', { orderId: order.orderId, expiresAt, at: c.at },
          `Confirmed now, the pack would expire at ${expiresAt}, not after it is issued (${c.at}); correct the order's expiry first.`));
      }
      return accept({ type: 'CreditOrderConfirmed', data: { orderId: order.orderId, packId: order.packId, expiresAt, by: c.actor, at: c.at } });
    }),
  );

/** Terms the invoice was requested for: correcting them after confirmation is the Accounts team's work with the client. */
const INVOICED: readonly CreditOrderTerm[] = ['price', 'invoiceContactId'];

const correctionMode = (
  c: CorrectCreditOrder,
  order: CreditOrder,
  confirmation: CreditOrderConfirmation,
  target: CreditOrderTerms,
): E.Either<CreditOrderError, CreditOrderCorrectionMode> => {
  const companies = [order.owner.companyId, target.owner.companyId];
  const changed = changedTerms(order, target);
  if (changed.length === 0) {
    return E.left(refuseCreditOrder('nothing_to_correct', { orderId: order.orderId }, `The correction changes nothing on credit order ${order.orderId}.`));
  }
  const invoiced = changed.filter((f) => INVOICED.includes(f));
  if (invoiced.length > 0) {
    return E.left(refuseCreditOrder('invoice_already_requested', { orderId: order.orderId, fields: invoiced, invoiceContactId: order.invoiceContactId },
      `The invoice for credit order ${order.orderId} was already requested from contact ${order.invoiceContactId} for ${order.price.amount.toFixed()} ${order.price.currency}; its ${invoiced.join(' and ')} cannot change with the order. Contact the Accounts team to balance the invoiced amount with the client (or cancel this order, if its pack is unused, and place a new one).`));
  }
  const creditsChanged = changed.includes('credits');
  if (creditsChanged) {
    const allowed = authorizeCreditOrder(c.actor, 'credit-order:correct-credits', companies);
    if (E.isLeft(allowed)) return allowed;
  }
  // An expiry rule written differently but ending on the same instant does not touch the pack.
  const expiresAt = creditOrderExpiryInstant(target.expiryRule, confirmation.at);
  const replaced: CreditOrderTerm[] = changed.filter((f) => f === 'owner' || f === 'linkedProducts');
  if (expiresAt !== confirmation.expiresAt) replaced.push('expiryRule');
  if (replaced.length === 0 && !creditsChanged) return E.right('details');
  if (!isBefore(c.at, confirmation.expiresAt)) {
    return E.left(refuseCreditOrder('pack_expired', { orderId: order.orderId, packId: order.packId, expiresAt: confirmation.expiresAt },
      `Pack ${order.packId} of credit order ${order.orderId} expired at ${confirmation.expiresAt}; an expired pack is not corrected. Contact the Accounts team.`));
  }
  if (replaced.length === 0) return E.right('credit_value');
  const allowed = authorizeCreditOrder(c.actor, 'credit-order:replace-pack', companies);
  if (E.isLeft(allowed)) return allowed;
  if (target.owner.companyId !== order.owner.companyId) {
    return E.left(refuseCreditOrder('owner_company_change', { orderId: order.orderId, companyId: order.owner.companyId, newCompanyId: target.owner.companyId },
      `Credit order ${order.orderId} was sold to company ${order.owner.companyId}; its credits cannot move to company ${target.owner.companyId}. Cancel this order (if its pack is unused) and place one for the other company.`));
  }
  if (!isBefore(c.at, expiresAt)) {
    return E.left(refuseCreditOrder('expiry_not_after_issue', { orderId: order.orderId, expiresAt, at: c.at },
      `The corrected pack would expire at ${expiresAt}, not after ${c.at}; choose a later expiry.`));
  }
  if (c.newPackId === undefined) {
    return E.left(refuseCreditOrder('new_pack_id_required', { orderId: order.orderId, fields: replaced },
      `Correcting the ${replaced.join(', ')} of a confirmed order replaces its pack ${order.packId}; give the new pack's id as newPackId.`));
  }
  if (c.newPackId === order.packId || order.replacedPackIds.includes(c.newPackId)) {
    return E.left(refuseCreditOrder('new_pack_id_in_use', { orderId: order.orderId, newPackId: c.newPackId },
      `Pack id ${c.newPackId} was already used by credit order ${order.orderId}; give the replacement pack an id of its own.`));
  }
  return E.right('replace_pack');
};

const decideCorrect = (c: CorrectCreditOrder, state: CreditOrderState): Decision =>
  pipe(
    found(state, c.orderId),
    E.chain((order) => {
      const earlier = order.corrections.get(c.correctionId);
      if (earlier !== undefined) {
        return earlier === creditOrderCorrectionKey(c.changes)
          ? E.right(NOTHING)
          : E.left(refuseCreditOrder('correction_id_conflict', { orderId: order.orderId, correctionId: c.correctionId },
            `Correction ${c.correctionId} was already made with other changes; use a new correction id for a new correction.`));
      }
      return pipe(
        notCancelled(order, 'correct'),
        E.chain((): Decision => {
          const target = correctedCreditOrderTerms(order, c.changes);
          if (order.confirmation === undefined) {
            return pipe(
              authorizeCreditOrder(c.actor, 'credit-order:place', [order.owner.companyId, target.owner.companyId]),
              E.chain(() => (changedTerms(order, target).length === 0
                ? E.left(refuseCreditOrder('nothing_to_correct', { orderId: order.orderId }, `The correction changes nothing on credit order ${order.orderId}.`))
                : expiryAfter(target.expiryRule, c.at))),
              E.chain(() => accept({
                type: 'CreditOrderCorrected',
                data: { orderId: order.orderId, correctionId: c.correctionId, changes: c.changes, reason: c.reason, by: c.actor, at: c.at },
              })),
            );
          }
          const confirmation = order.confirmation;
          return pipe(
            authorizeCreditOrder(c.actor, 'credit-order:edit-details', [order.owner.companyId, target.owner.companyId]),
            E.chain(() => idle(order)),
            E.chain(() => correctionMode(c, order, confirmation, target)),
            E.chain((mode) => accept({
              type: 'CreditOrderCorrectionRequested',
              data: {
                orderId: order.orderId,
                correctionId: c.correctionId,
                changes: c.changes,
                reason: c.reason,
                mode,
                ...(c.newPackId === undefined ? {} : { newPackId: c.newPackId }),
                by: c.actor,
                at: c.at,
              },
            })),
          );
        }),
      );
    }),
  );

const decideCancel = (c: CancelCreditOrder, state: CreditOrderState): Decision =>
  pipe(
    found(state, c.orderId),
    E.chain((order) => {
      const earlier = order.cancellations.get(c.cancellationId);
      if (earlier !== undefined) {
        return earlier === c.reason
          ? E.right(NOTHING)
          : E.left(refuseCreditOrder('cancellation_id_conflict', { orderId: order.orderId, cancellationId: c.cancellationId },
            `Cancellation ${c.cancellationId} was already asked for with another reason; use a new cancellation id.`));
      }
      if (order.status === 'cancelled') return E.right(NOTHING);
      if (order.status === 'placed') {
        return pipe(
          authorizeCreditOrder(c.actor, 'credit-order:place', [order.owner.companyId]),
          E.chain(() => accept({ type: 'CreditOrderCancelled', data: { orderId: order.orderId, cancellationId: c.cancellationId, reason: c.reason, by: c.actor, at: c.at } })),
        );
      }
      return pipe(
        authorizeCreditOrder(c.actor, 'credit-order:cancel-confirmed', [order.owner.companyId]),
        E.chain(() => idle(order)),
        E.chain(() => accept({
          type: 'CreditOrderCancellationRequested',
          data: { orderId: order.orderId, cancellationId: c.cancellationId, reason: c.reason, by: c.actor, at: c.at },
        })),
      );
    }),
  );

/** A saga step: only the scheduler records one, and only on a confirmed order. */
const sagaStep = (c: { readonly orderId: string; readonly actor: CreditOrderCommand['actor'] }, state: CreditOrderState): E.Either<CreditOrderError, CreditOrder> =>
  pipe(
    found(state, c.orderId),
    E.chainFirst((order) => authorizeCreditOrder(c.actor, 'credit-order:record-progress', [order.owner.companyId])),
    E.chain((order) => (order.confirmation === undefined
      ? E.left(refuseCreditOrder('order_not_confirmed', { orderId: order.orderId }, `Credit order ${order.orderId} has not been confirmed; confirm it first.`))
      : E.right(order))),
  );

const noSuchWork = (order: CreditOrder, what: string): CreditOrderError =>
  refuseCreditOrder('no_such_work', { orderId: order.orderId, what, pending: order.pending?.kind },
    `Credit order ${order.orderId} has no ${what} under way; nothing to record.`);

/**
 * The correction under way with this id: undefined when it was already settled (a retried
 * saga step, which changes nothing), a `no_such_work` refusal when there is none.
 */
const pendingCorrection = (order: CreditOrder, correctionId: EntityId): E.Either<CreditOrderError, PendingCreditOrderCorrection | undefined> => {
  const pending = order.pending;
  if (pending?.kind === 'correction' && pending.correctionId === correctionId) return E.right(pending);
  return order.corrections.has(correctionId) ? E.right(undefined) : E.left(noSuchWork(order, `correction ${correctionId}`));
};

/** The cancellation under way with this id, as {@link pendingCorrection} does for corrections. */
const pendingCancellation = (order: CreditOrder, cancellationId: EntityId): E.Either<CreditOrderError, PendingCreditOrderCancellation | undefined> => {
  const pending = order.pending;
  if (pending?.kind === 'cancellation' && pending.cancellationId === cancellationId) return E.right(pending);
  return order.cancellations.has(cancellationId) ? E.right(undefined) : E.left(noSuchWork(order, `cancellation ${cancellationId}`));
};

const decideRecordPackIssued = (c: RecordCreditOrderPackIssued, state: CreditOrderState): Decision =>
  pipe(
    sagaStep(c, state),
    E.chain((order) => {
      if (c.packId !== order.packId) return E.left(noSuchWork(order, `issue of pack ${c.packId}`));
      if (order.packIssued) return E.right(NOTHING);
      return accept({ type: 'CreditOrderPackIssued', data: { orderId: order.orderId, packId: order.packId, by: c.actor, at: c.at } });
    }),
  );

const decideRecordInvoiceRequest = (c: RecordCreditOrderInvoiceRequest, state: CreditOrderState): Decision =>
  pipe(
    sagaStep(c, state),
    E.chain((order) => {
      if (order.invoiceRequested) return E.right(NOTHING);
      if (!order.packIssued) {
        return E.left(refuseCreditOrder('pack_not_issued', { orderId: order.orderId, packId: order.packId },
          `Pack ${order.packId} of credit order ${order.orderId} has not been issued yet; the invoice is requested after it.`));
      }
      return accept({
        type: 'CreditOrderInvoiceRequested',
        data: {
          orderId: order.orderId,
          packId: order.packId,
          invoiceContactId: order.invoiceContactId,
          name: order.name,
          credits: order.credits,
          price: order.price,
          by: c.actor,
          at: c.at,
        },
      });
    }),
  );

/**
 * A saga step that settles the pending work `find` names: nothing when it was already
 * settled, else what `settle` decides for the order and its pending work.
 */
const settlePending = <Pending>(
  c: Parameters<typeof sagaStep>[0],
  state: CreditOrderState,
  find: (order: CreditOrder) => E.Either<CreditOrderError, Pending | undefined>,
  settle: (order: CreditOrder, pending: Pending) => Decision,
): Decision =>
  pipe(
    sagaStep(c, state),
    E.chain((order) => pipe(find(order), E.chain((pending) => (pending === undefined ? E.right(NOTHING) : settle(order, pending))))),
  );

const decideApplyCorrection = (c: ApplyCreditOrderCorrection, state: CreditOrderState): Decision =>
  settlePending(c, state, (order) => pendingCorrection(order, c.correctionId), (order, pending) => {
    const replaces = pending.mode === 'replace_pack';
    if (c.packId !== (replaces ? pending.newPackId : order.packId)) return E.left(noSuchWork(order, `correction ${c.correctionId} with pack ${c.packId}`));
    return accept({
      type: 'CreditOrderCorrectionApplied',
      data: {
        orderId: order.orderId,
        correctionId: c.correctionId,
        changes: pending.changes,
        packId: c.packId,
        ...(replaces ? { replacedPackId: order.packId } : {}),
        by: c.actor,
        at: c.at,
      },
    });
  });

const decideRejectCorrection = (c: RejectCreditOrderCorrection, state: CreditOrderState): Decision =>
  settlePending(c, state, (order) => pendingCorrection(order, c.correctionId), (order) => accept({
    type: 'CreditOrderCorrectionRejected',
    data: { orderId: order.orderId, correctionId: c.correctionId, code: c.code, message: c.message, by: c.actor, at: c.at },
  }));

const decideCompleteCancellation = (c: CompleteCreditOrderCancellation, state: CreditOrderState): Decision =>
  settlePending(c, state, (order) => pendingCancellation(order, c.cancellationId), (order, pending) => accept({
    type: 'CreditOrderCancelled',
    data: { orderId: order.orderId, cancellationId: c.cancellationId, reason: pending.reason, packId: order.packId, by: c.actor, at: c.at },
  }));

const decideRejectCancellation = (c: RejectCreditOrderCancellation, state: CreditOrderState): Decision =>
  settlePending(c, state, (order) => pendingCancellation(order, c.cancellationId), (order) => accept({
    type: 'CreditOrderCancellationRejected',
    data: { orderId: order.orderId, cancellationId: c.cancellationId, code: c.code, message: c.message, by: c.actor, at: c.at },
  }));

/**
 * Decides a credit-order command against the order's state: the events it causes, or the
 * reason it is refused. Pure. It never touches the pack: after confirmation a correction or
 * a cancellation is recorded as requested, and the saga brings the pack in line and records
 * the outcome (see `@packledger/application`'s credit-order process).
 */
export const decideCreditOrder = (command: CreditOrderCommand, state: CreditOrderState): Decision => {
  switch (command.type) {
    case 'PlaceCreditOrder': return decidePlace(command, state);
    case 'ConfirmCreditOrder': return decideConfirm(command, state);
    case 'CorrectCreditOrder': return decideCorrect(command, state);
    case 'CancelCreditOrder': return decideCancel(command, state);
    case 'RecordCreditOrderPackIssued': return decideRecordPackIssued(command, state);
    case 'RecordCreditOrderInvoiceRequest': return decideRecordInvoiceRequest(command, state);
    case 'ApplyCreditOrderCorrection': return decideApplyCorrection(command, state);
    case 'RejectCreditOrderCorrection': return decideRejectCorrection(command, state);
    case 'CompleteCreditOrderCancellation': return decideCompleteCancellation(command, state);
    case 'RejectCreditOrderCancellation': return decideRejectCancellation(command, state);
  }
};
