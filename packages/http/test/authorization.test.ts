import { InMemoryEventStore } from '@packledger/application';
import { InMemoryReadModelStore } from '@packledger/projections';
import { packledgerRoutes } from '@packledger/http';
import { addAccountPackageBody, assignBody, bearerAuthenticator, billFebruaryBody, consumeBody, issueBody, makeWorld, type Caller, type World } from './support';

// Client Hub users are all of acme. Acme's data is marked "Acme", globex's "Globex":
// a response that contains "Globex" shows globex's packs.
let world: World;
beforeAll(async () => {
  world = await makeWorld();
  const send = async (path: string, body: unknown, as: Caller = 'staff') => {
    const response = await world.post(path, body, as);
    if (response.status !== 200) throw new Error(`fixture ${path}: ${JSON.stringify(response.body)}`);
  };
  await send('/credit-packs/acme-office/commands', issueBody({ name: 'Acme office pack' }));
  await send('/credit-packs/acme-kim/commands', issueBody({ name: 'Acme kim pack', user: 'kim' }));
  await send('/credit-packs/gx-office/commands', issueBody({ name: 'Globex office pack', company: 'globex', office: 'ny', rm: 'gx-rm' }));
  await send('/credit-packs/gx-lee/commands', issueBody({ name: 'Globex lee pack', company: 'globex', office: 'ny', user: 'lee' }));
  await send('/credit-packs/acme-office/commands', { ...consumeBody('c1', '5'), project: { projectId: 'film', companyId: 'acme', officeId: 'london', contactUserIds: [] }, invoiceLine: { invoiceId: 'inv-acme', lineId: 'l1' } });
  await send('/credit-packs/gx-office/commands', { ...consumeBody('c1', '5', { company: 'globex', office: 'ny' }), invoiceLine: { invoiceId: 'inv-globex', lineId: 'l1' } });
  await send('/client-packages/cp-rose/commands', assignBody('rose', { name: 'Rose VoIP' }));
  await send('/client-packages/cp-gx/commands', assignBody('gx-voip', { name: 'Globex VoIP' }));
  await send('/account-packages/ap-rose/commands', addAccountPackageBody('acc-rose', 'Rose Fibre'));
  await send('/account-packages/ap-gx/commands', addAccountPackageBody('acc-gx', 'Globex Fibre'));
  await send('/account-packages/ap-rose/commands', billFebruaryBody('INV-1'), 'scheduler');
  await send('/account-packages/ap-gx/commands', billFebruaryBody('INV-2'), 'scheduler');
});
afterAll(() => world.stop());

type Query = Record<string, string | string[]>;
interface RouteCase {
  /** The route's pattern, as in the route table. */
  readonly route: string;
  readonly own: readonly [string, Query];
  readonly other: readonly [string, Query];
  /** What an acme accounts or admin user gets for globex's data. */
  readonly otherForClients: 200 | 403 | 404;
  /** Telecom/ISP back-office data: staff only. */
  readonly backOffice?: true;
}

const cases: readonly RouteCase[] = [
  { route: '/credit-packs/:packId', own: ['/credit-packs/acme-office', {}], other: ['/credit-packs/gx-office', {}], otherForClients: 404 },
  { route: '/credit-packs/:packId/history', own: ['/credit-packs/acme-office/history', {}], other: ['/credit-packs/gx-office/history', {}], otherForClients: 404 },
  { route: '/companies/:companyId/credit-balance', own: ['/companies/acme/credit-balance', {}], other: ['/companies/globex/credit-balance', {}], otherForClients: 403 },
  { route: '/offices/:officeId/credit-balance', own: ['/offices/london/credit-balance', {}], other: ['/offices/ny/credit-balance', {}], otherForClients: 200 },
  { route: '/users/:userId/credit-balance', own: ['/users/kim/credit-balance', {}], other: ['/users/lee/credit-balance', {}], otherForClients: 200 },
  { route: '/offices/:officeId/credit-information', own: ['/offices/london/credit-information', {}], other: ['/offices/ny/credit-information', {}], otherForClients: 200 },
  { route: '/credit-pack-tracking', own: ['/credit-pack-tracking', { companyId: 'acme' }], other: ['/credit-pack-tracking', { companyId: 'globex' }], otherForClients: 403 },
  {
    route: '/available-credit-packs',
    own: ['/available-credit-packs', { companyId: 'acme', officeId: 'london', productId: 'edit', contactUserId: ['kim'] }],
    other: ['/available-credit-packs', { companyId: 'globex', officeId: 'ny', productId: 'edit', contactUserId: ['lee'] }],
    otherForClients: 403,
  },
  { route: '/client-packages', own: ['/client-packages', { clientId: 'rose' }], other: ['/client-packages', { clientId: 'gx-voip' }], otherForClients: 403, backOffice: true },
  { route: '/client-packages/:clientPackageId/limits-history', own: ['/client-packages/cp-rose/limits-history', {}], other: ['/client-packages/cp-gx/limits-history', {}], otherForClients: 403, backOffice: true },
  { route: '/account-packages/:accountPackageId/billing', own: ['/account-packages/ap-rose/billing', {}], other: ['/account-packages/ap-gx/billing', {}], otherForClients: 403, backOffice: true },
  { route: '/accounts/:accountId/invoices', own: ['/accounts/acc-rose/invoices', {}], other: ['/accounts/acc-gx/invoices', {}], otherForClients: 403, backOffice: true },
];

