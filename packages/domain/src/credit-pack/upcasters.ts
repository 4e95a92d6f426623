import type { Upcasters } from '../kernel';

/**
 * Upcasters of credit-pack events.
 *
 * - `CreditPackIssued` v1 -> v2: v2 records the expiry rule the order gave (a date, or a
 *   number of months after issue) beside the resolved `expiresAt`. A v1 event knows only
 *   the instant, which is exactly the rule "expires on that instant".
 */
export const creditPackUpcasters: Upcasters = {
  CreditPackIssued: {
    1: (data) => ({ ...data, expiryRule: { type: 'on', at: data.expiresAt } }),
  },
};
