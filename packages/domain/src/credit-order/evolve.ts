import type { CreditOrderEvent } from './events';
import { correctedCreditOrderTerms, creditOrderCorrectionKey, creditOrderExpiryInstant, type CreditOrder, type CreditOrderState } from './state';

const withEntry = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);

/**
 * Applies one event to an order's state. Total over every event an order can have: an event
 * that cannot apply to the state (a bug or a corrupted stream) throws.
 */
export const evolveCreditOrder = (state: CreditOrderState, event: CreditOrderEvent): CreditOrderState => {
  if (event.type === 'CreditOrderPlaced') {
    const d = event.data;
    return {
      kind: 'order',
      orderId: d.orderId,
      packId: d.packId,
      name: d.name,
      owner: d.owner,
      invoiceContactId: d.invoiceContactId,
      credits: d.credits,
      price: d.price,
      linkedProducts: d.linkedProducts,
      expiryRule: d.expiryRule,
      relationshipManagerId: d.relationshipManagerId,
      projectManagerId: d.projectManagerId,
      placedBy: d.by,
      placedAt: d.at,
      status: 'placed',
      confirmation: undefined,
      packIssued: false,
      invoiceRequested: false,
      pending: undefined,
      corrections: new Map(),
      cancellations: new Map(),
      replacedPackIds: [],
    };
  }
  if (state.kind !== 'order') throw new Error(`${event.type} on credit order ${event.data.orderId}, which was never placed`);
  const order: CreditOrder = state;
  switch (event.type) {
    case 'CreditOrderCorrected': {
      const d = event.data;
      return { ...order, ...correctedCreditOrderTerms(order, d.changes), corrections: withEntry(order.corrections, d.correctionId, creditOrderCorrectionKey(d.changes)) };
    }
    case 'CreditOrderConfirmed':
      return { ...order, status: 'confirmed', confirmation: { by: event.data.by, at: event.data.at, expiresAt: event.data.expiresAt } };
    case 'CreditOrderPackIssued':
      return { ...order, packIssued: true };
    case 'CreditOrderInvoiceRequested':
      return { ...order, invoiceRequested: true };
    case 'CreditOrderCorrectionRequested': {
      const d = event.data;
      return {
        ...order,
        pending: { kind: 'correction', correctionId: d.correctionId, changes: d.changes, reason: d.reason, mode: d.mode, newPackId: d.newPackId, by: d.by, at: d.at },
        corrections: withEntry(order.corrections, d.correctionId, creditOrderCorrectionKey(d.changes)),
      };
    }
    case 'CreditOrderCorrectionApplied': {
      const d = event.data;
      const terms = correctedCreditOrderTerms(order, d.changes);
      const { confirmation } = order;
      if (confirmation === undefined) throw new Error(`correction ${d.correctionId} applied to credit order ${d.orderId}, which was never confirmed`);
      return {
        ...order,
        ...terms,
        packId: d.packId,
        replacedPackIds: d.replacedPackId === undefined ? order.replacedPackIds : [...order.replacedPackIds, d.replacedPackId],
        confirmation: { ...confirmation, expiresAt: creditOrderExpiryInstant(terms.expiryRule, confirmation.at) },
        pending: undefined,
      };
    }
    case 'CreditOrderCorrectionRejected':
    case 'CreditOrderCancellationRejected':
      return { ...order, pending: undefined };
    case 'CreditOrderCancellationRequested': {
      const d = event.data;
      return {
        ...order,
        pending: { kind: 'cancellation', cancellationId: d.cancellationId, reason: d.reason, by: d.by, at: d.at },
        cancellations: withEntry(order.cancellations, d.cancellationId, d.reason),
      };
    }
    case 'CreditOrderCancelled':
      return { ...order, status: 'cancelled', pending: undefined, cancellations: withEntry(order.cancellations, event.data.cancellationId, event.data.reason) };
  }
};
