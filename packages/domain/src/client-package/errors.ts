import * as E from 'fp-ts/Either';
import { actorLabel, domainError, type Actor, type DomainError } from '../kernel';

/** Every code a client-package command can be refused (or a package-manager run reported) with. */
export type ClientPackageErrorCode =
  | 'forbidden'
  | 'client_package_not_found'
  | 'client_package_exists'
  | 'client_package_deleted'
  | 'end_date_before_start'
  | 'fee_currency_mismatch'
  | 'duplicate_limit'
  | 'start_date_not_reached'
  | 'insufficient_balance'
  | 'balance_currency_mismatch'
  | 'package_not_active'
  | 'usage_before_current_period'
  | 'period_not_renewed'
  | 'package_ended'
  | 'usage_id_conflict'
  | 'package_still_active'
  | 'not_archived'
  | 'package_closed';

/** A refused client-package command: a code, the facts and what to do. */
export type ClientPackageError = DomainError<ClientPackageErrorCode, Readonly<Record<string, unknown>>>;

export const refuseClientPackage = (code: ClientPackageErrorCode, facts: Readonly<Record<string, unknown>>, message: string): ClientPackageError =>
  domainError(code, facts, message);

/**
 * Staff manage client packages; the package manager and usage rating run as the system
 * (staff may run them by hand). Clients do not manage telecom packages themselves.
 */
export const authorizeClientPackage = (actor: Actor, action: 'manage' | 'run'): E.Either<ClientPackageError, void> => {
  const allowed = actor.kind === 'staff' ? actor.roles.length > 0 : actor.kind === 'system' ? action === 'run' : false;
  return allowed
    ? E.right(undefined)
    : E.left(refuseClientPackage('forbidden', { actor: actorLabel(actor), permission: `client-package:${action}` },
      `${actorLabel(actor)} lacks permission client-package:${action}; it is held by staff${action === 'run' ? ' and the package manager' : ''}.`));
};
