import { domainError, type DomainError } from '../kernel';

/** Every code a credit-order command (or a saga step on its pack) can be refused with. */
export type CreditOrderErrorCode =
  | 'forbidden'
  | 'order_not_found'
  | 'order_already_exists'
  | 'order_cancelled'
  | 'order_not_confirmed'
  | 'order_busy'
  | 'expiry_not_after_order'
  | 'expiry_not_after_issue'
  | 'nothing_to_correct'
  | 'correction_id_conflict'
  | 'cancellation_id_conflict'
  | 'invoice_already_requested'
  | 'owner_company_change'
  | 'new_pack_id_required'
  | 'new_pack_id_in_use'
  | 'pack_expired'
  | 'pack_used'
  | 'pack_closed'
  | 'pack_not_issued'
  | 'no_such_work';

/** A refused credit-order command: a code, the facts behind it and what to do about it. */
export type CreditOrderError = DomainError<CreditOrderErrorCode, Readonly<Record<string, unknown>>>;

/** Builds a {@link CreditOrderError}. */
export const refuseCreditOrder = (code: CreditOrderErrorCode, facts: Readonly<Record<string, unknown>>, message: string): CreditOrderError =>
  domainError(code, facts, message);
