import {
  availableToClient, availableToOwner, officeCreditInformation, packsAvailableFor, searchClientPackages, startProjections, trackingReport,
  type ClientPackageRow, type CreditBalance, type CreditHistory, type TrackedPack,
} from '@packledger/projections';
import { consumeJson, dayIso, issueJson, makeWorld, staff, system } from './world';

const built = async (commands: Record<string, unknown>[]) => {
  const world = makeWorld();
  for (const c of commands) await world.send(c);
  const running = await startProjections({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode });
  await running.caughtUp;
  await running.stop();
  const all = async <T>(view: string) => (await world.readModels.all(view)) as unknown as T[];
  return { world, all };
};

describe('credit balances', () => {
  test('one row per pack: issued, corrected, consumed, refunded, remaining, status and expiry', async () => {
    const { all } = await built([
      issueJson('p1'), issueJson('p2', { user: 'kim', credits: '10' }),
      consumeJson('p1', 'c1', '12', 10), consumeJson('p2', 'c2', '10', 11),
      { type: 'RefundConsumption', packId: 'p1', refundId: 'r1', consumptionId: 'c1', credits: '2', reason: 'short day', actor: staff, at: dayIso(12) },
      { type: 'CorrectCreditValue', packId: 'p1', correctedCredits: '45', reason: 'order said 45', actor: staff, at: dayIso(13) },
    ]);
    const rows = (await all<CreditBalance>('credit_balances')).map((b) => [b.packId, b.ownerType, b.issued, b.corrected, b.consumed, b.refunded, b.remaining, b.status, b.expiresAt.slice(0, 10)]);
    expect(rows).toEqual([
      ['p1', 'office', '40', '5', '12', '2', '35', 'active', '2026-07-01'],
      ['p2', 'user', '10', '0', '10', '0', '0', 'exhausted', '2026-07-01'],
    ]);
  });

  test('per owner and per client: only packs usable at the instant count', async () => {
    const { all } = await built([issueJson('p1'), issueJson('p2', { user: 'kim', credits: '10' }), issueJson('p3', { months: 1, credits: '7' }), issueJson('p4', { company: 'globex', office: 'ny' })]);
    const packs = await all<CreditBalance>('credit_balances');
    expect(availableToOwner(packs, { officeId: 'london' }, dayIso(10))).toBe('47');
    expect(availableToOwner(packs, { userId: 'kim' }, dayIso(10))).toBe('10');
    expect(availableToClient(packs, 'acme', dayIso(10))).toBe('57');
    expect(availableToClient(packs, 'acme', dayIso(40))).toBe('50');
  });
});

describe('credit history', () => {
  test('every transaction in and out, in order, with project, invoice and who', async () => {
    const { all } = await built([
      issueJson('p1'), { ...consumeJson('p1', 'c1', '12', 10), invoiceLine: { invoiceId: 'inv-7', lineId: 'l1' } },
      { type: 'RefundConsumption', packId: 'p1', refundId: 'r1', consumptionId: 'c1', credits: '2', reason: 'short day', actor: staff, at: dayIso(12) },
      consumeJson('p1', 'c2', '30', 13),
    ]);
    const [history] = await all<CreditHistory>('credit_history');
    expect(history?.entries.map((e) => [e.at.slice(0, 10), e.kind, e.credits, e.balance, e.projectId, e.invoiceId, e.by])).toEqual([
      ['2026-01-01', 'issued', '+40', '40', null, null, 'staff:ali'],
      ['2026-01-11', 'consumed', '-12', '28', 'film', 'inv-7', 'staff:ali'],
      ['2026-01-13', 'refunded', '+2', '30', 'film', null, 'staff:ali'],
      ['2026-01-14', 'consumed', '-30', '0', 'film', null, 'staff:ali'],
      ['2026-01-14', 'exhausted', '', '0', null, null, 'staff:ali'],
    ]);
  });
});

