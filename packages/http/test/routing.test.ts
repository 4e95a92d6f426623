import { InMemoryEventStore } from '@packledger/application';
import { InMemoryReadModelStore } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { httpHandler, type HttpRequest } from '@packledger/http';
import { addAccountPackageBody, allEvents, errorOf, issueBody, makeWorld, type World } from './support';

let world: World;
beforeEach(async () => { world = await makeWorld(); });
afterEach(() => world.stop());

describe('routing', () => {
  test.each([['/'], ['/credit-packs'], ['/credit-packs/p1/commands/extra'], ['/nothing/here'], ['credit-packs/p1'], ['//credit-packs/p1']])('answers 404 route_not_found for %s', async (path) => {
    const response = await world.get(path);
    expect([response.status, errorOf(response).code]).toEqual([404, 'route_not_found']);
  });

  test('answers 405 with Allow for a route that exists with another method', async () => {
    const post = await world.post('/credit-packs/p1', {});
    expect([post.status, errorOf(post).code, post.headers.allow]).toEqual([405, 'method_not_allowed', 'GET']);
    const get = await world.get('/credit-packs/p1/commands');
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    const del = await world.send('DELETE', '/client-packages');
    expect([del.status, del.headers.allow]).toEqual([405, 'GET']);
  });

  test('ignores one trailing slash and the case of the method', async () => {
    expect((await world.send('get', '/client-packages/')).status).toBe(200);
  });

  test('answers an unknown route 404 before asking who is calling', async () => {
    expect((await world.send('GET', '/nowhere', { as: 'nobody' })).status).toBe(404);
  });
});

describe('authentication', () => {
  test('answers 401 with the challenge when the authenticator refuses, and appends nothing', async () => {
    const response = await world.send('POST', '/credit-packs/p1/commands', { as: 'nobody', body: issueBody() });
    expect([response.status, errorOf(response).code, response.headers['www-authenticate']]).toEqual([401, 'unauthenticated', 'Bearer realm="packledger"']);
    expect(await allEvents(world.store)).toEqual([]);
  });

  test('answers 401 on queries too', async () => {
    expect((await world.send('GET', '/credit-pack-tracking', { as: 'nobody' })).status).toBe(401);
  });

  const request: HttpRequest = { method: 'GET', path: '/client-packages', query: {}, headers: {}, body: undefined };
  const handlerWith = (authenticate: () => Promise<never>) =>
    httpHandler({ store: new InMemoryEventStore(), readModels: new InMemoryReadModelStore(), authenticate });

  test('answers 500 when the authenticator throws: a failure of the host, not of the caller', async () => {
    const response = await handlerWith(() => Promise.reject(new Error('session store down')))(request);
    expect([response.status, errorOf(response).code]).toEqual([500, 'internal_error']);
  });

  test('answers 500 when the authenticator returns something that is not an actor', async () => {
    const response = await handlerWith(async () => E.right({ kind: 'staff', userId: 'no spaces allowed', roles: [] }) as never)(request);
    expect([response.status, errorOf(response).code]).toEqual([500, 'internal_error']);
  });
});

describe('account packages', () => {
  const addBody = addAccountPackageBody('acc-1');

  test('a command is accepted, with its events as stored', async () => {
    const response = await world.post('/account-packages/ap-1/commands', addBody);
    expect(response.status).toBe(200);
    expect((response.body as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['AccountPackageAdded']);
  });

  test('a Client Hub admin is refused 403 by the decider, and nothing is appended', async () => {
    const response = await world.post('/account-packages/ap-1/commands', addBody, 'admin');
    expect([response.status, errorOf(response).code]).toEqual([403, 'forbidden']);
    expect(await allEvents(world.store)).toEqual([]);
  });

  test('a host that unmounts an aggregate gets 404 commands_not_mounted for its commands', async () => {
    const unmounted = await makeWorld({ aggregates: { accountPackage: undefined } });
    const response = await unmounted.post('/account-packages/ap-1/commands', addBody);
    expect([response.status, errorOf(response).code]).toEqual([404, 'commands_not_mounted']);
    await unmounted.stop();
  });
});
