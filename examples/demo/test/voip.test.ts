import type { ClientPackageRow } from '@packledger/projections';
import { clientPackagesTable, limitsHistoryTable } from '../src/voip/report';
import { runVoipScenario } from '../src/voip/scenario';

describe('the VoIP demo', () => {
  const ids = () => { let n = 0; return () => `id-${++n}`; };
  const result = runVoipScenario(ids());
  const rows = result.then(async ({ readModels }) => (await readModels.all('client_packages')) as unknown as ClientPackageRow[]);

  test('renews the seed\'s package over four periods, the third one late after a low balance', async () => {
    const [orig] = await rows;
    if (orig === undefined) throw new Error('no package');
    expect(limitsHistoryTable(orig).split('\n').slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      ['4', '2018-01-03 11:00', '2018-02-03 11:00', '0 USD / 100 USD', '0 min / 100 min'],
      ['3', '2017-12-03 11:00', '2018-01-03 11:00', 'yes', '100 USD / 100 USD', '0 min / 100 min'],
      ['2', '2017-11-01 00:00', '2017-12-01 00:00', '0 USD / 100 USD', '18 min / 100 min'],
      ['1', '2017-10-01 00:00', '2017-11-01 00:00', '37.5 USD / 100 USD', '100 min / 100 min'],
    ]);
    expect(orig.reactivations).toBe(4);
    expect(orig.packageName).toBe('Volume & Credit 100');
  });

  test('reports the deferred renewal, the usage refused while the period was not renewed, and the pending package', async () => {
    const { steps } = await result;
    expect(steps.map((s) => s.outcome.split(':')[0])).toContain('insufficient_balance');
    expect(steps.map((s) => s.outcome.split(':')[0])).toContain('period_not_renewed');
    expect(clientPackagesTable(await rows).split('\n').slice(2).map((l) => l.split(/\s{2,}/).slice(0, 5))).toEqual([
      ['cp-orig', 'orig-client', 'Volume & Credit 100', 'active', '380 100 USD, 38044 100 min'],
      ['cp-rose', 'rose', 'rose-term', 'Package DID', 'pending'],
    ]);
  });
});
