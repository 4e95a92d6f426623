import { addAccountPackageBody, assignBody, billFebruaryBody, consumeBody, errorOf, issueBody, makeWorld, type World } from './support';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
  const send = async (path: string, body: unknown, as: 'staff' | 'scheduler' = 'staff') => {
    const response = await world.post(path, body, as);
    if (response.status !== 200) throw new Error(`fixture ${path}: ${JSON.stringify(response.body)}`);
  };
  await send('/credit-packs/p-london/commands', issueBody({ name: 'London drive', pm: 'pat', rm: 'rae' }));
  await send('/credit-packs/p-kim/commands', issueBody({ name: 'Kim pack', user: 'kim', credits: '10', pm: 'max', rm: 'rae' }));
  await send('/credit-packs/p-short/commands', { ...issueBody({ name: 'Short pack', pm: 'pat', rm: 'ray' }), expiry: { type: 'on', at: '2026-03-01T00:00:00Z' } });
  await send('/credit-packs/p-globex/commands', issueBody({ name: 'Globex pack', company: 'globex', office: 'ny', pm: 'pat', rm: 'ray' }));
  await send('/credit-packs/p-london/commands', consumeBody('c1', '12'));
  await send('/client-packages/cp-1/commands', assignBody('rose', { name: 'VoIP Gold', accountId: 'acc-1' }));
  await send('/client-packages/cp-2/commands', assignBody('rose', { name: 'VoIP Silver' }));
  await send('/client-packages/cp-3/commands', assignBody('max-client', { name: 'VoIP Gold' }));
  await send('/client-packages/cp-1/commands', { type: 'RunPackageManager', clientBalance: { amount: '100', currency: 'USD' } }, 'scheduler');
  await send('/client-packages/cp-1/commands', { type: 'RateUsage', usage: { type: 'minutes', usageId: 'u1', destination: '38050', minutes: '30' } }, 'scheduler');
  await send('/client-packages/cp-2/commands', { type: 'CancelClientPackage' });
  await send('/account-packages/ap-1/commands', addAccountPackageBody('acc-1', 'Fibre'));
  await send('/account-packages/ap-2/commands', addAccountPackageBody('acc-1', 'Phone'));
  await send('/account-packages/ap-1/commands', billFebruaryBody('INV-1'), 'scheduler');
  await send('/account-packages/ap-2/commands', billFebruaryBody('INV-1'), 'scheduler');
});
afterAll(() => world.stop());

const packIds = (body: unknown): string[] => (body as { packs: { packId: string }[] }).packs.map((p) => p.packId);

describe('credit balances', () => {
  test('of one pack: issued, consumed and remaining', async () => {
    const response = await world.get('/credit-packs/p-london');
    expect(response.body).toMatchObject({ packId: 'p-london', issued: '40', consumed: '12', remaining: '28', status: 'active' });
  });

  test("of a company: its packs usable at `at` and their total", async () => {
    expect((await world.get('/companies/acme/credit-balance')).body).toMatchObject({ available: '78', at: '2026-02-01T00:00:00.000Z' });
    expect((await world.get('/companies/acme/credit-balance', { at: '2026-03-02T00:00:00Z' })).body).toMatchObject({ available: '38' });
  });

  test('of an office and of a user: the packs each owns', async () => {
    const office = await world.get('/offices/london/credit-balance');
    expect([packIds(office.body).sort(), (office.body as { available: string }).available]).toEqual([['p-london', 'p-short'], '68']);
    const user = await world.get('/users/kim/credit-balance');
    expect([packIds(user.body), (user.body as { available: string }).available]).toEqual([['p-kim'], '10']);
  });

  test("of an office's credit information: its and its users' packs, expired ones marked", async () => {
    const response = await world.get('/offices/london/credit-information', { at: '2026-03-02T00:00:00Z' });
    const rows = (response.body as { packs: { packId: string; status: string }[] }).packs;
    expect(rows.map((r) => [r.packId, r.status])).toEqual([['p-short', 'expired'], ['p-kim', 'active'], ['p-london', 'active']]);
  });
});

describe('credit history', () => {
  test('lists every transaction of the pack in order', async () => {
    const response = await world.get('/credit-packs/p-london/history');
    expect((response.body as { entries: { kind: string; credits: string }[] }).entries.map((e) => [e.kind, e.credits])).toEqual([['issued', '+40'], ['consumed', '-12']]);
  });

  test('is 404 for a pack that does not exist', async () => {
    const response = await world.get('/credit-packs/ghost/history');
    expect([response.status, errorOf(response).code]).toEqual([404, 'pack_not_found']);
  });
});

