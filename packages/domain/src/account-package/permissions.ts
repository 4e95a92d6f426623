import * as E from 'fp-ts/Either';
import { actorLabel, type Actor, type StaffRole } from '../kernel';
import { refuseAccountPackage, type AccountPackageError } from './errors';

/** What an actor may do with account packages. */
export type AccountPackagePermission =
  | 'account-package:manage'
  | 'account-package:price'
  | 'account-package:cancel'
  | 'account-package:bill'
  | 'account-package:record-usage';

interface AccountPackageGrant {
  /** Staff roles that hold the permission; `'any'` means every staff member. */
  readonly staff: readonly StaffRole[] | 'any';
  /** The scheduler (bill runs, usage feeds) may do it. */
  readonly system: boolean;
}

/**
 * Who may do what (seed 003 says only "depending on your permissions"; these are our
 * defaults): any staff member adds and configures packages and services; prices,
 * discounts and contracts belong to sales and the Accounts team, as do cancelling,
 * deleting and transferring; billing belongs to the Accounts team and the scheduler that
 * runs bill runs; usage comes from the scheduler's usage feed or the Accounts team. Client
 * Hub users (seed 002) see invoices, never account-package configuration.
 */
export const accountPackageGrants: { readonly [P in AccountPackagePermission]: AccountPackageGrant } = {
  'account-package:manage': { staff: 'any', system: false },
  'account-package:price': { staff: ['sales', 'accounts'], system: false },
  'account-package:cancel': { staff: ['sales', 'accounts'], system: false },
  'account-package:bill': { staff: ['accounts'], system: true },
  'account-package:record-usage': { staff: ['accounts'], system: true },
};

const who = (grant: AccountPackageGrant): string =>
  [grant.staff === 'any' ? 'any staff member' : `staff with role ${grant.staff.join(' or ')}`, ...(grant.system ? ['the scheduler'] : [])].join(', or ');

/** Allowed, or a `forbidden` refusal naming the missing permission and who holds it. */
export const authorizeAccountPackage = (actor: Actor, permission: AccountPackagePermission): E.Either<AccountPackageError, void> => {
  const grant = accountPackageGrants[permission];
  const allowed =
    actor.kind === 'staff'
      ? actor.roles.length > 0 && (grant.staff === 'any' || actor.roles.some((r) => (grant.staff as readonly StaffRole[]).includes(r)))
      : actor.kind === 'system' && grant.system;
  return allowed
    ? E.right(undefined)
    : E.left(refuseAccountPackage('forbidden', { permission, actor: actorLabel(actor) }, `${actorLabel(actor)} lacks permission ${permission}; it is held by ${who(grant)}.`));
};
