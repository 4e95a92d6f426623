import { InMemoryEventStore, wrongExpectedVersion, type EventStore } from '@packledger/application';
import * as E from 'fp-ts/Either';
import { allEvents, consumeBody, errorOf, issueBody, makeWorld, NOW, type World } from './support';

let world: World;
beforeEach(async () => { world = await makeWorld(); });
afterEach(() => world.stop());

const issued = async (packId = 'pack-1', o: Parameters<typeof issueBody>[0] = {}) => {
  const response = await world.post(`/credit-packs/${packId}/commands`, issueBody(o));
  expect(response.status).toBe(200);
  return response;
};

/** Runs `act` and checks it appended nothing. */
const appendsNothing = async (act: () => Promise<unknown>): Promise<void> => {
  const before = (await allEvents(world.store)).length;
  await act();
  expect((await allEvents(world.store)).length).toBe(before);
};

describe('given a command body, when it is accepted', () => {
  test('answers 200 with the events as stored, the revision and the position', async () => {
    const response = await issued();
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ commandId: 'key-1', duplicate: false, revision: '0', position: expect.any(String), viewsCurrent: true });
    expect((response.body as { events: { type: string; data: { packId: string } }[] }).events.map((e) => [e.type, e.data.packId])).toEqual([['CreditPackIssued', 'pack-1']]);
  });

  test('fills the aggregate id from the path, the actor from authentication and the instant from the clock', async () => {
    await issued();
    const response = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '5'), 'accounts');
    expect(response.status).toBe(200);
    const [, consumed] = await allEvents(world.store);
    expect(consumed?.metadata).toMatchObject({ actor: 'client:ann@acme', occurredAt: NOW, commandId: 'key-2' });
    expect(consumed?.data).toMatchObject({ packId: 'pack-1', at: NOW });
  });

  test('accepts a body that states the authenticated actor itself (roles in any order)', async () => {
    const response = await world.post('/credit-packs/pack-1/commands', { ...issueBody(), actor: { kind: 'staff', userId: 'sam', roles: ['accounts', 'sales'] }, packId: 'pack-1' });
    expect(response.status).toBe(200);
  });

  test('uses the Idempotency-Key as the command id: a retry returns the first outcome, says it is a duplicate and appends nothing', async () => {
    const first = await world.post('/credit-packs/pack-1/commands', issueBody(), 'staff', 'issue-order-42');
    await appendsNothing(async () => {
      const retry = await world.post('/credit-packs/pack-1/commands', issueBody(), 'staff', 'issue-order-42');
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual({ ...(first.body as object), duplicate: true });
    });
  });

  test('answers a GET sent right after the POST with the change (read-your-writes)', async () => {
    await issued();
    const consumed = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '15'));
    expect(consumed.body).toMatchObject({ viewsCurrent: true });
    const balance = await world.get('/credit-packs/pack-1');
    expect(balance.body).toMatchObject({ packId: 'pack-1', consumed: '15', remaining: '25' });
  });

  test('says the views are not known to be current when no projections are given', async () => {
    const bare = await makeWorld({ projections: undefined });
    const response = await bare.post('/credit-packs/pack-1/commands', issueBody());
    expect(response.body).toMatchObject({ viewsCurrent: false });
    await bare.stop();
  });

  test('answers an accepted command once the wait for the views times out, saying they are not current', async () => {
    const slow = await makeWorld({ projections: { reached: () => new Promise<void>(() => undefined) }, viewsTimeoutMs: 1 });
    const response = await slow.post('/credit-packs/pack-1/commands', issueBody());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ viewsCurrent: false });
    await slow.stop();
  });
});

describe('given a malformed request, it answers 400 and appends nothing', () => {
  test('without an Idempotency-Key', async () => {
    await appendsNothing(async () => {
      const response = await world.send('POST', '/credit-packs/pack-1/commands', { body: issueBody(), key: null });
      expect([response.status, errorOf(response).code]).toEqual([400, 'idempotency_key_required']);
    });
  });

  test.each([['with a space'], ['x'.repeat(129)], ['']])('with an invalid Idempotency-Key %#', async (key) => {
    await appendsNothing(async () => {
      const response = await world.send('POST', '/credit-packs/pack-1/commands', { body: issueBody(), key: null, headers: { 'Idempotency-Key': key } });
      expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_idempotency_key']);
    });
  });

  test('with malformed JSON, saying so', async () => {
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', '{"type": "IssueCreditPack",');
      expect([response.status, errorOf(response).code]).toEqual([400, 'malformed_json']);
      expect(errorOf(response).message).toMatch(/not valid JSON/);
    });
  });

  test('without a body', async () => {
    const response = await world.post('/credit-packs/pack-1/commands', undefined);
    expect([response.status, errorOf(response).code]).toEqual([400, 'body_required']);
  });

  test('with every bad field of the body listed by its path', async () => {
    await appendsNothing(async () => {
      const body = { ...issueBody(), credits: '-3', owner: { type: 'office', officeId: 'london' }, linkedProducts: ['edit', 'not an id'], price: 12 };
      const response = await world.post('/credit-packs/pack-1/commands', JSON.stringify(body));
      expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_input']);
      const paths = (errorOf(response).facts.problems as { path: string }[]).map((p) => p.path).sort();
      expect(paths).toEqual(['credits', 'linkedProducts.1', 'owner.companyId', 'price']);
    });
  });

  test('with an unknown command type, naming the types there are', async () => {
    const response = await world.post('/credit-packs/pack-1/commands', { type: 'DropTables' });
    expect(errorOf(response).facts.problems).toEqual([{ path: 'type', message: expect.stringContaining('IssueCreditPack') }]);
  });

  test('with a body id other than the path id', async () => {
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', { ...issueBody(), packId: 'pack-2' });
      expect([response.status, errorOf(response).code]).toEqual([400, 'path_id_mismatch']);
    });
  });

  test('with a path id that is not an id', async () => {
    const response = await world.post('/credit-packs/pack%201/commands', issueBody());
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_path']);
    expect(errorOf(response).facts.problems).toEqual([{ path: 'packId', message: expect.any(String) }]);
  });
});

