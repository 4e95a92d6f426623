import type { Credits, EntityId, Instant, Money } from '../kernel';
import type { PersistentMap } from '../kernel/persistent-map';
import type { ExpiryWarning, InvoiceLine, Owner } from './commands';

/** What the pack remembers of a consumption: its content (to spot a reused id) and what was refunded. */
export interface ConsumptionRecord {
  readonly credits: Credits;
  readonly projectId: EntityId;
  readonly productId: EntityId;
  readonly invoiceLine: InvoiceLine | undefined;
  readonly refunded: Credits;
}

/** What the pack remembers of a refund, to spot a reused refund id. */
export interface RefundRecord {
  readonly consumptionId: EntityId;
  readonly credits: Credits;
}

/**
 * `active`: usable until its expiry instant. `exhausted`: balance zero (a refund or a
 * correction can make it active again). `expired` and `cancelled` are final.
 */
export type PackStatus = 'active' | 'exhausted' | 'expired' | 'cancelled';

/** A pack that has been issued. */
export interface IssuedPack {
  readonly kind: 'issued';
  readonly packId: EntityId;
  readonly orderId: EntityId;
  readonly name: string;
  readonly owner: Owner;
  readonly price: Money;
  readonly linkedProducts: readonly EntityId[];
  readonly relationshipManagerId: EntityId;
  readonly projectManagerId: EntityId;
  readonly invoiceContactId: EntityId;
  readonly issuedAt: Instant;
  readonly expiresAt: Instant;
  /** Credits on the order. */
  readonly issuedCredits: Credits;
  /** Credits the pack is worth now: issued, as corrected by the Accounts team. */
  readonly creditValue: Credits;
  readonly consumed: Credits;
  readonly refunded: Credits;
  /** Credits moved to a new pack by a reissue. */
  readonly transferred: Credits;
  /** creditValue + refunded - consumed - transferred. */
  readonly remaining: Credits;
  /** Balance lost to expiry or cancellation (kept in `remaining` for the record, no longer usable). */
  readonly forfeited: Credits;
  readonly status: PackStatus;
  readonly creditStatus: string;
  readonly specialNotes: string;
  readonly consumptions: PersistentMap<ConsumptionRecord, EntityId>;
  readonly refunds: PersistentMap<RefundRecord, EntityId>;
  /** Keys of expiry warnings already recorded: `before_expiry:30`, `after_expiry`. */
  readonly warningsRecorded: ReadonlySet<string>;
  readonly reissuedFrom: EntityId | undefined;
  readonly reissuedTo: { readonly newPackId: EntityId; readonly newOwner: Owner } | undefined;
  readonly cancelReason: string | undefined;
}

/** The state of a credit-pack stream: nothing yet, or an issued pack. */
export type CreditPackState = { readonly kind: 'none' } | IssuedPack;

/** The state of a stream with no events. */
export const initialCreditPackState: CreditPackState = { kind: 'none' };

/** The key under which an expiry warning is remembered, so each is recorded at most once. */
export const warningKey = (w: ExpiryWarning): string => (w.type === 'before_expiry' ? `before_expiry:${w.daysBefore}` : 'after_expiry');
