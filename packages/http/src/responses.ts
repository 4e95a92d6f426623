import type { DomainError } from '@packledger/domain';
import type { HttpResponse } from './messages';
import { toJson } from './json';
import { statusOf } from './statuses';

const JSON_CONTENT = 'application/json; charset=utf-8';

/** A JSON response (the body is made JSON-safe by `toJson`). */
export const jsonResponse = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): HttpResponse => ({
  status,
  headers: { ...headers, 'content-type': JSON_CONTENT },
  body: toJson(body),
});

/**
 * The response of an error: its status from the status table, and the body
 * `{ "error": { "code", "message", "facts" } }`. A decode error's facts list every bad
 * field as `{ path, message }` under `facts.problems`.
 */
export const errorResponse = (error: DomainError, headers: Readonly<Record<string, string>> = {}): HttpResponse =>
  jsonResponse(statusOf(error.code), { error: { code: error.code, message: error.message, facts: error.facts } }, headers);
