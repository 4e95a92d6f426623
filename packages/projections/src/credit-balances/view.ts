import { Dec, CREDIT_PACK_STREAM_PREFIX, type CreditPackEvent } from '@packledger/domain';
import type { Positioned, ProjectedEvent, View } from '../view';

/** One credit pack's balance, owner, status and expiry (decimals as strings). */
export interface CreditBalance extends Positioned {
  readonly packId: string;
  readonly name: string;
  readonly companyId: string;
  readonly ownerType: 'office' | 'user';
  readonly officeId: string;
  readonly userId: string | null;
  readonly linkedProducts: readonly string[];
  readonly relationshipManagerId: string;
  readonly projectManagerId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** Credits on the order. */
  readonly issued: string;
  /** Sum of the Accounts team's corrections (may be negative). */
  readonly corrected: string;
  readonly consumed: string;
  readonly refunded: string;
  /** Moved to a new pack by a reissue. */
  readonly transferred: string;
  readonly remaining: string;
  /** Lost to expiry or cancellation. */
  readonly forfeited: string;
  readonly status: 'active' | 'exhausted' | 'expired' | 'cancelled';
  readonly creditStatus: string;
  readonly specialNotes: string;
  /** Projects the credits paid for, in order of first use. */
  readonly projects: readonly string[];
  readonly reissuedFrom: string | null;
  readonly reissuedTo: string | null;
}

const plus = (a: string, b: Dec | string): string => new Dec(a).plus(b).toFixed();
const minus = (a: string, b: Dec | string): string => new Dec(a).minus(b).toFixed();
const statusFor = (doc: CreditBalance, remaining: string): CreditBalance['status'] =>
  doc.status === 'expired' || doc.status === 'cancelled' ? doc.status : new Dec(remaining).isZero() ? 'exhausted' : 'active';

/**
 * The document after its balance moved (a consumption, refund or correction): a literal,
 * since it runs for nearly every event in a replay and V8 builds a spread with overrides
 * of these 25 fields many times slower. The compiler checks every field is here.
 */
const withBalance = (doc: CreditBalance, at: string, b: Pick<CreditBalance, 'corrected' | 'consumed' | 'refunded' | 'remaining' | 'projects'>): CreditBalance => ({
  position: at, packId: doc.packId, name: doc.name, companyId: doc.companyId, ownerType: doc.ownerType, officeId: doc.officeId, userId: doc.userId,
  linkedProducts: doc.linkedProducts, relationshipManagerId: doc.relationshipManagerId, projectManagerId: doc.projectManagerId, issuedAt: doc.issuedAt,
  expiresAt: doc.expiresAt, issued: doc.issued, corrected: b.corrected, consumed: b.consumed, refunded: b.refunded, transferred: doc.transferred,
  remaining: b.remaining, forfeited: doc.forfeited, status: statusFor(doc, b.remaining), creditStatus: doc.creditStatus, specialNotes: doc.specialNotes,
  projects: b.projects, reissuedFrom: doc.reissuedFrom, reissuedTo: doc.reissuedTo,
});

/** Folds one credit-pack event into its pack's balance document. */
export const evolveCreditBalance = (doc: CreditBalance | undefined, { event, position }: ProjectedEvent<CreditPackEvent>): CreditBalance | null => {
  const at = position.toString();
  if (event.type === 'CreditPackIssued') {
    const d = event.data;
    return {
      position: at, packId: d.packId, name: d.name, companyId: d.owner.companyId, ownerType: d.owner.type, officeId: d.owner.officeId,
      userId: d.owner.type === 'user' ? d.owner.userId : null, linkedProducts: d.linkedProducts, relationshipManagerId: d.relationshipManagerId,
      projectManagerId: d.projectManagerId, issuedAt: d.at, expiresAt: d.expiresAt, issued: d.credits.toFixed(), corrected: '0', consumed: '0',
      refunded: '0', transferred: '0', remaining: d.credits.toFixed(), forfeited: '0', status: 'active', creditStatus: '', specialNotes: '',
      projects: [], reissuedFrom: d.reissuedFrom ?? null, reissuedTo: null,
    };
  }
  if (doc === undefined) throw new Error(`${event.type} for pack ${event.data.packId} before it was issued (position ${at})`);
  switch (event.type) {
    case 'CreditsConsumed': {
      return withBalance(doc, at, {
        corrected: doc.corrected, consumed: plus(doc.consumed, event.data.credits), refunded: doc.refunded, remaining: event.data.remaining.toFixed(),
        projects: doc.projects.includes(event.data.projectId) ? doc.projects : [...doc.projects, event.data.projectId],
      });
    }
    case 'CreditsRefunded': {
      return withBalance(doc, at, { corrected: doc.corrected, consumed: doc.consumed, refunded: plus(doc.refunded, event.data.credits), remaining: event.data.remaining.toFixed(), projects: doc.projects });
    }
    case 'CreditValueCorrected': {
      return withBalance(doc, at, { corrected: plus(doc.corrected, event.data.delta), consumed: doc.consumed, refunded: doc.refunded, remaining: event.data.remaining.toFixed(), projects: doc.projects });
    }
    case 'PackDetailsEdited':
      return {
        ...doc, position: at, name: event.data.name ?? doc.name,
        relationshipManagerId: event.data.relationshipManagerId ?? doc.relationshipManagerId,
        projectManagerId: event.data.projectManagerId ?? doc.projectManagerId,
      };
    case 'CreditStatusSet':
      return { ...doc, position: at, creditStatus: event.data.creditStatus, specialNotes: event.data.specialNotes };
    case 'CreditPackReissued':
      return {
        ...doc, position: at, transferred: plus(doc.transferred, event.data.transferredCredits),
        remaining: minus(doc.remaining, event.data.transferredCredits), status: 'cancelled', reissuedTo: event.data.newPackId,
      };
    case 'CreditPackCancelled':
      return { ...doc, position: at, status: 'cancelled', forfeited: event.data.forfeitedCredits.toFixed() };
    case 'CreditPackExpired':
      return { ...doc, position: at, status: 'expired', forfeited: event.data.forfeitedCredits.toFixed() };
    case 'CreditPackExhausted':
    case 'ExpiryWarningRecorded':
      return { ...doc, position: at };
  }
};

/** Credit balances: one document per pack. */
export const creditBalances: View<CreditBalance> = {
  name: 'credit_balances',
  streamPrefixes: [CREDIT_PACK_STREAM_PREFIX],
  documentId: (e) => (e.stream.startsWith(CREDIT_PACK_STREAM_PREFIX) ? (e.event as CreditPackEvent).data.packId : undefined),
  evolve: (doc, e) => evolveCreditBalance(doc, e as ProjectedEvent<CreditPackEvent>),
};
