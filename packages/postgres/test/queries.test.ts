import {
  availableToClient,
  availableToOwner,
  clientPackages,
  creditBalances,
  creditPackTracking,
  isAvailable,
  officeCreditInformation,
  packsAvailableFor,
  packsOfOwner,
  searchClientPackages,
  trackingReport,
  type ClientPackageRow,
  type ClientPackageSearch,
  type CreditBalance,
  type ProjectForCredits,
  type TrackedPack,
  type TrackingFilter,
} from '@packledger/projections';
import {
  PostgresReadModelStore,
  selectAvailableToClient,
  selectAvailableToOwner,
  selectClientPackages,
  selectOfficeCreditInformation,
  selectPacksAvailableFor,
  selectPacksOfOwner,
  selectTrackingReport,
  type PackOwner,
} from '@packledger/postgres';
import fc from 'fast-check';
import { documentsStatement, selectDocuments } from '../src/read-model-store';
import { clientPackageSelection } from '../src/queries/client-packages';
import { clientAvailableSelection, officeSelection, ownerAvailableSelection, ownerSelection, packsAvailableSelection } from '../src/queries/credit-balances';
import { trackingSelection } from '../src/queries/credit-pack-tracking';
import { lowerAsJavaScript, type Selection } from '../src/queries/selection';
import { describeWithPostgres, useFreshSchema } from './support/postgres';

// Random documents of the three queried views, with the values the filters pick from
// (and some they never match), texts whose case mapping is tricky, and instants on both
// sides of `at`; each SQL query must give exactly what the in-memory query gives.

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const instant = fc.tuple(fc.integer({ min: -30, max: 30 }), fc.constantFrom(0, 1, DAY / 2, DAY - 1)).map(([d, ms]) => new Date(T0 + d * DAY + ms).toISOString());
/** `at` as hosts may pass it: canonical, without milliseconds, not a date, past year 9999, before year 0. */
const at = fc.oneof(
  { weight: 8, arbitrary: instant },
  { weight: 1, arbitrary: instant.map((i) => i.replace('.000Z', 'Z')) },
  { weight: 1, arbitrary: fc.constantFrom('not a date', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '2026-02-01') },
);
/** Words whose lower case JavaScript and a plain SQL lower() disagree on (dotted İ, final sigma), among random ones. */
const trickyWords = ['İstanbul', 'ΟΔΟΣ', 'Straße', 'STRASSE', 'ÉTÉ', 'aΣ'] as const;
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', 'é', 'É', 'İ', 'i', 'ı', 'Σ', 'σ', 'ς', 'ß', 'ẞ', ' ', '-', '1', '%', '_'), maxLength: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom(...trickyWords) },
);
const needle = fc.oneof(text, fc.constantFrom('', '  ', ' a ', 'AB', 'ς', 'σ', 'i̇', 'i̇stan', 'οδος', 'οδοσ', 'straße', '%', '_'));
const companies = ['acme', 'globex', 'initech'] as const;
const offices = ['london', 'ny', 'paris'] as const;
const users = ['kim', 'lee', 'max'] as const;
const managers = ['pat', 'max', 'sam', 'rae'] as const;
const products = ['edit', 'shoot', 'grade'] as const;
const decimal = fc.constantFrom('0', '12.5', '40', '0.0001', '7', '123456789012345.1234567891');
const oneOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const ownerOf = fc.record({ ownerType: oneOf(['office', 'user'] as const), userId: fc.option(oneOf(users), { nil: null }) });

const trackedPack: fc.Arbitrary<TrackedPack> = fc.record({
  position: fc.nat(1000).map(String), packId: text, name: text, companyId: oneOf(companies), officeId: oneOf(offices), ownerType: oneOf(['office', 'user'] as const),
  userId: fc.option(oneOf(users), { nil: null }), projectManagerId: oneOf(managers), relationshipManagerId: oneOf(managers), remaining: decimal, expiresAt: instant,
  projects: fc.array(fc.record({ projectId: text, credits: decimal }), { maxLength: 2 }), creditStatus: text, specialNotes: text,
});

