import type { AccountBilling } from '@packledger/projections';
import { invoicesText, packagesTable } from '../src/isp/report';
import { runIspScenario } from '../src/isp/scenario';

describe('the ISP demo', () => {
  const result = runIspScenario();
  const docs = result.then(async ({ readModels }) => (await readModels.all('account_billing')) as unknown as AccountBilling[]);

  test('bills two packages over three months, and a repeated run bills nothing', async () => {
    const { reports, refusals } = await result;
    expect(refusals).toEqual([]);
    expect(reports.map((r) => [r.billPeriod.start, r.accounts.flatMap((a) => a.packagesBilled)])).toEqual([
      ['2026-01-01', ['ap-fibre']], ['2026-02-01', ['ap-fibre', 'ap-tv']], ['2026-03-01', ['ap-fibre', 'ap-tv']], ['2026-03-01', []],
    ]);
  });

  test('prints invoices with prorated, one-time, discounted and split-status lines, to the cent', async () => {
    const text = invoicesText(await docs, 'acc-jones');
    expect(text).toMatch(/Fibre 100\s+recurring\s+internet\s+2026-01-15 \.\. 2026-02-01\s+active, 17\/31 days x 1 at 49.95\s+27.39 EUR/);
    expect(text).toMatch(/Fibre 100\s+one_time\s+internet\s+1 x 99\s+99.00 EUR/);
    expect(text).toMatch(/TV Basic\s+discount\s+tv\s+2026-02-01 \.\. 2026-03-01\s+discount welcome\s+-10.00 EUR/);
    expect(text).toMatch(/suspended, 21\/31 days x 1 at 5\s+3.39 EUR/);
    expect(text.match(/^Total .*$/gm)).toEqual(['Total 126.39 EUR', 'Total 59.94 EUR', 'Total 39.49 EUR']);
    expect(packagesTable(await docs)).toMatch(/Fibre 100\s+active\s+2026-04-01\s+2026-04-01/);
  });
});
