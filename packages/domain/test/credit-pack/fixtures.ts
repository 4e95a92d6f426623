import * as E from 'fp-ts/Either';
import { creditPack, decodeCreditPackCommand, decodeCreditPackEvent, type CreditPackCommand, type CreditPackEvent } from '../../src';
import { scenario } from '../../src/testing';

/** given(history).when(command).then(events) / .thenRefuses(code) for credit packs. */
export const given = scenario(creditPack);

/** Decodes a command from JSON, as a host would; a fixture that does not decode is a broken test. */
export const command = (json: Record<string, unknown>): CreditPackCommand => {
  const decoded = decodeCreditPackCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

/** Decodes an event from JSON. */
export const event = (json: Record<string, unknown>): CreditPackEvent => {
  const decoded = decodeCreditPackEvent(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

export const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;
export const accounts = { kind: 'staff', userId: 'ali', roles: ['accounts'] } as const;
export const projectManager = { kind: 'staff', userId: 'pat', roles: ['project_manager'] } as const;
export const relationshipManager = { kind: 'staff', userId: 'sam', roles: ['relationship_manager'] } as const;
export const clientAccounts = { kind: 'client', userId: 'kim', companyId: 'acme', role: 'accounts' } as const;
export const clientAdmin = { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' } as const;
export const clientUser = { kind: 'client', userId: 'lee', companyId: 'acme', role: 'user' } as const;
export const otherCompanyAccounts = { kind: 'client', userId: 'zed', companyId: 'globex', role: 'accounts' } as const;
export const scheduler = { kind: 'system', name: 'expiry' } as const;

export const PACK = 'pack-1';
export const ISSUED_AT = '2026-01-31T10:00:00.000Z';
export const EXPIRES_AT = '2026-07-31T10:00:00.000Z';
export const londonOffice = { type: 'office', officeId: 'london', companyId: 'acme' } as const;
export const kimAsOwner = { type: 'user', userId: 'kim', officeId: 'london', companyId: 'acme' } as const;

export const issueJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'IssueCreditPack',
  packId: PACK,
  orderId: 'order-1',
  name: 'Production pack',
  owner: londonOffice,
  credits: '40',
  price: { amount: '3800.00', currency: 'GBP' },
  linkedProducts: ['edit-day', 'shoot-day'],
  relationshipManagerId: 'sam',
  projectManagerId: 'pat',
  invoiceContactId: 'fay',
  expiry: { type: 'monthsAfterIssue', months: 6 },
  actor: sales,
  at: ISSUED_AT,
  ...overrides,
});

export const issuedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditPackIssued',
  data: {
    packId: PACK,
    orderId: 'order-1',
    name: 'Production pack',
    owner: londonOffice,
    credits: '40',
    price: { amount: '3800.00', currency: 'GBP' },
    linkedProducts: ['edit-day', 'shoot-day'],
    relationshipManagerId: 'sam',
    projectManagerId: 'pat',
    invoiceContactId: 'fay',
    expiryRule: { type: 'monthsAfterIssue', months: 6 },
    expiresAt: EXPIRES_AT,
    by: sales,
    at: ISSUED_AT,
    ...overrides,
  },
});

/** A pack of 40 credits for the London office, expiring six months after issue. */
export const officePackIssued = event(issuedJson());
/** The same pack owned by user kim instead. */
export const userPackIssued = event(issuedJson({ owner: kimAsOwner }));

export const brandFilm = { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] };

export const consumeJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'ConsumeCredits',
  packId: PACK,
  consumptionId: 'use-1',
  credits: '12',
  project: brandFilm,
  productId: 'edit-day',
  actor: projectManager,
  at: '2026-02-10T12:00:00.000Z',
  ...overrides,
});

export const consumedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditsConsumed',
  data: {
    packId: PACK,
    consumptionId: 'use-1',
    credits: '12',
    projectId: 'brand-film',
    projectOfficeId: 'london',
    productId: 'edit-day',
    remaining: '28',
    by: projectManager,
    at: '2026-02-10T12:00:00.000Z',
    ...overrides,
  },
});

/** 12 credits of the office pack used for the brand film. */
export const twelveConsumed = event(consumedJson());
