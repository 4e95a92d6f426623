import * as E from 'fp-ts/Either';
import { actorLabel, type Actor, type ClientRole, type StaffRole } from '../kernel';
import { refuseCreditOrder, type CreditOrderError } from './errors';

/** What an actor may do with credit orders. */
export type CreditOrderPermission =
  | 'credit-order:place'
  | 'credit-order:confirm'
  | 'credit-order:edit-details'
  | 'credit-order:correct-credits'
  | 'credit-order:replace-pack'
  | 'credit-order:cancel-confirmed'
  | 'credit-order:record-progress';

interface CreditOrderGrant {
  /** Staff roles that hold the permission; `'any'` means every staff member. */
  readonly staff: readonly StaffRole[] | 'any';
  /** Client Hub roles that hold it, for their own company's orders only. */
  readonly client: readonly ClientRole[];
  /** The scheduler (the credit-order saga) may do it. */
  readonly system: boolean;
}

/**
 * Who may do what (seeds 000 and 002). Sales, relationship managers and the Accounts team
 * place and confirm deals; a Client Hub Accounts or Admin user may "place orders for more
 * work" for their own company (and correct or withdraw them until staff confirm), a Client
 * Hub User may not. After confirmation: any staff member fixes the name and managers; only
 * Accounts fixes the credit value; sales or Accounts replace the pack (owner, products,
 * expiry) and cancel; only the saga records its own steps. Whoever may place an order may
 * correct or cancel it before it is confirmed.
 */
export const creditOrderGrants: { readonly [P in CreditOrderPermission]: CreditOrderGrant } = {
  'credit-order:place': { staff: ['sales', 'relationship_manager', 'accounts'], client: ['accounts', 'admin'], system: false },
  'credit-order:confirm': { staff: ['sales', 'relationship_manager', 'accounts'], client: [], system: false },
  'credit-order:edit-details': { staff: 'any', client: [], system: false },
  'credit-order:correct-credits': { staff: ['accounts'], client: [], system: false },
  'credit-order:replace-pack': { staff: ['sales', 'accounts'], client: [], system: false },
  'credit-order:cancel-confirmed': { staff: ['sales', 'accounts'], client: [], system: false },
  'credit-order:record-progress': { staff: [], client: [], system: true },
};

const who = (grant: CreditOrderGrant): string => {
  const parts: string[] = [];
  if (grant.staff === 'any') parts.push('any staff member');
  else if (grant.staff.length > 0) parts.push(`staff with role ${grant.staff.join(' or ')}`);
  if (grant.client.length > 0) parts.push(`a Client Hub ${grant.client.join(' or ')} user of the order's company`);
  if (grant.system) parts.push('the credit-order saga');
  return parts.join(', or ');
};

/** Allowed, or a `forbidden` refusal naming the missing permission and who holds it. `companyIds`: the companies the order concerns. */
export const authorizeCreditOrder = (actor: Actor, permission: CreditOrderPermission, companyIds: readonly string[]): E.Either<CreditOrderError, void> => {
  const grant = creditOrderGrants[permission];
  const allowed =
    actor.kind === 'staff'
      ? actor.roles.length > 0 && (grant.staff === 'any' || actor.roles.some((r) => (grant.staff as readonly StaffRole[]).includes(r)))
      : actor.kind === 'client'
        ? grant.client.includes(actor.role) && companyIds.every((c) => c === actor.companyId)
        : grant.system;
  if (allowed) return E.right(undefined);
  const otherCompany = actor.kind === 'client' && grant.client.includes(actor.role);
  return E.left(
    refuseCreditOrder(
      'forbidden',
      { permission, actor: actorLabel(actor), companyIds },
      otherCompany
        ? `${actorLabel(actor)} may not order credits for another company: permission ${permission} covers only your own company's orders.`
        : actor.kind === 'client' && actor.role === 'user'
          ? `${actorLabel(actor)} is a Client Hub User and lacks permission ${permission}; ask your company's Accounts or Admin user, or your relationship manager. It is held by ${who(grant)}.`
          : `${actorLabel(actor)} lacks permission ${permission}; it is held by ${who(grant)}.`,
    ),
  );
};
