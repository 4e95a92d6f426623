import { nanoid } from 'nanoid';
import { balancesTable, historyTable } from '../src/report';
import { packsOf, runAgencyScenario } from '../src/scenario';

const sequentialIds = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('the agency demo', () => {
  const result = runAgencyScenario(sequentialIds());
  const packs = packsOf(result).map((p) => p.state);

  test('ends with the office pack expired, the mistaken pack reissued, and the new pack in use', () => {
    expect(packs.map((p) => (p.kind === 'issued' ? [p.packId, p.status, p.remaining.toFixed(), p.forfeited.toFixed()] : []))).toEqual([
      ['id-1', 'expired', '27', '27'],
      ['id-2', 'cancelled', '0', '0'],
      ['id-12', 'active', '6', '0'],
    ]);
  });

  test('shows each kind of refusal a reader should see', () => {
    const refused = result.steps.filter((s) => s.outcome === 'refused').map((s) => s.detail.split(':')[0]);
    expect(refused).toEqual([
      'project_not_eligible',
      'insufficient_credits',
      'forbidden',
      'Invalid ConsumeCredits',
      'forbidden',
      'owner_change_not_allowed',
      'warning_not_due',
      'pack_expired',
    ]);
  });

  test('prints a balances table and a history that runs to the expiry', () => {
    expect(balancesTable(packs)).toMatch(/Production pack 40\s+office london\s+expired\s+45\s+20\s+2\s+0\s+27/);
    const [officePack] = packsOf(result);
    expect(historyTable(officePack?.events ?? []).split('\n').map((l) => l.split(/\s{2,}/)[1])).toEqual([
      'what', '---------------', 'issued', 'consumed', 'consumed', 'refunded', 'value corrected', 'credit status', 'expiry warning', 'expired', 'expiry warning',
    ]);
  });

  test('runs with nanoid ids, as the demo does', () => {
    const withNanoid = runAgencyScenario(() => nanoid());
    expect(withNanoid.streams.size).toBe(3);
    for (const stream of withNanoid.streams.keys()) expect(stream).toMatch(/^creditPack-[A-Za-z0-9_-]{21}$/);
  });
});