const creditBalance: fc.Arbitrary<CreditBalance> = fc.tuple(
  fc.record({
    position: fc.nat(1000).map(String), packId: text, name: text, companyId: oneOf(companies), officeId: oneOf(offices),
    linkedProducts: fc.subarray([...products]), relationshipManagerId: oneOf(managers), projectManagerId: oneOf(managers), issuedAt: instant, expiresAt: instant,
    issued: decimal, corrected: decimal, consumed: decimal, refunded: decimal, transferred: decimal, remaining: decimal, forfeited: decimal,
    status: oneOf(['active', 'exhausted', 'expired', 'cancelled'] as const), creditStatus: text, specialNotes: text, projects: fc.array(text, { maxLength: 2 }),
    reissuedFrom: fc.constant(null), reissuedTo: fc.constant(null),
  }),
  ownerOf,
).map(([b, owner]) => ({ ...b, ...owner }));

const limitRow = fc.record({ type: oneOf(['volume', 'money'] as const), prefix: fc.constantFrom('380', '44'), currency: fc.option(fc.constant('USD'), { nil: null }), limit: decimal, used: decimal, left: decimal });
const clientPackageRow: fc.Arbitrary<ClientPackageRow> = fc.record({
  position: fc.nat(1000).map(String), clientPackageId: text, clientId: oneOf(['rose', 'ivy', 'oak']), accountId: fc.option(oneOf(['acc1', 'acc2']), { nil: null }), packageName: text,
  status: oneOf(['pending', 'active', 'stopping', 'stopped', 'cancelled', 'archived'] as const), startDate: instant, endDate: fc.option(instant, { nil: null }), reactivations: fc.nat(3),
  chargeOnEvent: fc.boolean(), alignToPaymentTerms: fc.boolean(), recalculateToPeriod: fc.boolean(),
  periods: fc.array(fc.record({ number: fc.nat(5), start: instant, end: instant, late: fc.boolean(), limits: fc.array(limitRow, { maxLength: 2 }) }), { maxLength: 2 }),
});

const trackingFilter: fc.Arbitrary<TrackingFilter> = fc.record({
  companyId: maybe(oneOf([...companies, 'nobody'])), projectManagerId: maybe(oneOf(managers)), relationshipManagerId: maybe(oneOf(managers)), search: maybe(needle),
}, { requiredKeys: [] });
const clientSearch: fc.Arbitrary<ClientPackageSearch> = fc.record({
  packageName: maybe(needle), clientId: maybe(oneOf(['rose', 'ivy', 'nobody'])), accountId: maybe(oneOf(['acc1', 'acc2'])),
  statuses: maybe(fc.subarray(['pending', 'active', 'stopping', 'stopped', 'cancelled', 'archived'] as const)), clientPackageId: maybe(text),
}, { requiredKeys: [] });
const project: fc.Arbitrary<ProjectForCredits> = fc.record({ companyId: oneOf(companies), officeId: oneOf(offices), contactUserIds: fc.subarray([...users]), productId: oneOf([...products, 'none']) });
const owner: fc.Arbitrary<PackOwner> = fc.oneof(oneOf(offices).map((officeId) => ({ officeId })), oneOf(users).map((userId) => ({ userId })));

const byId = <D>(docs: readonly D[], id: (d: D) => string): D[] => {
  const unique = new Map(docs.map((d) => [id(d), d]));
  return [...unique.values()].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
};

