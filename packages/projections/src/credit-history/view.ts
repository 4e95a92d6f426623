import type Decimal from 'decimal.js';
import { actorLabel, CREDIT_PACK_STREAM_PREFIX, type CreditPackEvent } from '@packledger/domain';
import type { Positioned, View } from '../view';

/** One transaction in or out of a pack, or a fact about it (seed 000's Credit History pop-up). */
export interface CreditHistoryEntry {
  readonly position: string;
  readonly at: string;
  readonly kind: 'issued' | 'consumed' | 'refunded' | 'corrected' | 'exhausted' | 'reissued' | 'cancelled' | 'expired' | 'expiry_warning' | 'details_edited' | 'credit_status';
  /** Signed change of the balance ("+10", "-3"), empty when the balance did not move. */
  readonly credits: string;
  /** The balance after the entry, empty when the event does not state it. */
  readonly balance: string;
  readonly projectId: string | null;
  readonly invoiceId: string | null;
  readonly invoiceLineId: string | null;
  readonly by: string;
  readonly detail: string;
}

/** A pack's history: every entry in order. */
export interface CreditHistory extends Positioned {
  readonly packId: string;
  readonly entries: readonly CreditHistoryEntry[];
}

const signed = (d: Decimal): string => (d.isNegative() ? d.toFixed() : `+${d.toFixed()}`);

const entryFor = (event: CreditPackEvent, position: string): CreditHistoryEntry => {
  const base = { position, at: event.data.at, by: actorLabel(event.data.by), projectId: null, invoiceId: null, invoiceLineId: null, credits: '', balance: '' };
  switch (event.type) {
    case 'CreditPackIssued':
      return { ...base, kind: 'issued', credits: signed(event.data.credits), balance: event.data.credits.toFixed(),
        detail: event.data.reissuedFrom === undefined ? `order ${event.data.orderId}` : `reissued from pack ${event.data.reissuedFrom}` };
    case 'CreditsConsumed':
      return { ...base, kind: 'consumed', credits: signed(event.data.credits.negated()), balance: event.data.remaining.toFixed(), projectId: event.data.projectId,
        invoiceId: event.data.invoiceLine?.invoiceId ?? null, invoiceLineId: event.data.invoiceLine?.lineId ?? null, detail: `product ${event.data.productId}` };
    case 'CreditsRefunded':
      return { ...base, kind: 'refunded', credits: signed(event.data.credits), balance: event.data.remaining.toFixed(), projectId: event.data.projectId,
        detail: `refund of ${event.data.consumptionId}: ${event.data.reason}` };
    case 'CreditValueCorrected':
      return { ...base, kind: 'corrected', credits: signed(event.data.delta), balance: event.data.remaining.toFixed(),
        detail: `value ${event.data.previousCredits.toFixed()} -> ${event.data.correctedCredits.toFixed()}: ${event.data.reason}` };
    case 'CreditPackExhausted':
      return { ...base, kind: 'exhausted', balance: '0', detail: 'no credits left' };
    case 'CreditPackReissued':
      return { ...base, kind: 'reissued', credits: signed(event.data.transferredCredits.negated()), balance: '0',
        detail: `moved to pack ${event.data.newPackId}: ${event.data.reason}` };
    case 'CreditPackCancelled':
      return { ...base, kind: 'cancelled', detail: `${event.data.reason}; forfeited ${event.data.forfeitedCredits.toFixed()}` };
    case 'CreditPackExpired':
      return { ...base, kind: 'expired', detail: `forfeited ${event.data.forfeitedCredits.toFixed()}` };
    case 'ExpiryWarningRecorded':
      return { ...base, kind: 'expiry_warning', balance: event.data.remaining.toFixed(),
        detail: event.data.warning.type === 'before_expiry' ? `${event.data.warning.daysBefore} days before expiry` : 'after expiry' };
    case 'PackDetailsEdited':
      return { ...base, kind: 'details_edited',
        detail: (['name', 'relationshipManagerId', 'projectManagerId'] as const).flatMap((k) => (event.data[k] === undefined ? [] : [`${k}: ${event.data[k]}`])).join(', ') };
    case 'CreditStatusSet':
      return { ...base, kind: 'credit_status', detail: `${event.data.creditStatus}${event.data.specialNotes === '' ? '' : `: ${event.data.specialNotes}`}` };
  }
};

/** Credit history: one document per pack with every entry in order. */
export const creditHistory: View<CreditHistory> = {
  name: 'credit_history',
  streamPrefixes: [CREDIT_PACK_STREAM_PREFIX],
  documentId: (e) => (e.stream.startsWith(CREDIT_PACK_STREAM_PREFIX) ? (e.event as CreditPackEvent).data.packId : undefined),
  evolve: (doc, { event, position }) => {
    const e = event as CreditPackEvent;
    const at = position.toString();
    return { position: at, packId: e.data.packId, entries: [...(doc?.entries ?? []), entryFor(e, at)] };
  },
};
