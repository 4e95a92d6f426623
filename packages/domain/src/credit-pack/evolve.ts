import { ZERO_CREDITS, type Credits } from '../kernel';
import { emptyPersistentMap, insert, lookup } from '../kernel/persistent-map';
import type { CreditPackEvent } from './events';
import { warningKey, type CreditPackState, type IssuedPack, type PackStatus } from './state';

const add = (a: Credits, b: Credits): Credits => a.plus(b) as Credits;

const balanceStatus = (pack: IssuedPack, remaining: Credits): PackStatus =>
  pack.status === 'expired' || pack.status === 'cancelled' ? pack.status : remaining.isZero() ? 'exhausted' : 'active';

/**
 * The pack after a consumption or a refund: its balance and ledgers moved. Written out field
 * by field because it runs for nearly every event of a pack, and V8 builds an object spread
 * with overrides of this pack's 27 fields about twenty times slower than a literal
 * (bench/README.md). The compiler checks every field is here.
 */
const withBalance = (s: IssuedPack, b: Pick<IssuedPack, 'consumed' | 'refunded' | 'remaining' | 'consumptions' | 'refunds'>): IssuedPack => ({
  kind: s.kind,
  packId: s.packId,
  orderId: s.orderId,
  name: s.name,
  owner: s.owner,
  price: s.price,
  linkedProducts: s.linkedProducts,
  relationshipManagerId: s.relationshipManagerId,
  projectManagerId: s.projectManagerId,
  invoiceContactId: s.invoiceContactId,
  issuedAt: s.issuedAt,
  expiresAt: s.expiresAt,
  issuedCredits: s.issuedCredits,
  creditValue: s.creditValue,
  consumed: b.consumed,
  refunded: b.refunded,
  transferred: s.transferred,
  remaining: b.remaining,
  forfeited: s.forfeited,
  status: balanceStatus(s, b.remaining),
  creditStatus: s.creditStatus,
  specialNotes: s.specialNotes,
  consumptions: b.consumptions,
  refunds: b.refunds,
  warningsRecorded: s.warningsRecorded,
  reissuedFrom: s.reissuedFrom,
  reissuedTo: s.reissuedTo,
  cancelReason: s.cancelReason,
});

/**
 * Applies one event to a pack's state. Total over every event the pack can have: an
 * event that cannot apply to the state (a bug or a corrupted stream) throws.
 */
export const evolveCreditPack = (state: CreditPackState, event: CreditPackEvent): CreditPackState => {
  if (event.type === 'CreditPackIssued') {
    const d = event.data;
    return {
      kind: 'issued',
      packId: d.packId,
      orderId: d.orderId,
      name: d.name,
      owner: d.owner,
      price: d.price,
      linkedProducts: d.linkedProducts,
      relationshipManagerId: d.relationshipManagerId,
      projectManagerId: d.projectManagerId,
      invoiceContactId: d.invoiceContactId,
      issuedAt: d.at,
      expiresAt: d.expiresAt,
      issuedCredits: d.credits,
      creditValue: d.credits,
      consumed: ZERO_CREDITS,
      refunded: ZERO_CREDITS,
      transferred: ZERO_CREDITS,
      remaining: d.credits,
      forfeited: ZERO_CREDITS,
      status: 'active',
      creditStatus: '',
      specialNotes: '',
      consumptions: emptyPersistentMap(),
      refunds: emptyPersistentMap(),
      warningsRecorded: new Set(),
      reissuedFrom: d.reissuedFrom,
      reissuedTo: undefined,
      cancelReason: undefined,
    };
  }
  if (state.kind !== 'issued') throw new Error(`${event.type} on credit pack ${event.data.packId}, which was never issued`);
  switch (event.type) {
    case 'CreditsConsumed': {
      const d = event.data;
      return withBalance(state, {
        consumed: add(state.consumed, d.credits),
        refunded: state.refunded,
        remaining: state.remaining.minus(d.credits) as Credits,
        consumptions: insert(state.consumptions, d.consumptionId, {
          credits: d.credits,
          projectId: d.projectId,
          productId: d.productId,
          invoiceLine: d.invoiceLine,
          refunded: ZERO_CREDITS,
        }),
        refunds: state.refunds,
      });
    }
    case 'CreditPackExhausted':
      return state;
    case 'CreditsRefunded': {
      const d = event.data;
      const consumption = lookup(state.consumptions, d.consumptionId);
      if (consumption === undefined) throw new Error(`refund ${d.refundId} of unknown consumption ${d.consumptionId} on pack ${d.packId}`);
      return withBalance(state, {
        consumed: state.consumed,
        refunded: add(state.refunded, d.credits),
        remaining: add(state.remaining, d.credits),
        consumptions: insert(state.consumptions, d.consumptionId, { ...consumption, refunded: add(consumption.refunded, d.credits) }),
        refunds: insert(state.refunds, d.refundId, { consumptionId: d.consumptionId, credits: d.credits }),
      });
    }
    case 'CreditValueCorrected': {
      const remaining = state.remaining.plus(event.data.delta) as Credits;
      return { ...state, creditValue: event.data.correctedCredits, remaining, status: balanceStatus(state, remaining) };
    }
    case 'PackDetailsEdited': {
      const { name, relationshipManagerId, projectManagerId } = event.data;
      return {
        ...state,
        name: name ?? state.name,
        relationshipManagerId: relationshipManagerId ?? state.relationshipManagerId,
        projectManagerId: projectManagerId ?? state.projectManagerId,
      };
    }
    case 'CreditStatusSet':
      return { ...state, creditStatus: event.data.creditStatus, specialNotes: event.data.specialNotes };
    case 'CreditPackReissued': {
      const d = event.data;
      return {
        ...state,
        transferred: add(state.transferred, d.transferredCredits),
        remaining: state.remaining.minus(d.transferredCredits) as Credits,
        status: 'cancelled',
        reissuedTo: { newPackId: d.newPackId, newOwner: d.newOwner },
        cancelReason: `reissued to a new owner: ${d.reason}`,
      };
    }
    case 'CreditPackCancelled':
      return { ...state, status: 'cancelled', forfeited: event.data.forfeitedCredits, cancelReason: event.data.reason };
    case 'CreditPackExpired':
      return { ...state, status: 'expired', forfeited: event.data.forfeitedCredits };
    case 'ExpiryWarningRecorded':
      return { ...state, warningsRecorded: new Set(state.warningsRecorded).add(warningKey(event.data.warning)) };
  }
};
