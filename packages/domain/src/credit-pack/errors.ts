import { domainError, type DomainError } from '../kernel';

/** Every code a credit-pack command can be refused with. */
export type CreditPackErrorCode =
  | 'forbidden'
  | 'pack_not_found'
  | 'pack_already_exists'
  | 'expiry_not_after_issue'
  | 'pack_expired'
  | 'pack_cancelled'
  | 'pack_exhausted'
  | 'insufficient_credits'
  | 'product_not_linked'
  | 'project_not_eligible'
  | 'consumption_id_conflict'
  | 'consumption_not_found'
  | 'refund_exceeds_consumption'
  | 'refund_id_conflict'
  | 'correction_below_used'
  | 'nothing_to_edit'
  | 'owner_change_not_allowed'
  | 'reissue_to_other_company'
  | 'reissue_to_same_owner'
  | 'reissue_conflict'
  | 'nothing_to_reissue'
  | 'not_yet_expired'
  | 'warning_not_due'
  | 'nothing_to_warn_about';

/** A refused credit-pack command: a code, the facts behind it and what to do about it. */
export type CreditPackError = DomainError<CreditPackErrorCode, Readonly<Record<string, unknown>>>;

/** Builds a {@link CreditPackError}. */
export const refuse = (code: CreditPackErrorCode, facts: Readonly<Record<string, unknown>>, message: string): CreditPackError =>
  domainError(code, facts, message);
