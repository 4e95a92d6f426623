import { InMemoryEventStore } from '@packledger/application';
import type { AccountBilling, ClientPackageRow, CreditBalance, CreditHistory } from '@packledger/projections';
import { nanoid } from 'nanoid';
import { buildReport, render, replayInto, runAgencyScenario, runIspScenario, runVoipScenario } from '@packledger/cli';

const sequentialIds = () => {
  let n = 0;
  return () => `id-${++n}`;
};

const built = async (run: (store: InMemoryEventStore) => Promise<unknown>) => {
  const store = new InMemoryEventStore();
  const result = await run(store);
  const { readModels, lastOccurredAt } = await replayInto(store);
  const docs = async <T>(view: string) => (await readModels.all(view)) as unknown as T[];
  return { store, result, readModels, docs, at: lastOccurredAt ?? '' };
};

describe('the agency scenario', () => {
  const world = built((store) => runAgencyScenario(store, sequentialIds()));

  test('ends with the office pack expired, the mistaken pack reissued, and the new pack in use', async () => {
    const { docs } = await world;
    expect((await docs<CreditBalance>('credit_balances')).map((p) => [p.packId, p.ownerType, p.status, p.remaining, p.forfeited, p.reissuedFrom ?? ''])).toEqual([
      ['id-1', 'office', 'expired', '27', '27', ''], ['id-2', 'user', 'cancelled', '0', '0', ''], ['id-24', 'user', 'active', '6', '0', 'id-2'],
    ]);
  });

  test('shows each kind of refusal a reader should see', async () => {
    const { result } = await world;
    expect((result as { outcome: string; detail: string }[]).filter((s) => s.outcome === 'refused').map((s) => s.detail.split(':')[0])).toEqual([
      'project_not_eligible', 'insufficient_credits', 'forbidden', 'Invalid ConsumeCredits', 'forbidden', 'owner_change_not_allowed', 'warning_not_due', 'pack_expired',
    ]);
  });

  test('prints a history that runs to the expiry, the tracking report and the office\'s credit information', async () => {
    const { readModels, at, docs } = await world;
    const [officeHistory] = (await docs<CreditHistory>('credit_history')).filter((h) => h.packId === 'id-1');
    expect(officeHistory?.entries.map((e) => e.kind)).toEqual(['issued', 'consumed', 'consumed', 'refunded', 'corrected', 'credit_status', 'expiry_warning', 'expired', 'expiry_warning']);
    expect(render(await buildReport('tracking', readModels, { at }), 'table').split('\n').slice(2)).toEqual([
      expect.stringMatching(/^Production pack 10\s+northwind\s+user kim\s+pat-pm\s+rm-sam\s+6\s+2026-12-31\s+launch-teaser \(4\)$/),
    ]);
    expect(render(await buildReport('office', readModels, { at, officeId: 'london' }), 'table')).toMatch(/Production pack 40\s+office\s+london\s+27\s+2026-07-31\s+expired/);
  });

  test('runs with nanoid ids, as the demo does', async () => {
    const store = new InMemoryEventStore();
    await runAgencyScenario(store, () => nanoid());
    const streams = new Set<string>();
    for await (const e of store.readAll()) streams.add(e.stream);
    expect(streams.size).toBe(3);
    for (const stream of streams) expect(stream).toMatch(/^creditPack-[A-Za-z0-9_-]{21}$/);
  });
});

describe('the VoIP scenario', () => {
  const world = built((store) => runVoipScenario(store, sequentialIds()));

  test('renews the seed\'s package over four periods, the third one late after a low balance', async () => {
    const { readModels, docs } = await world;
    const [orig] = await docs<ClientPackageRow>('client_packages');
    expect(orig?.reactivations).toBe(4);
    expect(orig?.packageName).toBe('Volume & Credit 100');
    const [, history] = await buildReport('limits', readModels, { at: '' });
    expect(history?.rows).toEqual([
      ['4', '2018-01-03 11:00', '2018-02-03 11:00', '', '0 USD / 100 USD', '0 min / 100 min'],
      ['3', '2017-12-03 11:00', '2018-01-03 11:00', 'yes', '100 USD / 100 USD', '0 min / 100 min'],
      ['2', '2017-11-01 00:00', '2017-12-01 00:00', '', '0 USD / 100 USD', '18 min / 100 min'],
      ['1', '2017-10-01 00:00', '2017-11-01 00:00', '', '37.5 USD / 100 USD', '100 min / 100 min'],
    ]);
  });

  test('reports the deferred renewal, the usage refused while the period was not renewed, and the pending package', async () => {
    const { result, readModels } = await world;
    const outcomes = (result as { outcome: string }[]).map((s) => s.outcome.split(':')[0]);
    expect(outcomes).toContain('insufficient_balance');
    expect(outcomes).toContain('period_not_renewed');
    const [list] = await buildReport('limits', readModels, { at: '' });
    expect(list?.rows.map((r) => r.slice(0, 6))).toEqual([
      ['cp-orig', 'orig-client', '', 'Volume & Credit 100', 'active', '380 100 USD, 38044 100 min'],
      ['cp-rose', 'rose', 'rose-term', 'Package DID', 'pending', ''],
    ]);
  });
});

describe('the ISP scenario', () => {
  const world = built((store) => runIspScenario(store));

  test('bills two packages over three months, and a repeated run bills nothing', async () => {
    const { result } = await world;
    const { reports, refusals } = result as Awaited<ReturnType<typeof runIspScenario>>;
    expect(refusals).toEqual([]);
    expect(reports.map((r) => [r.billPeriod.start, r.accounts.flatMap((a) => a.packagesBilled)])).toEqual([
      ['2026-01-01', ['ap-fibre']], ['2026-02-01', ['ap-fibre', 'ap-tv']], ['2026-03-01', ['ap-fibre', 'ap-tv']], ['2026-03-01', []],
    ]);
  });

  test('prints invoices with prorated, one-time, discounted and split-status lines, to the cent', async () => {
    const { readModels, docs } = await world;
    const text = render(await buildReport('billing', readModels, { at: '' }), 'table');
    expect(text).toMatch(/Fibre 100\s+recurring\s+internet\s+2026-01-15 \.\. 2026-02-01\s+active, 17\/31 days x 1 at 49.95\s+27.39 EUR/);
    expect(text).toMatch(/Fibre 100\s+one_time\s+internet\s+1 x 99\s+99.00 EUR/);
    expect(text).toMatch(/TV Basic\s+discount\s+tv\s+2026-02-01 \.\. 2026-03-01\s+discount welcome\s+-10.00 EUR/);
    expect(text).toMatch(/suspended, 21\/31 days x 1 at 5\s+3.39 EUR/);
    expect(text.match(/^Total .*$/gm)).toEqual(['Total 126.39 EUR', 'Total 59.94 EUR', 'Total 39.49 EUR']);
    expect((await docs<AccountBilling>('account_billing')).map((d) => [d.packageName, d.billedThrough, d.nextBillDate])).toEqual([
      ['Fibre 100', '2026-04-01', '2026-04-01'], ['TV Basic', '2026-04-01', '2026-04-01'],
    ]);
  });
});
