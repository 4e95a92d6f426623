import type { ExpiryWarning, Owner } from '@packledger/domain';

/** The stored event an intent was made from: one intent per event, never two. */
export interface IntentSource {
  readonly eventId: string;
  readonly stream: string;
  /** The event's global position, as a decimal string (JSON has no bigint). */
  readonly position: string;
}

/**
 * A pack's expiry warning, to be sent to the pack's owner (an office: whoever the host mails
 * for it; or one user), the invoice contact and the relationship manager. It says which
 * pack, what is left of it and when it expires (or expired).
 */
export interface ExpiryWarningIntent {
  readonly id: string;
  readonly kind: 'expiry_warning';
  readonly source: IntentSource;
  readonly recipients: {
    readonly owner: Owner;
    readonly invoiceContactId: string;
    readonly relationshipManagerId: string;
  };
  readonly pack: { readonly packId: string; readonly name: string; readonly orderId: string };
  readonly warning: ExpiryWarning;
  /** Credits left when the warning was recorded (forfeited, for the warning after expiry). */
  readonly remaining: string;
  readonly expiresAt: string;
  readonly recordedAt: string;
}

/** A credit order's invoice request, to be sent to its invoice contact. */
export interface InvoiceRequestIntent {
  readonly id: string;
  readonly kind: 'invoice_request';
  readonly source: IntentSource;
  readonly recipients: { readonly invoiceContactId: string };
  readonly order: { readonly orderId: string; readonly packId: string; readonly name: string };
  readonly credits: string;
  readonly price: { readonly amount: string; readonly currency: string };
  readonly recordedAt: string;
}

/** Something the host is to tell someone: plain JSON, ready for a durable outbox. */
export type NotificationIntent = ExpiryWarningIntent | InvoiceRequestIntent;
