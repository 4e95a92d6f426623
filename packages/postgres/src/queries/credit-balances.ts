import {
  availableToClient,
  availableToOwner,
  creditBalances,
  officeCreditInformation,
  packsAvailableFor,
  packsOfOwner,
  type CreditBalance,
  type OfficeCreditRow,
  type ProjectForCredits,
} from '@packledger/projections';
import type { ReadModelDatabase } from '../read-model-store';
import { SelectionBuilder, field, instantBound, instantField, selected, type Selection } from './selection';

/** An owner of packs: an office, or one user. */
export type PackOwner = { readonly officeId: string } | { readonly userId: string };

const ownedBy = (s: SelectionBuilder, owner: PackOwner): SelectionBuilder =>
  'userId' in owner
    ? s.where(`${field('userId')} = ${s.param(owner.userId)}`)
    : s.where(`${field('ownerType')} = 'office'`).where(`${field('officeId')} = ${s.param(owner.officeId)}`);

/** Usable at `at` (`isAvailable`): active and not past its expiry. Undefined when nothing can be. */
const available = (s: SelectionBuilder, at: string): SelectionBuilder | undefined => {
  const bound = instantBound(at);
  return bound === undefined ? undefined : s.where(`${field('status')} = 'active'`).where(`${instantField('expiresAt')} > ${s.param(bound)}`);
};

/** The packs `packsAvailableFor` reads: the company's active, unexpired packs linked to the product, eligible for the project (index `balances_by_company`). */
export const packsAvailableSelection = (project: ProjectForCredits, at: string): Selection | undefined => {
  const s = new SelectionBuilder(creditBalances.name);
  s.where(`${field('companyId')} = ${s.param(project.companyId)}`);
  if (available(s, at) === undefined) return undefined;
  s.where(`(doc -> 'linkedProducts') @> jsonb_build_array(${s.param(project.productId)}::text)`);
  s.where(`CASE WHEN ${field('ownerType')} = 'office' THEN ${field('officeId')} = ${s.param(project.officeId)} ELSE ${field('userId')} = ANY (${s.param([...project.contactUserIds])}::text[]) END`);
  return s.build();
};

/** The packs of an office and of its users (index `balances_by_office`). */
export const officeSelection = (officeId: string): Selection => {
  const s = new SelectionBuilder(creditBalances.name);
  return s.where(`${field('officeId')} = ${s.param(officeId)}`).build();
};

/** The packs an owner holds (indexes `balances_by_user`, `balances_by_office`). */
export const ownerSelection = (owner: PackOwner): Selection => ownedBy(new SelectionBuilder(creditBalances.name), owner).build();

/** The packs an owner holds that are usable at `at`. */
export const ownerAvailableSelection = (owner: PackOwner, at: string): Selection | undefined => available(ownedBy(new SelectionBuilder(creditBalances.name), owner), at)?.build();

/** The packs of a company usable at `at` (index `balances_by_company`). */
export const clientAvailableSelection = (companyId: string, at: string): Selection | undefined => {
  const s = new SelectionBuilder(creditBalances.name);
  s.where(`${field('companyId')} = ${s.param(companyId)}`);
  return available(s, at)?.build();
};

/**
 * Packs available for a project or an invoice line, from PostgreSQL: exactly what
 * `packsAvailableFor` gives (same eligibility rules: the project's office for office
 * packs, a project contact for user packs, the product linked, usable at `at`; soonest
 * expiry first), reading only the company's active packs linked to the product.
 *
 * @example
 * const packs = await selectPacksAvailableFor(readModels, { companyId: 'acme', officeId: 'london', contactUserIds: ['kim'], productId: 'edit-day' }, now);
 */
export const selectPacksAvailableFor = async (db: ReadModelDatabase, project: ProjectForCredits, at: string): Promise<CreditBalance[]> =>
  packsAvailableFor(await selected<CreditBalance>(db, packsAvailableSelection(project, at)), project, at);

/**
 * An office's Credit Information tab, from PostgreSQL: exactly what
 * `officeCreditInformation` gives, reading only the office's packs.
 *
 * @example
 * const rows = await selectOfficeCreditInformation(readModels, 'london', now);
 */
export const selectOfficeCreditInformation = async (db: ReadModelDatabase, officeId: string, at: string): Promise<OfficeCreditRow[]> =>
  officeCreditInformation(await selected<CreditBalance>(db, officeSelection(officeId)), officeId, at);

/**
 * The packs an owner holds, from PostgreSQL: exactly what `packsOfOwner` gives over
 * `readModels.all('credit_balances')` (in id order).
 *
 * @example
 * const packs = await selectPacksOfOwner(readModels, { userId: 'kim' });
 */
export const selectPacksOfOwner = async (db: ReadModelDatabase, owner: PackOwner): Promise<CreditBalance[]> =>
  packsOfOwner(await selected<CreditBalance>(db, ownerSelection(owner)), owner);

/**
 * Remaining credits of one owner's packs usable at `at`, from PostgreSQL: exactly what
 * `availableToOwner` gives (summed by the same function, so with the same decimals).
 *
 * @example
 * const credits = await selectAvailableToOwner(readModels, { officeId: 'london' }, now); // '40'
 */
export const selectAvailableToOwner = async (db: ReadModelDatabase, owner: PackOwner, at: string): Promise<string> =>
  availableToOwner(await selected<CreditBalance>(db, ownerAvailableSelection(owner, at)), owner, at);

/**
 * Remaining credits available to a client company at `at`, from PostgreSQL: exactly what
 * `availableToClient` gives.
 *
 * @example
 * const credits = await selectAvailableToClient(readModels, 'acme', now); // '40'
 */
export const selectAvailableToClient = async (db: ReadModelDatabase, companyId: string, at: string): Promise<string> =>
  availableToClient(await selected<CreditBalance>(db, clientAvailableSelection(companyId, at)), companyId, at);
