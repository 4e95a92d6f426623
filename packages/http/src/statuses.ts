import type { AccountPackageErrorCode, ClientPackageErrorCode, CreditPackErrorCode } from '@packledger/domain';
import type { HttpErrorCode } from './errors';
import { hasOwn } from './json';

/** Every refusal code of the three deciders. */
export type RefusalCode = CreditPackErrorCode | ClientPackageErrorCode | AccountPackageErrorCode;

/** Every code a response of `@packledger/http` can carry. */
export type ErrorCode = RefusalCode | HttpErrorCode;

/** The statuses errors map to. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500;

/**
 * The one table from error codes to HTTP statuses. A new refusal code in a decider does
 * not compile until it has a row here. The rule of thumb:
 *
 * - **400** the request is malformed (JSON, fields, query, path, idempotency key);
 * - **401** no authenticated actor; **403** the actor may not do or see this;
 * - **404** the route, or the aggregate the command or query names, does not exist;
 * - **409** the command conflicts with the aggregate's current state (it could succeed
 *   against another state: `insufficient_credits`, `pack_expired`, an id already used), or
 *   it lost the race to other writers more times than its retries (send it again);
 * - **422** the command is well-formed but can never succeed as stated (a product not
 *   linked to the pack, an end date before the start, nothing to edit);
 * - **500** the store could not be read or failed.
 */
export const errorStatuses: { readonly [C in ErrorCode]: ErrorStatus } = {
  // The HTTP layer.
  route_not_found: 404,
  commands_not_mounted: 404,
  method_not_allowed: 405,
  unauthenticated: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_encoding: 400,
  malformed_json: 400,
  body_required: 400,
  invalid_input: 400,
  invalid_query: 400,
  invalid_path: 400,
  path_id_mismatch: 400,
  idempotency_key_required: 400,
  invalid_idempotency_key: 400,
  actor_mismatch: 403,
  instant_not_allowed: 403,
  concurrency_conflict: 409,
  unreadable_stream: 500,
  internal_error: 500,

  // Shared by the deciders.
  forbidden: 403,
  nothing_to_edit: 422,
  usage_id_conflict: 409,

  // Credit packs.
  pack_not_found: 404,
  pack_already_exists: 409,
  expiry_not_after_issue: 422,
  pack_expired: 409,
  pack_cancelled: 409,
  pack_exhausted: 409,
  insufficient_credits: 409,
  product_not_linked: 422,
  project_not_eligible: 422,
  consumption_id_conflict: 409,
  consumption_not_found: 422,
  refund_exceeds_consumption: 409,
  refund_id_conflict: 409,
  correction_below_used: 409,
  owner_change_not_allowed: 422,
  reissue_to_other_company: 422,
  reissue_to_same_owner: 422,
  reissue_conflict: 409,
  nothing_to_reissue: 409,
  not_yet_expired: 409,
  warning_not_due: 409,
  nothing_to_warn_about: 409,

  // Client packages.
  client_package_not_found: 404,
  client_package_exists: 409,
  client_package_deleted: 409,
  end_date_before_start: 422,
  fee_currency_mismatch: 422,
  duplicate_limit: 422,
  start_date_not_reached: 409,
  insufficient_balance: 409,
  balance_currency_mismatch: 422,
  package_not_active: 409,
  usage_before_current_period: 409,
  period_not_renewed: 409,
  package_ended: 409,
  package_still_active: 409,
  not_archived: 409,
  package_closed: 409,

  // Account packages.
  package_not_found: 404,
  package_already_exists: 409,
  package_deleted: 409,
  package_cancelled: 409,
  package_read_only: 409,
  invalid_package_definition: 422,
  currency_mismatch: 422,
  price_book_not_allowed: 422,
  service_not_in_package: 422,
  global_add_ons_not_allowed: 422,
  add_on_frequency_mismatch: 422,
  above_maximum_instances: 409,
  below_minimum_instances: 409,
  usage_identifier_required: 422,
  not_usage_based: 422,
  service_instance_not_found: 422,
  service_instance_exists: 409,
  service_removed: 409,
  change_in_the_past: 422,
  before_package_effective_date: 422,
  change_before_earlier_change: 409,
  status_change_not_allowed: 409,
  discount_not_found: 422,
  discount_id_conflict: 409,
  cancellation_in_billed_period: 409,
  cancellation_before_effective_date: 422,
  package_already_billed: 409,
  usage_outside_service: 422,
  bill_date_missed: 409,
  bill_period_too_long: 422,
  top_up_needs_billing: 422,
  invoice_number_already_used: 409,
  contract_not_found: 422,
  transfer_not_allowed: 409,
  transfer_conflict: 409,
};

/** The status of an error code; 422 for a refusal code not in the table (a host's own aggregate). */
export const statusOf = (code: string): ErrorStatus => (hasOwn(errorStatuses, code) ? errorStatuses[code as ErrorCode] : 422);
