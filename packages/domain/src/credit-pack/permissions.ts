import * as E from 'fp-ts/Either';
import { actorLabel, type Actor, type ClientRole, type StaffRole } from '../kernel';
import { refuse, type CreditPackError } from './errors';

/** What an actor may do with credit packs. */
export type CreditPackPermission =
  | 'credit-pack:view'
  | 'credit-pack:issue'
  | 'credit-pack:consume'
  | 'credit-pack:refund'
  | 'credit-pack:correct-value'
  | 'credit-pack:edit'
  | 'credit-pack:reissue'
  | 'credit-pack:cancel'
  | 'credit-pack:expire'
  | 'credit-pack:record-expiry-warning';

interface Grant {
  /** Staff roles that hold the permission; `'any'` means every staff member. */
  readonly staff: readonly StaffRole[] | 'any';
  /** Client Hub roles that hold it, for their own company's packs only. */
  readonly client: readonly ClientRole[];
  /** The scheduler may do it. */
  readonly system: boolean;
}

/**
 * Who may do what (seeds 000 and 002): staff sell, manage and correct packs; only the
 * Accounts team corrects a credit value or moves a pack to a new owner; Client Hub
 * Accounts and Admin users view and use their own company's packs; a Client Hub User
 * cannot manage credit packs at all.
 */
export const creditPackGrants: { readonly [P in CreditPackPermission]: Grant } = {
  'credit-pack:view': { staff: 'any', client: ['accounts', 'admin'], system: true },
  'credit-pack:issue': { staff: ['sales', 'relationship_manager', 'accounts'], client: [], system: false },
  'credit-pack:consume': { staff: 'any', client: ['accounts', 'admin'], system: false },
  'credit-pack:refund': { staff: 'any', client: [], system: false },
  'credit-pack:correct-value': { staff: ['accounts'], client: [], system: false },
  'credit-pack:edit': { staff: 'any', client: [], system: false },
  'credit-pack:reissue': { staff: ['accounts'], client: [], system: false },
  'credit-pack:cancel': { staff: ['sales', 'accounts'], client: [], system: false },
  'credit-pack:expire': { staff: ['accounts'], client: [], system: true },
  'credit-pack:record-expiry-warning': { staff: [], client: [], system: true },
};

const who = (grant: Grant): string => {
  const parts: string[] = [];
  if (grant.staff === 'any') parts.push('any staff member');
  else if (grant.staff.length > 0) parts.push(`staff with role ${grant.staff.join(' or ')}`);
  if (grant.client.length > 0) parts.push(`a Client Hub ${grant.client.join(' or ')} user of the pack's company`);
  if (grant.system) parts.push('the scheduler');
  return parts.join(', or ');
};

/** Allowed, or a `forbidden` refusal naming the missing permission and who holds it. */
export const authorize = (actor: Actor, permission: CreditPackPermission, packCompanyId: string | undefined): E.Either<CreditPackError, void> => {
  const grant = creditPackGrants[permission];
  const allowed =
    actor.kind === 'staff'
      ? actor.roles.length > 0 && (grant.staff === 'any' || actor.roles.some((r) => (grant.staff as readonly StaffRole[]).includes(r)))
      : actor.kind === 'client'
        ? grant.client.includes(actor.role) && (packCompanyId === undefined || packCompanyId === actor.companyId)
        : grant.system;
  if (allowed) return E.right(undefined);
  const otherCompany = actor.kind === 'client' && grant.client.includes(actor.role) && packCompanyId !== actor.companyId;
  return E.left(
    refuse(
      'forbidden',
      { permission, actor: actorLabel(actor), packCompanyId },
      otherCompany
        ? `${actorLabel(actor)} may not act on a pack of another company: permission ${permission} covers only your own company's packs.`
        : `${actorLabel(actor)} lacks permission ${permission}; it is held by ${who(grant)}.`,
    ),
  );
};

/** True when the actor may see the pack of `companyId` (for read models and hosts). */
export const canViewPack = (actor: Actor, companyId: string): boolean => E.isRight(authorize(actor, 'credit-pack:view', companyId));
