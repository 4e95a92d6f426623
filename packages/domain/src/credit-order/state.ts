import type { ExpiryRule, Owner } from '../credit-pack/commands';
import { addMonthsToInstant, type Actor, type Credits, type EntityId, type Instant, type Money } from '../kernel';
import { CreditOrderChanges } from './commands';
import type { CreditOrderCorrectionMode } from './events';

/** What was sold: the terms the pack is issued with and the invoice is requested for. */
export interface CreditOrderTerms {
  readonly name: string;
  readonly owner: Owner;
  readonly invoiceContactId: EntityId;
  readonly credits: Credits;
  readonly price: Money;
  readonly linkedProducts: readonly EntityId[];
  readonly expiryRule: ExpiryRule;
  readonly relationshipManagerId: EntityId;
  readonly projectManagerId: EntityId;
}

/** A confirmation: who confirmed, when (the pack's issue instant) and when the pack expires. */
export interface CreditOrderConfirmation {
  readonly by: Actor;
  readonly at: Instant;
  readonly expiresAt: Instant;
}

/** A correction after confirmation, waiting for the pack to follow. */
export interface PendingCreditOrderCorrection {
  readonly kind: 'correction';
  readonly correctionId: EntityId;
  readonly changes: CreditOrderChanges;
  readonly reason: string;
  readonly mode: CreditOrderCorrectionMode;
  readonly newPackId: EntityId | undefined;
  readonly by: Actor;
  readonly at: Instant;
}

/** A cancellation after confirmation, waiting for the pack to be cancelled. */
export interface PendingCreditOrderCancellation {
  readonly kind: 'cancellation';
  readonly cancellationId: EntityId;
  readonly reason: string;
  readonly by: Actor;
  readonly at: Instant;
}

/** Work the saga still has to carry out on the order's pack. */
export type PendingCreditOrderWork = PendingCreditOrderCorrection | PendingCreditOrderCancellation;

/** `placed`: nothing issued yet. `confirmed`: the pack is (being) issued. `cancelled` is final. */
export type CreditOrderStatus = 'placed' | 'confirmed' | 'cancelled';

/** A credit order that has been placed. */
export interface CreditOrder extends CreditOrderTerms {
  readonly kind: 'order';
  readonly orderId: EntityId;
  /** The order's pack: the one it will issue, or the one it issued (the replacement after a correction). */
  readonly packId: EntityId;
  readonly placedBy: Actor;
  readonly placedAt: Instant;
  readonly status: CreditOrderStatus;
  readonly confirmation: CreditOrderConfirmation | undefined;
  /** The pack `packId` has been issued (saga step recorded). */
  readonly packIssued: boolean;
  /** The invoice request has been recorded (saga step, once). */
  readonly invoiceRequested: boolean;
  readonly pending: PendingCreditOrderWork | undefined;
  /** Correction ids seen, with the content they stated (to spot a reused id). */
  readonly corrections: ReadonlyMap<EntityId, string>;
  /** Cancellation ids seen, with their reason (to spot a reused id). */
  readonly cancellations: ReadonlyMap<EntityId, string>;
  /** Packs this order issued before, replaced by corrections, oldest first. */
  readonly replacedPackIds: readonly EntityId[];
}

/** The state of a credit-order stream: nothing yet, or an order. */
export type CreditOrderState = { readonly kind: 'none' } | CreditOrder;

/** The state of a stream with no events. */
export const initialCreditOrderState: CreditOrderState = { kind: 'none' };

/** When a pack issued at `issuedAt` under `rule` expires: the same computation as the pack's own. */
export const creditOrderExpiryInstant = (rule: ExpiryRule, issuedAt: Instant): Instant =>
  rule.type === 'on' ? rule.at : addMonthsToInstant(issuedAt, rule.months);

/** The terms with a correction's changes applied (linked products without repeats). */
export const correctedCreditOrderTerms = (terms: CreditOrderTerms, changes: CreditOrderChanges): CreditOrderTerms => ({
  name: changes.name ?? terms.name,
  owner: changes.owner ?? terms.owner,
  invoiceContactId: changes.invoiceContactId ?? terms.invoiceContactId,
  credits: changes.credits ?? terms.credits,
  price: changes.price ?? terms.price,
  linkedProducts: changes.linkedProducts === undefined ? terms.linkedProducts : [...new Set(changes.linkedProducts)],
  expiryRule: changes.expiry ?? terms.expiryRule,
  relationshipManagerId: changes.relationshipManagerId ?? terms.relationshipManagerId,
  projectManagerId: changes.projectManagerId ?? terms.projectManagerId,
});

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
      : value;

/**
 * The content of a correction request as one comparable string (decimals in their stored
 * form). The replacement pack id is not part of it: a retry that names another one is the
 * same correction, and the first id stands.
 */
export const creditOrderCorrectionKey = (changes: CreditOrderChanges): string => JSON.stringify(canonical(CreditOrderChanges.encode(changes)));

/** True when the order's pack has yet to be issued, invoiced, corrected or cancelled by the saga. */
export const hasPendingCreditOrderWork = (state: CreditOrderState): boolean =>
  state.kind === 'order' && state.status === 'confirmed' && (!state.packIssued || !state.invoiceRequested || state.pending !== undefined);