/** Who sees what (seed 002): `all` every company, `own` their own company's credit packs, `none` nothing. */
const sightOf = (caller: Caller, backOffice: boolean): 'all' | 'own' | 'none' => {
  if (backOffice) return caller === 'staff' || caller === 'pm' ? 'all' : 'none';
  switch (caller) {
    case 'staff': case 'pm': case 'scheduler': return 'all';
    case 'accounts': case 'admin': return 'own';
    case 'user': case 'roleless': return 'none';
  }
};

const callers: readonly Caller[] = ['staff', 'pm', 'scheduler', 'accounts', 'admin', 'user', 'roleless'];
const rows = cases.flatMap((c) => callers.flatMap((caller) => (['own', 'other'] as const).map((target) => [c.route, caller, target, c] as const)));

test('the table covers every query route of the handler', () => {
  const routes = packledgerRoutes({ store: new InMemoryEventStore(), readModels: new InMemoryReadModelStore(), authenticate: bearerAuthenticator });
  expect(cases.map((c) => c.route).sort()).toEqual(routes.filter((r) => r.method === 'GET').map((r) => r.path).sort());
});

describe.each(rows)('GET %s as %s, %s company', (_route, caller, target, c) => {
  const sight = sightOf(caller, c.backOffice === true);
  const [path, query] = c[target];
  const expected = sight === 'none' ? 403 : sight === 'own' && target === 'other' ? c.otherForClients : 200;
  const marker = c.backOffice === true ? (target === 'own' ? 'Rose' : 'Globex') : target === 'own' ? 'Acme' : 'Globex';

  test(`answers ${expected}${expected === 200 && !(sight === 'own' && target === 'other') ? ' with the data' : ''}${sight !== 'all' ? ', showing nothing of globex' : ''}`, async () => {
    const response = await world.get(path, query, caller);
    expect(response.status).toBe(expected);
    const text = JSON.stringify(response.body);
    if (expected === 200 && !(sight === 'own' && target === 'other')) expect(text).toContain(marker);
    if (sight !== 'all') expect(text).not.toContain('Globex');
    if (sight === 'none') expect(text).not.toContain('Acme');
    if (sight === 'none') expect(text).not.toContain('inv-');
  });
});

describe('given an acme accounts user and no company filter', () => {
  test('the tracking report lists only acme packs', async () => {
    const response = await world.get('/credit-pack-tracking', {}, 'accounts');
    expect((response.body as { packs: { packId: string }[] }).packs.map((p) => p.packId).sort()).toEqual(['acme-kim', 'acme-office']);
  });

  test('a search that matches a globex pack finds nothing of it', async () => {
    const response = await world.get('/credit-pack-tracking', { search: 'Globex' }, 'admin');
    expect(response.body).toMatchObject({ packs: [] });
  });

  test('a filter on the relationship manager of a globex pack finds nothing of it', async () => {
    const response = await world.get('/credit-pack-tracking', { relationshipManagerId: 'gx-rm' }, 'admin');
    expect(response.body).toMatchObject({ packs: [] });
  });
});
