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

/** One entry, built as a literal: it runs for every event of every pack in a replay. */
const entry = (
  event: CreditPackEvent, position: string, kind: CreditHistoryEntry['kind'], credits: string, balance: string, detail: string,
  projectId: string | null = null, invoiceId: string | null = null, invoiceLineId: string | null = null,
): CreditHistoryEntry => ({ position, at: event.data.at, by: actorLabel(event.data.by), projectId, invoiceId, invoiceLineId, credits, balance, kind, detail });

const entryFor = (event: CreditPackEvent, position: string): CreditHistoryEntry => {
  switch (event.type) {
    case 'CreditPackIssued':
      return entry(event, position, 'issued', signed(event.data.credits), event.data.credits.toFixed(),
        event.data.reissuedFrom === undefined ? `order ${event.data.orderId}` : `reissued from pack ${event.data.reissuedFrom}`);
    case 'CreditsConsumed':
      return entry(event, position, 'consumed', signed(event.data.credits.negated()), event.data.remaining.toFixed(), `product ${event.data.productId}`,
        event.data.projectId, event.data.invoiceLine?.invoiceId ?? null, event.data.invoiceLine?.lineId ?? null);
    case 'CreditsRefunded':
      return entry(event, position, 'refunded', signed(event.data.credits), event.data.remaining.toFixed(), `refund of ${event.data.consumptionId}: ${event.data.reason}`, event.data.projectId);
    case 'CreditValueCorrected':
      return entry(event, position, 'corrected', signed(event.data.delta), event.data.remaining.toFixed(),
        `value ${event.data.previousCredits.toFixed()} -> ${event.data.correctedCredits.toFixed()}: ${event.data.reason}`);
    case 'CreditPackExhausted':
      return entry(event, position, 'exhausted', '', '0', 'no credits left');
    case 'CreditPackReissued':
      return entry(event, position, 'reissued', signed(event.data.transferredCredits.negated()), '0', `moved to pack ${event.data.newPackId}: ${event.data.reason}`);
    case 'CreditPackCancelled':
      return entry(event, position, 'cancelled', '', '', `${event.data.reason}; forfeited ${event.data.forfeitedCredits.toFixed()}`);
    case 'CreditPackExpired':
      return entry(event, position, 'expired', '', '', `forfeited ${event.data.forfeitedCredits.toFixed()}`);
    case 'ExpiryWarningRecorded':
      return entry(event, position, 'expiry_warning', '', event.data.remaining.toFixed(),
        event.data.warning.type === 'before_expiry' ? `${event.data.warning.daysBefore} days before expiry` : 'after expiry');
    case 'PackDetailsEdited':
      return entry(event, position, 'details_edited', '', '',
        (['name', 'relationshipManagerId', 'projectManagerId'] as const).flatMap((k) => (event.data[k] === undefined ? [] : [`${k}: ${event.data[k]}`])).join(', '));
    case 'CreditStatusSet':
      return entry(event, position, 'credit_status', '', '', `${event.data.creditStatus}${event.data.specialNotes === '' ? '' : `: ${event.data.specialNotes}`}`);
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