describe('given a body that names another actor, or a client that states the instant', () => {
  test('refuses a body actor other than the authenticated one with 403, never trusting it', async () => {
    await issued();
    await appendsNothing(async () => {
      const impersonating = { ...consumeBody('c1', '5'), actor: { kind: 'staff', userId: 'sam', roles: ['sales', 'accounts'] } };
      const response = await world.post('/credit-packs/pack-1/commands', impersonating, 'accounts');
      expect([response.status, errorOf(response).code]).toEqual([403, 'actor_mismatch']);
    });
  });

  test('refuses an instant stated by a Client Hub user (no back-dating a consumption before expiry)', async () => {
    await issued();
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', { ...consumeBody('c1', '5'), at: '2026-01-20T00:00:00Z' }, 'accounts');
      expect([response.status, errorOf(response).code]).toEqual([403, 'instant_not_allowed']);
    });
  });
});

describe('given a command the domain refuses, it answers with the refusal and appends nothing', () => {
  test('409 for a state conflict: insufficient_credits', async () => {
    await issued();
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '41'));
      expect([response.status, errorOf(response).code]).toEqual([409, 'insufficient_credits']);
      expect(errorOf(response).message.length).toBeGreaterThan(10);
    });
  });

  test('409 for a state conflict: pack_expired', async () => {
    const expiresJan20 = { ...issueBody(), expiry: { type: 'on', at: '2026-01-20T00:00:00Z' } };
    expect((await world.post('/credit-packs/pack-1/commands', expiresJan20)).status).toBe(200);
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '1'));
      expect([response.status, errorOf(response).code]).toEqual([409, 'pack_expired']);
    });
  });

  test('422 for a command that cannot succeed as stated: product_not_linked', async () => {
    await issued();
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '1', { productId: 'music' }));
      expect([response.status, errorOf(response).code]).toEqual([422, 'product_not_linked']);
    });
  });

  test('403 for forbidden: a Client Hub user may not consume credits', async () => {
    await issued();
    await appendsNothing(async () => {
      const response = await world.post('/credit-packs/pack-1/commands', consumeBody('c1', '1'), 'user');
      expect([response.status, errorOf(response).code]).toEqual([403, 'forbidden']);
    });
  });

  test("403 for forbidden: an accounts user may not consume another company's credits", async () => {
    await issued('gx-pack', { company: 'globex', office: 'ny' });
    const response = await world.post('/credit-packs/gx-pack/commands', consumeBody('c1', '1', { company: 'globex', office: 'ny' }), 'accounts');
    expect([response.status, errorOf(response).code]).toEqual([403, 'forbidden']);
  });

  test('404 for a pack that was never issued', async () => {
    const response = await world.post('/credit-packs/ghost/commands', consumeBody('c1', '1'));
    expect([response.status, errorOf(response).code]).toEqual([404, 'pack_not_found']);
  });
});

describe('given a stream that keeps changing under the command', () => {
  /** A store where every append loses the race (and writes nothing). */
  const losingStore = (inner: InMemoryEventStore): EventStore => ({
    append: async (stream, _events, options) => E.left(wrongExpectedVersion(stream, options.expectedRevision, 7n)),
    readStream: (stream, options) => inner.readStream(stream, options),
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options, handler) => inner.subscribeToAll(options, handler),
  });

  test('answers 409 concurrency_conflict with a retry hint once the retries are spent, and appends nothing', async () => {
    const inner = new InMemoryEventStore();
    const racing = await makeWorld({ store: losingStore(inner), maxRetries: 2 });
    const response = await racing.post('/credit-packs/pack-1/commands', issueBody());
    expect([response.status, errorOf(response).code]).toEqual([409, 'concurrency_conflict']);
    expect(response.headers['retry-after']).toBe('1');
    expect(errorOf(response).facts).toMatchObject({ attempts: 3, retryable: true, actual: '7' });
    expect(errorOf(response).message).toMatch(/same Idempotency-Key/);
    expect(await allEvents(inner)).toEqual([]);
    await racing.stop();
  });
});

describe('given a store that fails', () => {
  test('answers 500 internal_error without the failure details, and tells the host', async () => {
    const failures: unknown[] = [];
    const broken = await makeWorld({
      store: { ...new InMemoryEventStore(), readStream: () => Promise.reject(new Error('disk on fire')) } as unknown as EventStore,
      onError: (error) => failures.push(error),
    });
    const response = await broken.post('/credit-packs/pack-1/commands', issueBody());
    expect([response.status, errorOf(response).code]).toEqual([500, 'internal_error']);
    expect(JSON.stringify(response.body)).not.toMatch(/disk on fire/);
    expect(failures).toEqual([new Error('disk on fire')]);
    await broken.stop();
  });
});
