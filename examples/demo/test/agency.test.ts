import { nanoid } from 'nanoid';
import type { CreditBalance, CreditHistory, TrackedPack } from '@packledger/projections';
import { balancesTable, historyTable, officeCreditTable, trackingTable } from '../src/agency/report';
import { runAgencyScenario } from '../src/agency/scenario';

const sequentialIds = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('the agency demo', () => {
  const result = runAgencyScenario(sequentialIds());
  const views = result.then(async ({ readModels }) => ({
    balances: (await readModels.all('credit_balances')) as unknown as CreditBalance[],
    histories: (await readModels.all('credit_history')) as unknown as CreditHistory[],
    tracked: (await readModels.all('credit_pack_tracking')) as unknown as TrackedPack[],
  }));

  test('ends with the office pack expired, the mistaken pack reissued, and the new pack in use', async () => {
    const { balances } = await views;
    expect(balances.map((p) => [p.name, p.ownerType, p.status, p.remaining, p.forfeited, p.reissuedFrom === null ? '' : 'reissued'])).toEqual([
      ['Production pack 40', 'office', 'expired', '27', '27', ''],
      ['Production pack 10', 'user', 'cancelled', '0', '0', ''],
      ['Production pack 10', 'user', 'active', '6', '0', 'reissued'],
    ]);
  });

  test('shows each kind of refusal a reader should see', async () => {
    const refused = (await result).steps.filter((s) => s.outcome === 'refused').map((s) => s.detail.split(':')[0]);
    expect(refused).toEqual([
      'project_not_eligible', 'insufficient_credits', 'forbidden', 'Invalid ConsumeCredits', 'forbidden', 'owner_change_not_allowed', 'warning_not_due', 'pack_expired',
    ]);
  });

  test('prints balances, a history that runs to the expiry, the tracking report and the office\'s credit information', async () => {
    const { balances, histories, tracked } = await views;
    expect(balancesTable(balances)).toMatch(/Production pack 40\s+office london\s+expired\s+40\s+5\s+20\s+2\s+0\s+27/);
    const officeHistory = histories.find((h) => h.packId === balances[0]?.packId);
    if (officeHistory === undefined) throw new Error('no history');
    expect(historyTable(officeHistory).split('\n').slice(2).map((l) => l.split(/\s{2,}/)[1])).toEqual([
      'issued', 'consumed', 'consumed', 'refunded', 'corrected', 'credit_status', 'expiry_warning', 'expired', 'expiry_warning',
    ]);
    expect(trackingTable(tracked, '2026-08-02T00:00:00.000Z').split('\n').slice(2)).toEqual([expect.stringMatching(/^Production pack 10\s+northwind\s+user kim\s+pat-pm\s+rm-sam\s+6\s+2026-12-31\s+launch-teaser \(4\)$/)]);
    expect(officeCreditTable(balances, 'london', '2026-09-01T00:00:00.000Z')).toMatch(/Production pack 40\s+office\s+london\s+27\s+2026-07-31\s+expired/);
  });

  test('runs with nanoid ids, as the demo does', async () => {
    const withNanoid = await runAgencyScenario(() => nanoid());
    const streams = new Set<string>();
    for await (const e of withNanoid.store.readAll()) streams.add(e.stream);
    expect(streams.size).toBe(3);
    for (const stream of streams) expect(stream).toMatch(/^creditPack-[A-Za-z0-9_-]{21}$/);
  });
});
