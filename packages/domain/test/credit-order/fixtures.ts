import * as E from 'fp-ts/Either';
import { creditOrder, decodeCreditOrderCommand, decodeCreditOrderEvent, type CreditOrderCommand, type CreditOrderEvent } from '../../src';
import { scenario } from '../../src/testing';

export { accounts, clientAccounts, clientAdmin, clientUser, kimAsOwner, londonOffice, otherCompanyAccounts, projectManager, relationshipManager, sales } from '../credit-pack/fixtures';

/** given(history).when(command).then(events) / .thenRefuses(code) for credit orders. */
export const given = scenario(creditOrder);

/** Decodes a command from JSON, as a host would; a fixture that does not decode is a broken test. */
export const command = (json: Record<string, unknown>): CreditOrderCommand => {
  const decoded = decodeCreditOrderCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

/** Decodes an event from JSON. */
export const event = (json: Record<string, unknown>): CreditOrderEvent => {
  const decoded = decodeCreditOrderEvent(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

export const saga = { kind: 'system', name: 'credit-orders' } as const;
export const ORDER = 'order-1';
export const PACK = 'pack-1';
export const PLACED_AT = '2026-01-20T09:00:00.000Z';
export const CONFIRMED_AT = '2026-01-31T10:00:00.000Z';
export const EXPIRES_AT = '2026-07-31T10:00:00.000Z';
const office = { type: 'office', officeId: 'london', companyId: 'acme' } as const;

export const terms = {
  name: 'Production pack',
  owner: office,
  invoiceContactId: 'fay',
  credits: '40',
  price: { amount: '3800.00', currency: 'GBP' },
  linkedProducts: ['edit-day', 'shoot-day'],
  relationshipManagerId: 'sam',
  projectManagerId: 'pat',
};

const salesActor = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;

export const placeJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'PlaceCreditOrder', orderId: ORDER, packId: PACK, ...terms, expiry: { type: 'monthsAfterIssue', months: 6 }, actor: salesActor, at: PLACED_AT, ...overrides,
});

export const placedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditOrderPlaced',
  data: { orderId: ORDER, packId: PACK, ...terms, expiryRule: { type: 'monthsAfterIssue', months: 6 }, by: salesActor, at: PLACED_AT, ...overrides },
});

export const confirmJson = (overrides: Record<string, unknown> = {}) => ({ type: 'ConfirmCreditOrder', orderId: ORDER, actor: salesActor, at: CONFIRMED_AT, ...overrides });

export const confirmedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditOrderConfirmed', data: { orderId: ORDER, packId: PACK, expiresAt: EXPIRES_AT, by: salesActor, at: CONFIRMED_AT, ...overrides },
});

/** An order of 40 credits for the London office, placed by sales. */
export const placed = event(placedJson());
/** ... confirmed on Jan 31, 2026: the pack expires six months later. */
export const confirmed = event(confirmedJson());
export const packIssued = event({ type: 'CreditOrderPackIssued', data: { orderId: ORDER, packId: PACK, by: saga, at: CONFIRMED_AT } });
export const invoiceRequested = event({
  type: 'CreditOrderInvoiceRequested',
  data: { orderId: ORDER, packId: PACK, invoiceContactId: 'fay', name: 'Production pack', credits: '40', price: terms.price, by: saga, at: CONFIRMED_AT },
});
/** Placed, confirmed, pack issued and invoice requested: the saga is done. */
export const fulfilled: readonly CreditOrderEvent[] = [placed, confirmed, packIssued, invoiceRequested];

export const correctJson = (changes: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  type: 'CorrectCreditOrder', orderId: ORDER, correctionId: 'fix-1', changes, reason: 'Owner mistaken for invoice contact', actor: salesActor, at: '2026-02-05T09:00:00Z', ...overrides,
});

export const correctionRequestedJson = (changes: Record<string, unknown>, mode: string, overrides: Record<string, unknown> = {}) => ({
  type: 'CreditOrderCorrectionRequested',
  data: { orderId: ORDER, correctionId: 'fix-1', changes, reason: 'Owner mistaken for invoice contact', mode, by: salesActor, at: '2026-02-05T09:00:00.000Z', ...overrides },
});

export const cancelJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CancelCreditOrder', orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', actor: salesActor, at: '2026-02-05T09:00:00Z', ...overrides,
});
