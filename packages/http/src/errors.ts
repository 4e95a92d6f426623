import { domainError, type DomainError } from '@packledger/domain';

/** Codes of what the HTTP layer itself refuses, before or around the domain. */
export type HttpErrorCode =
  | 'route_not_found'
  | 'method_not_allowed'
  | 'commands_not_mounted'
  | 'unauthenticated'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_encoding'
  | 'malformed_json'
  | 'body_required'
  | 'invalid_input'
  | 'invalid_query'
  | 'invalid_path'
  | 'path_id_mismatch'
  | 'idempotency_key_required'
  | 'invalid_idempotency_key'
  | 'actor_mismatch'
  | 'instant_not_allowed'
  | 'concurrency_conflict'
  | 'unreadable_stream'
  | 'internal_error';

/** An error of the HTTP layer: a code, the facts and a message a person can act on. */
export type HttpError = DomainError<HttpErrorCode, Readonly<Record<string, unknown>>>;

/** Builds an {@link HttpError}. */
export const httpError = (code: HttpErrorCode, facts: Readonly<Record<string, unknown>>, message: string): HttpError => domainError(code, facts, message);

/** At most `max` characters of untrusted text, for a message that names it. */
export const excerpt = (s: string, max = 40): string => (s.length <= max ? s : `${s.slice(0, max)}... (${s.length} characters)`);
