import { Dec } from '@packledger/domain';
import type { CreditBalance } from './view';
import { compareText } from '../view';


/** Usable at `at`: active (not exhausted, expired or cancelled) and not past its expiry instant. */
export const isAvailable = (pack: CreditBalance, at: string): boolean => pack.status === 'active' && Date.parse(pack.expiresAt) > Date.parse(at);

/** The packs an owner holds: an office, or one user. */
export const packsOfOwner = (packs: Iterable<CreditBalance>, owner: { readonly officeId: string } | { readonly userId: string }): CreditBalance[] =>
  [...packs].filter((p) => ('userId' in owner ? p.userId === owner.userId : p.ownerType === 'office' && p.officeId === owner.officeId));

/** Total remaining credits of one owner's packs usable at `at`. */
export const availableToOwner = (packs: Iterable<CreditBalance>, owner: { readonly officeId: string } | { readonly userId: string }, at: string): string =>
  packsOfOwner(packs, owner).filter((p) => isAvailable(p, at)).reduce((sum, p) => sum.plus(p.remaining), new Dec(0)).toFixed();

/** Total remaining credits available to a client company at `at` (office and user packs). */
export const availableToClient = (packs: Iterable<CreditBalance>, companyId: string, at: string): string =>
  [...packs].filter((p) => p.companyId === companyId && isAvailable(p, at)).reduce((sum, p) => sum.plus(p.remaining), new Dec(0)).toFixed();

/** A row of an office's Credit Information tab (seed 000). */
export interface OfficeCreditRow {
  readonly packId: string;
  readonly name: string;
  readonly ownerType: 'office' | 'user';
  readonly owner: string;
  readonly remaining: string;
  readonly expiresAt: string;
  readonly status: 'active' | 'expired';
  readonly state: CreditBalance['status'];
}

/**
 * Office credit information: every pack of the office and of its users (a user-owned pack
 * records its user's office), active and expired, with owner type, remaining balance,
 * expiry and status: expired once past its expiry instant, recorded or not.
 */
export const officeCreditInformation = (packs: Iterable<CreditBalance>, officeId: string, at: string): OfficeCreditRow[] =>
  [...packs]
    .filter((p) => p.officeId === officeId)
    .sort((a, b) => compareText(a.expiresAt, b.expiresAt) || compareText(a.packId, b.packId))
    .map((p) => ({
      packId: p.packId, name: p.name, ownerType: p.ownerType, owner: p.ownerType === 'office' ? p.officeId : (p.userId ?? ''),
      remaining: p.remaining, expiresAt: p.expiresAt, status: p.status === 'expired' || Date.parse(p.expiresAt) <= Date.parse(at) ? 'expired' : 'active', state: p.status,
    }));

/** What the invoice drop-down needs to know of a project (seed 001). */
export interface ProjectForCredits {
  readonly companyId: string;
  readonly officeId: string;
  readonly contactUserIds: readonly string[];
  readonly productId: string;
}

/**
 * Packs available for a project or an invoice line: eligible (the project's office for
 * office packs, a project contact for user packs), the product linked, usable at `at`,
 * soonest-expiring first. The same rules as the decider's, so a pack offered here is one
 * `ConsumeCredits` accepts.
 */
export const packsAvailableFor = (packs: Iterable<CreditBalance>, project: ProjectForCredits, at: string): CreditBalance[] =>
  [...packs]
    .filter((p) => p.companyId === project.companyId && isAvailable(p, at) && p.linkedProducts.includes(project.productId))
    .filter((p) => (p.ownerType === 'office' ? p.officeId === project.officeId : p.userId !== null && project.contactUserIds.includes(p.userId)))
    .sort((a, b) => compareText(a.expiresAt, b.expiresAt) || compareText(a.packId, b.packId));
