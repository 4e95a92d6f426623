import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryEventStore } from '@packledger/application';
import { InMemoryReadModelStore } from '@packledger/projections';
import { errorStatuses, packledgerRoutes, statusOf, type ErrorCode } from '@packledger/http';
import { bearerAuthenticator } from './support';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const section = (title: string): string => readme.split(/^## /m).find((s) => s.startsWith(title)) ?? '';
const tableRows = (text: string): string[][] =>
  text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).slice(1).map((l) => l.slice(2, -2).split(' | '));

test('the README route table lists every route of the handler, with its method', () => {
  const routes = packledgerRoutes({ store: new InMemoryEventStore(), readModels: new InMemoryReadModelStore(), authenticate: bearerAuthenticator });
  const documented = tableRows(section('Routes')).map(([method, path]) => `${method} ${(path ?? '').replace(/`/g, '')}`);
  expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
});

test('the README status table gives every code the status of the status table', () => {
  const documented = tableRows(section('Errors and statuses')).flatMap(([status, , codes]) =>
    (codes ?? '').split(', ').map((code) => [code.replace(/`/g, ''), Number(status)] as const));
  expect(Object.fromEntries(documented)).toEqual(errorStatuses);
  expect(documented.length).toBe(Object.keys(errorStatuses).length);
});

describe('the status table', () => {
  test('answers a domain refusal with 403, 404, 409 or 422 only', () => {
    const refusals = Object.entries(errorStatuses).filter(([code]) => !httpCodes.has(code as ErrorCode));
    expect(new Set(refusals.map(([, status]) => status))).toEqual(new Set([403, 404, 409, 422]));
  });

  test('gives forbidden 403, state conflicts 409 and a refusal code it does not know 422', () => {
    expect([statusOf('forbidden'), statusOf('insufficient_credits'), statusOf('pack_expired'), statusOf('some_host_refusal'), statusOf('__proto__')]).toEqual([403, 409, 409, 422, 422]);
  });
});

const httpCodes = new Set<ErrorCode>([
  'route_not_found', 'method_not_allowed', 'commands_not_mounted', 'unauthenticated', 'payload_too_large', 'unsupported_media_type', 'invalid_encoding',
  'malformed_json', 'body_required', 'invalid_input', 'invalid_query', 'invalid_path', 'path_id_mismatch', 'idempotency_key_required',
  'invalid_idempotency_key', 'actor_mismatch', 'instant_not_allowed', 'concurrency_conflict', 'unreadable_stream', 'internal_error',
]);
