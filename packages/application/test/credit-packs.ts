// Credit-pack commands for the application tests, decoded from JSON as a host would.
import * as E from 'fp-ts/Either';
import { decodeCreditPackCommand, type CreditPackCommand } from '@packledger/domain';

export const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;
export const accounts = { kind: 'staff', userId: 'ali', roles: ['accounts'] } as const;
export const projectManager = { kind: 'staff', userId: 'pat', roles: ['project_manager'] } as const;
export const scheduler = { kind: 'system', name: 'expiry' } as const;
export const londonOffice = { type: 'office', officeId: 'london', companyId: 'acme' } as const;
export const brandFilm = { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] } as const;

export const ISSUED_AT = '2026-01-31T10:00:00.000Z';
export const EXPIRES_AT = '2026-07-31T10:00:00.000Z';

/** Decodes a command; a fixture that does not decode is a broken test. */
export const command = (json: Record<string, unknown>): CreditPackCommand => {
  const decoded = decodeCreditPackCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

/** Issue a pack of `credits` for the London office, expiring six months after 2026-01-31. */
export const issue = (packId: string, credits = '40', overrides: Record<string, unknown> = {}): CreditPackCommand =>
  command({
    type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: 'Production pack', owner: londonOffice, credits,
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day', 'shoot-day'],
    relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
    expiry: { type: 'monthsAfterIssue', months: 6 }, actor: sales, at: ISSUED_AT, ...overrides,
  });

/** Use `credits` of the pack for an edit day on the brand film. */
export const consume = (packId: string, consumptionId: string, credits: string, overrides: Record<string, unknown> = {}): CreditPackCommand =>
  command({
    type: 'ConsumeCredits', packId, consumptionId, credits, project: brandFilm, productId: 'edit-day',
    actor: projectManager, at: '2026-02-10T12:00:00.000Z', ...overrides,
  });

/** The value of a Right; a Left fails the test with what it holds. */
export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left ${JSON.stringify(e.left, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return e.right;
};

/** The value of a Left; a Right fails the test. */
export const left = <L>(e: E.Either<L, unknown>): L => {
  if (E.isRight(e)) throw new Error('expected Left, got Right');
  return e.left;
};