describe('credit-pack tracking', () => {
  const commands = [
    issueJson('p1', { pm: 'pat', rm: 'sam', name: 'Brand films' }), issueJson('p2', { pm: 'max', rm: 'sam', company: 'globex', office: 'ny' }), issueJson('p3', { pm: 'pat', rm: 'rae', months: 1 }),
    consumeJson('p1', 'c1', '5', 3, { id: 'film-a' }), consumeJson('p1', 'c2', '4', 4, { id: 'film-b' }),
    { type: 'SetCreditStatus', packId: 'p1', creditStatus: 'drive Q2', specialNotes: 'call in May', actor: staff, at: dayIso(5) },
  ];

  test('lists active packs with remaining, expiry, projects used for, credit status and notes', async () => {
    const { all } = await built(commands);
    const [p1] = trackingReport(await all<TrackedPack>('credit_pack_tracking'), { search: 'brand' }, dayIso(6));
    expect(p1).toMatchObject({ packId: 'p1', remaining: '31', creditStatus: 'drive Q2', specialNotes: 'call in May', projects: [{ projectId: 'film-a', credits: '5' }, { projectId: 'film-b', credits: '4' }] });
  });

  test('filters by company, project manager and relationship manager', async () => {
    const { all } = await built(commands);
    const packs = await all<TrackedPack>('credit_pack_tracking');
    const ids = (f: Parameters<typeof trackingReport>[1]) => trackingReport(packs, f, dayIso(6)).map((p) => p.packId);
    expect(ids({ companyId: 'acme' })).toEqual(['p3', 'p1']);
    expect(ids({ projectManagerId: 'pat' })).toEqual(['p3', 'p1']);
    expect(ids({ relationshipManagerId: 'sam' })).toEqual(['p1', 'p2']);
    expect(ids({ projectManagerId: 'pat', relationshipManagerId: 'rae' })).toEqual(['p3']);
  });

  test('an expired pack leaves the report but stays in the office\'s credit information', async () => {
    const { all } = await built([...commands, { type: 'ExpirePack', packId: 'p3', actor: system, at: dayIso(40) }]);
    expect(trackingReport(await all<TrackedPack>('credit_pack_tracking'), {}, dayIso(41)).map((p) => p.packId)).toEqual(['p1', 'p2']);
    const office = officeCreditInformation(await all<CreditBalance>('credit_balances'), 'london', dayIso(41));
    expect(office.map((r) => [r.packId, r.ownerType, r.remaining, r.status])).toEqual([['p3', 'office', '40', 'expired'], ['p1', 'office', '31', 'active']]);
  });
});

describe('packs available for a project or invoice', () => {
  test('eligible, linked, unexpired packs with their balances, soonest-expiring first', async () => {
    const { all } = await built([
      issueJson('p1', { months: 6 }), issueJson('p2', { months: 2 }), issueJson('p3', { user: 'kim', months: 3 }), issueJson('p4', { user: 'lee' }),
      issueJson('p5', { office: 'paris' }), issueJson('p6', { company: 'globex' }), issueJson('p7', { months: 1 }),
    ]);
    const available = packsAvailableFor(await all<CreditBalance>('credit_balances'), { companyId: 'acme', officeId: 'london', contactUserIds: ['kim'], productId: 'edit' }, dayIso(40));
    expect(available.map((p) => [p.packId, p.remaining])).toEqual([['p2', '40'], ['p3', '40'], ['p1', '40']]);
    expect(packsAvailableFor(await all<CreditBalance>('credit_balances'), { companyId: 'acme', officeId: 'london', contactUserIds: [], productId: 'colour' }, dayIso(1))).toEqual([]);
  });
});

