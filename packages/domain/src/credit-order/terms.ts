import type { ExpiryRule, Owner } from '../credit-pack/commands';
import { moneyEquals } from '../kernel';
import type { CreditOrderTerms } from './state';

/** The same owner: type, company, office and (for a user) the user. */
export const sameOwner = (a: Owner, b: Owner): boolean =>
  a.type === b.type && a.companyId === b.companyId && a.officeId === b.officeId && (a.type === 'office' || (b.type === 'user' && a.userId === b.userId));

/** How an owner reads in a message: `office london` or `user kim (office london)`. */
export const ownerLabel = (o: Owner): string => (o.type === 'office' ? `office ${o.officeId}` : `user ${o.userId} (office ${o.officeId})`);

const sameRule = (a: ExpiryRule, b: ExpiryRule): boolean =>
  a.type === 'on' ? b.type === 'on' && a.at === b.at : b.type === 'monthsAfterIssue' && a.months === b.months;

/** A term of a credit order, by name. */
export type CreditOrderTerm = keyof CreditOrderTerms;

/** The terms that differ between two versions of an order, in a fixed order. */
export const changedCreditOrderTerms = (a: CreditOrderTerms, b: CreditOrderTerms): CreditOrderTerm[] => {
  const changed: CreditOrderTerm[] = [];
  if (a.name !== b.name) changed.push('name');
  if (!sameOwner(a.owner, b.owner)) changed.push('owner');
  if (a.invoiceContactId !== b.invoiceContactId) changed.push('invoiceContactId');
  if (!a.credits.eq(b.credits)) changed.push('credits');
  if (!moneyEquals(a.price, b.price)) changed.push('price');
  if (a.linkedProducts.join('\u0000') !== b.linkedProducts.join('\u0000')) changed.push('linkedProducts');
  if (!sameRule(a.expiryRule, b.expiryRule)) changed.push('expiryRule');
  if (a.relationshipManagerId !== b.relationshipManagerId) changed.push('relationshipManagerId');
  if (a.projectManagerId !== b.projectManagerId) changed.push('projectManagerId');
  return changed;
};
