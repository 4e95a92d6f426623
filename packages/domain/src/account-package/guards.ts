import * as E from 'fp-ts/Either';
import type { Money } from '../kernel';
import { refuseAccountPackage, type AccountPackageError } from './errors';
import type { AccountPackage, AccountPackageState } from './state';

/** The package, or `package_not_found` / `package_deleted`. */
export const existingPackage = (state: AccountPackageState, accountPackageId: string): E.Either<AccountPackageError, AccountPackage> => {
  if (state.kind !== 'package') {
    return E.left(refuseAccountPackage('package_not_found', { accountPackageId }, `No account package ${accountPackageId} has been added; check the id.`));
  }
  if (state.lifecycle === 'deleted') {
    return E.left(refuseAccountPackage('package_deleted', { accountPackageId }, `Account package ${accountPackageId} was deleted; add the package again under a new id.`));
  }
  return E.right(state);
};

/** The package while it is not cancelled. */
export const openPackage = (p: AccountPackage, doing: string): E.Either<AccountPackageError, AccountPackage> =>
  p.lifecycle === 'cancelled'
    ? E.left(refuseAccountPackage('package_cancelled', { accountPackageId: p.accountPackageId, cancellationDate: p.cancellation?.date },
      `Account package ${p.accountPackageId} was cancelled on ${p.cancellation?.date ?? 'its cancellation date'}; you cannot ${doing} it. Add a new package instead.`))
    : E.right(p);

/** The package while its status is not read-only (a read-only package accepts only a status change). */
export const writablePackage = (p: AccountPackage, doing: string): E.Either<AccountPackageError, AccountPackage> =>
  p.status.readOnly
    ? E.left(refuseAccountPackage('package_read_only', { accountPackageId: p.accountPackageId, status: p.status.code },
      `Account package ${p.accountPackageId} is in the read-only status "${p.status.code}"; you cannot ${doing} it. Change its status first.`))
    : E.right(p);

/** Every amount is in the package's currency, or `currency_mismatch` naming the first that is not. */
export const sameCurrency = (expected: string, amounts: readonly { readonly what: string; readonly money: Money }[]): E.Either<AccountPackageError, void> => {
  const wrong = amounts.find((a) => a.money.currency !== expected);
  return wrong === undefined
    ? E.right(undefined)
    : E.left(refuseAccountPackage('currency_mismatch', { what: wrong.what, currency: wrong.money.currency, expected },
      `${wrong.what} is in ${wrong.money.currency}, but the package bills in ${expected}; packledger never converts currencies. Use a price in ${expected}.`));
};

/** Two records of custom fields hold the same names and values. */
export const sameFields = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};