describe('client packages', () => {
  const voip = {
    catalogPackageId: 'voip', name: 'Test Package with volume and credit limits', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
    period: { unit: 'month', count: 1 }, limits: [{ type: 'money', prefix: '380', amount: { amount: '100.00', currency: 'USD' } }, { type: 'volume', prefix: '38044', minutes: '100' }],
  };
  const options = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };
  const assign = (clientPackageId: string, at: string, extra: Record<string, unknown> = {}) => ({ type: 'AssignClientPackage', clientPackageId, clientId: 'orig', package: voip, startDate: at, quantity: 1, activateInPast: true, options, actor: staff, at, ...extra });
  const run = (clientPackageId: string, at: string) => ({ type: 'RunPackageManager', clientPackageId, clientBalance: { amount: '500', currency: 'USD' }, actor: system, at });
  const use = (usageId: string, minutes: string, at: string) => ({ type: 'RateUsage', clientPackageId: 'cp1', usage: { type: 'minutes', usageId, destination: '380441', minutes }, actor: system, at });

  test('the limits history has one row per period with its limits, usage and remainder', async () => {
    const { all } = await built([
      assign('cp1', '2017-10-01T00:00:00Z'), run('cp1', '2017-10-01T00:00:00Z'), use('u1', '30', '2017-10-05T00:00:00Z'),
      run('cp1', '2017-11-01T00:00:00Z'), use('u2', '12.5', '2017-11-02T00:00:00Z'), run('cp1', '2017-12-01T00:00:00Z'), run('cp1', '2018-01-01T00:00:00Z'),
    ]);
    const [row] = await all<ClientPackageRow>('client_packages');
    expect(row?.reactivations).toBe(4);
    expect(row?.periods.map((p) => [p.start.slice(0, 10), p.end.slice(0, 10), ...p.limits.map((l) => `${l.prefix} ${l.limit}/${l.used}/${l.left}`)])).toEqual([
      ['2018-01-01', '2018-02-01', '380 100/0/100', '38044 100/0/100'],
      ['2017-12-01', '2018-01-01', '380 100/0/100', '38044 100/0/100'],
      ['2017-11-01', '2017-12-01', '380 100/0/100', '38044 100/12.5/87.5'],
      ['2017-10-01', '2017-11-01', '380 100/0/100', '38044 100/30/70'],
    ]);
  });

  test('the list shows pending and active packages by default and filters like the seed\'s advanced search', async () => {
    const { all } = await built([
      assign('cp1', '2017-10-01T00:00:00Z'), run('cp1', '2017-10-01T00:00:00Z'), use('u1', '30', '2017-10-05T00:00:00Z'),
      assign('cp2', '2017-10-02T00:00:00Z', { clientId: 'rose', accountId: 'rose-term' }),
      assign('cp3', '2017-10-02T00:00:00Z'), { type: 'CancelClientPackage', clientPackageId: 'cp3', actor: staff, at: '2017-10-03T00:00:00Z' },
    ]);
    const rows = await all<ClientPackageRow>('client_packages');
    expect(searchClientPackages(rows).map((r) => [r.clientPackageId, r.status, r.limitsLeft.join(', ')])).toEqual([
      ['cp1', 'active', '380 100 USD, 38044 70 min'], ['cp2', 'pending', ''],
    ]);
    expect(searchClientPackages(rows, { accountId: 'rose-term' }).map((r) => r.clientPackageId)).toEqual(['cp2']);
    expect(searchClientPackages(rows, { statuses: ['cancelled'] }).map((r) => r.clientPackageId)).toEqual(['cp3']);
    expect(searchClientPackages(rows, { packageName: 'VOLUME', clientId: 'orig' }).map((r) => r.clientPackageId)).toEqual(['cp1']);
  });

  test('a package deleted entirely disappears from the views', async () => {
    const { all } = await built([
      assign('cp1', '2017-10-01T00:00:00Z'), { type: 'CancelClientPackage', clientPackageId: 'cp1', actor: staff, at: '2017-10-02T00:00:00Z' },
      { type: 'ArchiveClientPackage', clientPackageId: 'cp1', actor: staff, at: '2017-10-02T00:00:00Z' }, { type: 'DeleteClientPackage', clientPackageId: 'cp1', actor: staff, at: '2017-10-03T00:00:00Z' },
    ]);
    expect(await all<ClientPackageRow>('client_packages')).toEqual([]);
  });
});