describeWithPostgres('SQL queries over the views give exactly what the in-memory queries give', () => {
  const db = useFreshSchema('queries');
  let store: PostgresReadModelStore;
  beforeAll(() => {
    store = new PostgresReadModelStore(db().pool, { schema: db().schema });
  });

  const load = async <D extends { position: string }>(view: string, docs: readonly D[], id: (d: D) => string): Promise<D[]> => {
    await store.drop(view);
    const unique = byId(docs, id);
    await store.commit(view, unique.map((d) => ({ id: id(d), doc: d })), 1n);
    return unique;
  };
  const selectionIds = async (selection: Selection | undefined, id: (d: never) => string): Promise<string[]> =>
    selection === undefined ? [] : (await selectDocuments(store, selection.view, selection.conditions, selection.values)).map((d) => id(d as never));
  const sorted = (ids: readonly string[]): string[] => [...ids].sort();

  test('the tracking report, for any filter (company, managers, text search) and any instant', async () => {
    const lower = await lowerAsJavaScript(store);
    await fc.assert(
      fc.asyncProperty(fc.array(trackedPack, { maxLength: 25 }), fc.array(fc.tuple(trackingFilter, at), { minLength: 1, maxLength: 5 }), async (docs, queries) => {
        const packs = await load(creditPackTracking.name, docs, (p) => p.packId);
        for (const [filter, when] of queries) {
          const expected = trackingReport(packs, filter, when);
          expect(await selectTrackingReport(store, filter, when)).toEqual(expected);
          expect(sorted(await selectionIds(trackingSelection(filter, when, lower), (p: TrackedPack) => p.packId))).toEqual(sorted(expected.map((p) => p.packId)));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  test('the client-package search, for any package name, client, account, statuses (pending and active by default) and id', async () => {
    const lower = await lowerAsJavaScript(store);
    await fc.assert(
      fc.asyncProperty(fc.array(clientPackageRow, { maxLength: 25 }), fc.array(clientSearch, { minLength: 1, maxLength: 5 }), async (docs, searches) => {
        const rows = await load(clientPackages.name, docs, (r) => r.clientPackageId);
        const some = rows[0]?.clientPackageId;
        for (const search of [...searches, { clientPackageId: some }, { clientPackageId: some, statuses: [] }]) {
          const expected = searchClientPackages(rows, search);
          expect(await selectClientPackages(store, search)).toEqual(expected);
          expect(sorted(await selectionIds(clientPackageSelection(search, lower), (r: ClientPackageRow) => r.clientPackageId))).toEqual(sorted(expected.map((r) => r.clientPackageId)));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  test('packs available for a project, office credit information, packs of an owner and credits available to an owner or a client', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(creditBalance, { maxLength: 25 }), fc.array(fc.tuple(project, owner, at), { minLength: 1, maxLength: 4 }), async (docs, queries) => {
        const packs = await load(creditBalances.name, docs, (p) => p.packId);
        const ids = (ps: readonly CreditBalance[]): string[] => sorted(ps.map((p) => p.packId));
        const selectionOf = (s: Selection | undefined) => selectionIds(s, (p: CreditBalance) => p.packId).then(sorted);
        for (const [forProject, who, when] of queries) {
          const available = packsAvailableFor(packs, forProject, when);
          expect(await selectPacksAvailableFor(store, forProject, when)).toEqual(available);
          expect(await selectionOf(packsAvailableSelection(forProject, when))).toEqual(ids(available));

          const office = officeCreditInformation(packs, forProject.officeId, when);
          expect(await selectOfficeCreditInformation(store, forProject.officeId, when)).toEqual(office);
          expect(await selectionOf(officeSelection(forProject.officeId))).toEqual(sorted(office.map((r) => r.packId)));

          const owned = packsOfOwner(packs, who);
          expect(await selectPacksOfOwner(store, who)).toEqual(owned);
          expect(await selectionOf(ownerSelection(who))).toEqual(ids(owned));

          expect(await selectAvailableToOwner(store, who, when)).toBe(availableToOwner(packs, who, when));
          expect(await selectionOf(ownerAvailableSelection(who, when))).toEqual(ids(owned.filter((p) => isAvailable(p, when))));

          expect(await selectAvailableToClient(store, forProject.companyId, when)).toBe(availableToClient(packs, forProject.companyId, when));
          expect(await selectionOf(clientAvailableSelection(forProject.companyId, when))).toEqual(ids(packs.filter((p) => p.companyId === forProject.companyId && isAvailable(p, when))));
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describeWithPostgres('text search ignores case as JavaScript does', () => {
  const db = useFreshSchema('case');

  test('dotted capital I and final sigma match their JavaScript lower case, in the tracking report and the client-package search', async () => {
    const store = new PostgresReadModelStore(db().pool, { schema: db().schema });
    const words = ['İstanbul', 'ΟΔΟΣ', 'Straße'];
    await store.commit(creditPackTracking.name, words.map((name, i) => ({ id: `p${i}`, doc: { position: '1', packId: `p${i}`, name, companyId: 'acme', projectManagerId: 'pat', relationshipManagerId: 'sam', expiresAt: '2027-01-01T00:00:00.000Z' } })), 1n);
    await store.commit(clientPackages.name, words.map((packageName, i) => ({ id: `cp${i}`, doc: { position: '1', clientPackageId: `cp${i}`, clientId: 'rose', accountId: null, packageName, status: 'active', startDate: '2026-01-01', endDate: null, periods: [] } })), 1n);
    const packs = (await store.all(creditPackTracking.name)) as TrackedPack[];
    const rows = (await store.all(clientPackages.name)) as ClientPackageRow[];
    for (const search of ['i̇stan', 'İSTAN', 'οδος', 'ΟΔΟΣ', 'straße']) {
      const expected = trackingReport(packs, { search }, '2026-06-01T00:00:00.000Z');
      expect(expected).toHaveLength(1);
      expect(await selectTrackingReport(store, { search }, '2026-06-01T00:00:00.000Z')).toEqual(expected);
      expect(await selectClientPackages(store, { packageName: search.toLowerCase() })).toEqual(searchClientPackages(rows, { packageName: search.toLowerCase() }));
    }
  });
});

describeWithPostgres('SQL queries use the indexes made for them', () => {
  const db = useFreshSchema('indexes');
  let store: PostgresReadModelStore;
  const when = '2026-01-15T00:00:00.000Z';
  beforeAll(async () => {
    store = new PostgresReadModelStore(db().pool, { schema: db().schema });
    // Enough documents, spread over enough values, that reading them all is the planner's worst option.
    const n = 4000;
    const value = (prefix: string, i: number, k: number): string => `${prefix}${i % k}`;
    const expiry = (i: number): string => new Date(T0 + (i % 60) * DAY).toISOString();
    await store.commit(creditPackTracking.name, Array.from({ length: n }, (_, i) => ({ id: `p${i}`, doc: {
      position: '1', packId: `p${i}`, name: `Pack ${i}`, companyId: value('co', i, 200), projectManagerId: value('pm', i, 150), relationshipManagerId: value('rm', i, 170), expiresAt: expiry(i),
    } })), 1n);
    await store.commit(clientPackages.name, Array.from({ length: n }, (_, i) => ({ id: `cp${i}`, doc: {
      position: '1', clientPackageId: `cp${i}`, clientId: value('client', i, 300), accountId: value('acc', i, 250), packageName: `VoIP ${i}`, status: i % 97 === 0 ? 'pending' : 'archived',
    } })), 1n);
    await store.commit(creditBalances.name, Array.from({ length: n }, (_, i) => ({ id: `b${i}`, doc: {
      position: '1', packId: `b${i}`, companyId: value('co', i, 200), officeId: value('office', i, 180), ownerType: i % 2 === 0 ? 'office' : 'user', userId: i % 2 === 0 ? null : value('user', i, 190),
      status: i % 3 === 0 ? 'active' : 'expired', expiresAt: expiry(i), linkedProducts: ['edit'],
    } })), 1n);
    await db().pool.query(`ANALYZE "${db().schema}".view_documents`);
  });

  const plan = async (selection: Selection | undefined): Promise<string> => {
    if (selection === undefined) throw new Error('no selection');
    const statement = documentsStatement(store.schema, selection.view, selection.conditions, selection.values);
    const rows = (await db().pool.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows;
    return JSON.stringify(rows);
  };
  const lower = (e: string): string => `lower(${e})`;

  test.each([
    ['the tracking report by company', () => trackingSelection({ companyId: 'co7' }, when, lower), 'tracking_by_company'],
    ['the tracking report by project manager', () => trackingSelection({ projectManagerId: 'pm7' }, when, lower), 'tracking_by_project_manager'],
    ['the tracking report by relationship manager', () => trackingSelection({ relationshipManagerId: 'rm7' }, when, lower), 'tracking_by_relationship_manager'],
    ['the client-package search by client', () => clientPackageSelection({ clientId: 'client7', statuses: ['archived'] }, lower), 'client_packages_by_client'],
    ['the client-package search by account', () => clientPackageSelection({ accountId: 'acc7', statuses: ['archived'] }, lower), 'client_packages_by_account'],
    ['the client-package search by status', () => clientPackageSelection({}, lower), 'client_packages_by_status'],
    ['the client-package search by id', () => clientPackageSelection({ clientPackageId: 'cp7' }, lower), 'view_documents_pkey'],
    ['packs available for a project', () => packsAvailableSelection({ companyId: 'co7', officeId: 'office7', contactUserIds: ['user7'], productId: 'edit' }, when), 'balances_by_company'],
    ['office credit information', () => officeSelection('office7'), 'balances_by_office'],
    ['packs of a user', () => ownerSelection({ userId: 'user7' }), 'balances_by_user'],
    ['credits available to a client', () => clientAvailableSelection('co7', when), 'balances_by_company'],
  ] as const)('%s reads through the index %s', async (_name, selection, index) => {
    expect(await plan(selection())).toContain(`"Index Name":"${index}"`);
  });
});
