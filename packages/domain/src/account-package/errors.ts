import { domainError, type DomainError } from '../kernel';

/** Every code an account-package command can be refused with. */
export type AccountPackageErrorCode =
  | 'forbidden'
  | 'package_not_found'
  | 'package_already_exists'
  | 'package_deleted'
  | 'package_cancelled'
  | 'package_read_only'
  | 'invalid_package_definition'
  | 'currency_mismatch'
  | 'price_book_not_allowed'
  | 'service_not_in_package'
  | 'global_add_ons_not_allowed'
  | 'add_on_frequency_mismatch'
  | 'above_maximum_instances'
  | 'below_minimum_instances'
  | 'usage_identifier_required'
  | 'not_usage_based'
  | 'service_instance_not_found'
  | 'service_instance_exists'
  | 'service_removed'
  | 'change_in_the_past'
  | 'before_package_effective_date'
  | 'change_before_earlier_change'
  | 'status_change_not_allowed'
  | 'nothing_to_edit'
  | 'discount_not_found'
  | 'discount_id_conflict'
  | 'cancellation_in_billed_period'
  | 'cancellation_before_effective_date'
  | 'package_already_billed'
  | 'usage_id_conflict'
  | 'usage_outside_service'
  | 'bill_date_missed'
  | 'bill_period_too_long'
  | 'top_up_needs_billing'
  | 'invoice_number_already_used'
  | 'contract_not_found'
  | 'transfer_not_allowed'
  | 'transfer_conflict';

/** A refused account-package command: a code, the facts behind it and what to do about it. */
export type AccountPackageError = DomainError<AccountPackageErrorCode, Readonly<Record<string, unknown>>>;

/** Builds an {@link AccountPackageError}. */
export const refuseAccountPackage = (code: AccountPackageErrorCode, facts: Readonly<Record<string, unknown>>, message: string): AccountPackageError =>
  domainError(code, facts, message);
