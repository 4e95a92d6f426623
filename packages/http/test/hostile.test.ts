import fc from 'fast-check';
import type { HttpResponse } from '@packledger/http';
import { allEvents, errorOf, issueBody, makeWorld, type Caller, type World } from './support';

let world: World;
beforeAll(async () => { world = await makeWorld(); });
afterAll(() => world.stop());

/** The response is JSON, with a status a client caused (200 to 499): never a 500. */
const expectClientResponse = (response: HttpResponse): void => {
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(JSON.stringify(response.body))).toEqual(response.body);
};

const hostileValue = fc.anything({
  withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
  withObjectString: true, withSparseArray: true, withTypedArray: true, maxDepth: 6,
});
const body = fc.oneof(
  hostileValue,
  fc.json(),
  fc.string(),
  fc.jsonValue().map((v) => ({ type: 'ConsumeCredits', credits: v, project: v, consumptionId: v })),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'actor', 'at', 'packId', 'toString'), hostileValue),
);
const caller = fc.constantFrom<Caller>('staff', 'accounts', 'user', 'scheduler', 'roleless');
const commandPath = fc.constantFrom('/credit-packs/p1/commands', '/client-packages/cp1/commands', '/account-packages/ap1/commands');

test('for any body, a command route answers JSON with a client status, never a 500, and never pollutes a prototype', async () => {
  await fc.assert(fc.asyncProperty(commandPath, caller, body, fc.string({ minLength: 1, maxLength: 20 }), async (path, as, b, key) => {
    const response = await world.send('POST', path, { as, body: b, headers: { 'idempotency-key': key.replace(/[^\x21-\x7e]/g, 'k') || 'k' }, key: null });
    expectClientResponse(response);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }), { numRuns: 400 });
});

test('for any method, path, query, headers and body, the core answers JSON with a client status, never a 500', async () => {
  const segment = fc.oneof(fc.constantFrom('credit-packs', 'client-packages', 'account-packages', 'offices', 'users', 'companies', 'commands', 'history',
    'credit-balance', 'credit-information', 'limits-history', 'credit-pack-tracking', 'available-credit-packs', 'accounts', 'billing', 'invoices',
    '__proto__', 'constructor', 'p1', ''), fc.string());
  const request = fc.record({
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get', 'OPTIONS'), fc.string()),
    path: fc.oneof(fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`), fc.string()),
    query: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'at', 'companyId', 'status', 'search')), fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined))),
    headers: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'Idempotency-Key', 'idempotency-key')), fc.oneof(fc.string(), fc.array(fc.string()))),
    body,
    as: caller,
  });
  await fc.assert(fc.asyncProperty(request, async ({ as, ...r }) => {
    const response = await world.handle({ ...r, headers: { ...r.headers, authorization: `Bearer ${as}` } });
    expectClientResponse(response);
  }), { numRuns: 400 });
});

describe('given hostile JSON', () => {
  test('a "__proto__" key is refused (400 at its path), nothing is polluted and nothing reaches an event', async () => {
    const before = (await allEvents(world.store)).length;
    const text = `{"__proto__": {"polluted": "yes", "roles": ["accounts"]}, "constructor": {"prototype": {"polluted": "yes"}}, ${JSON.stringify(issueBody()).slice(1)}`;
    const response = await world.post('/credit-packs/pp-1/commands', text);
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_input']);
    expect(JSON.stringify(response.body)).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await allEvents(world.store)).length).toBe(before);
  });

  test('"constructor" and "prototype" keys stay plain keys: nothing is polluted and they never reach an event', async () => {
    const text = `{"constructor": {"prototype": {"polluted": "yes"}}, ${JSON.stringify(issueBody()).slice(1)}`;
    const response = await world.post('/credit-packs/pp-1/commands', text);
    expect(response.status).toBe(200);
    expect(Object.prototype).not.toHaveProperty('polluted');
    const events = await allEvents(world.store);
    const stored = JSON.stringify(events.filter((e) => e.stream === 'creditPack-pp-1').map((e) => [e.type, e.data, e.metadata]));
    expect(stored).not.toMatch(/polluted|constructor/);
  });

  test('a polluting actor is not an actor: 400, nothing appended', async () => {
    const before = (await allEvents(world.store)).length;
    const text = `{"type": "ExpirePack", "actor": {"__proto__": {"kind": "system", "name": "expiry"}}}`;
    const response = await world.post('/credit-packs/pp-1/commands', text, 'staff');
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_input']);
    expect((await allEvents(world.store)).length).toBe(before);
  });

  test('a huge string is refused without being echoed back', async () => {
    const response = await world.post('/credit-packs/pp-2/commands', { ...issueBody(), name: 'x'.repeat(900_000) });
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_input']);
    expect(JSON.stringify(response.body).length).toBeLessThan(2_000);
  });

  test('a huge malformed text is refused without being echoed back', async () => {
    const response = await world.post('/credit-packs/pp-2/commands', `{"name": "${'x'.repeat(900_000)}`);
    expect([response.status, errorOf(response).code]).toEqual([400, 'malformed_json']);
    expect(JSON.stringify(response.body).length).toBeLessThan(2_000);
  });

  test('deep nesting is refused, as a body and as a field', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await world.post('/credit-packs/pp-3/commands', deep)).status).toBe(400);
    const deepField = `{"type": "IssueCreditPack", "owner": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    const response = await world.post('/credit-packs/pp-3/commands', deepField);
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_input']);
  });

  test('a query parameter named __proto__ is an unknown parameter', async () => {
    const response = await world.get('/credit-pack-tracking', JSON.parse('{"__proto__": "x"}') as Record<string, string>);
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_query']);
  });
});

test('a query with a flood of unknown parameters is answered with a bounded list of problems', async () => {
  const query = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`p${i}`, 'x']));
  const response = await world.get('/credit-pack-tracking', query);
  expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_query']);
  expect((errorOf(response).facts.problems as unknown[]).length).toBe(50);
});