describe('the tracking report', () => {
  test.each([
    [{}, ['p-short', 'p-globex', 'p-kim', 'p-london']],
    [{ companyId: 'acme' }, ['p-short', 'p-kim', 'p-london']],
    [{ projectManagerId: 'max' }, ['p-kim']],
    [{ relationshipManagerId: 'ray' }, ['p-short', 'p-globex']],
    [{ search: 'drive' }, ['p-london']],
    [{ companyId: 'acme', relationshipManagerId: 'ray' }, ['p-short']],
    [{ at: '2026-03-02T00:00:00Z' }, ['p-globex', 'p-kim', 'p-london']],
  ])('with filters %j lists %j', async (query, expected) => {
    const response = await world.get('/credit-pack-tracking', query);
    expect(response.status).toBe(200);
    expect(packIds(response.body).sort()).toEqual([...expected].sort());
  });
});

describe('packs available for a project', () => {
  test('are the eligible packs with the product linked, soonest-expiring first', async () => {
    const response = await world.get('/available-credit-packs', { companyId: 'acme', officeId: 'london', productId: 'edit', contactUserId: ['kim', 'lee'] });
    expect(packIds(response.body)).toEqual(['p-short', 'p-kim', 'p-london']);
  });

  test('leave out user packs of people who are not contacts of the project', async () => {
    const response = await world.get('/available-credit-packs', { companyId: 'acme', officeId: 'london', productId: 'edit' });
    expect(packIds(response.body)).toEqual(['p-short', 'p-london']);
  });
});

describe('client packages', () => {
  const ids = (body: unknown) => (body as { packages: { clientPackageId: string }[] }).packages.map((p) => p.clientPackageId);

  test.each([
    [{}, ['cp-1', 'cp-3']],
    [{ clientId: 'rose' }, ['cp-1']],
    [{ packageName: 'gold' }, ['cp-1', 'cp-3']],
    [{ accountId: 'acc-1' }, ['cp-1']],
    [{ clientPackageId: 'cp-3' }, ['cp-3']],
    [{ status: 'cancelled' }, ['cp-2']],
    [{ status: ['cancelled', 'active'] }, ['cp-1', 'cp-2']],
  ])('searched with %j are %j', async (query, expected) => {
    const response = await world.get('/client-packages', query);
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(expected);
  });

  test('have a limits history: each period with every limit granted, used and left', async () => {
    const response = await world.get('/client-packages/cp-1/limits-history');
    expect((response.body as { periods: unknown[] }).periods).toEqual([
      expect.objectContaining({ number: 1, limits: [{ type: 'volume', prefix: '380', currency: null, limit: '100', used: '30', left: '70' }] }),
    ]);
  });

  test('answer 404 for the limits history of a package that does not exist', async () => {
    const response = await world.get('/client-packages/cp-9/limits-history');
    expect([response.status, errorOf(response).code]).toEqual([404, 'client_package_not_found']);
  });
});

describe('account packages', () => {
  test("have their billing: next bill date, billed through and each invoice's charges", async () => {
    const response = await world.get('/account-packages/ap-1/billing');
    expect(response.body).toMatchObject({ accountPackageId: 'ap-1', accountId: 'acc-1', packageName: 'Fibre', billedThrough: '2026-03-01', nextBillDate: '2026-03-01' });
    expect((response.body as { invoices: { invoiceNumber: string; total: string }[] }).invoices.map((i) => [i.invoiceNumber, i.total])).toEqual([['INV-1', '100.00']]);
  });

  test("make up their account's invoices, one invoice holding both packages", async () => {
    const response = await world.get('/accounts/acc-1/invoices');
    const [invoice] = (response.body as { invoices: { invoiceNumber: string; totals: unknown; lines: { packageName: string }[] }[] }).invoices;
    expect([invoice?.invoiceNumber, invoice?.totals, invoice?.lines.map((l) => l.packageName)]).toEqual(['INV-1', [{ amount: '200.00', currency: 'EUR' }], ['Fibre', 'Phone']]);
  });

  test('answer 404 for the billing of a package that does not exist', async () => {
    const response = await world.get('/account-packages/ap-9/billing');
    expect([response.status, errorOf(response).code]).toEqual([404, 'package_not_found']);
  });
});

describe('given a bad query, it answers 400 naming each bad parameter', () => {
  test.each([
    ['/credit-pack-tracking', { companyID: 'acme' }, ['companyID']],
    ['/credit-pack-tracking', { at: 'yesterday', companyId: 'not an id' }, ['at', 'companyId']],
    ['/credit-pack-tracking', { search: 'x'.repeat(201) }, ['search']],
    ['/credit-pack-tracking', { companyId: ['acme', 'globex'] }, ['companyId']],
    ['/available-credit-packs', { companyId: 'acme' }, ['officeId', 'productId']],
    ['/client-packages', { status: ['active', 'sleeping'] }, ['status.1']],
    ['/credit-packs/p-london', { at: '2026-01-01T00:00:00Z' }, ['at']],
  ])('GET %s?%j', async (path, query, paths) => {
    const response = await world.get(path, query);
    expect([response.status, errorOf(response).code]).toEqual([400, 'invalid_query']);
    expect((errorOf(response).facts.problems as { path: string }[]).map((p) => p.path).sort()).toEqual(paths);
  });
});
