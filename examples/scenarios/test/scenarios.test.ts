import { main as agency } from '../src/agency';
import { main as isp } from '../src/isp';
import { main as voip } from '../src/voip';

/** Runs a scenario and returns the lines it printed. */
const run = async (main: (log: (line: string) => void) => Promise<void>): Promise<string[]> => {
  const lines: string[] = [];
  await main((line) => lines.push(line));
  return lines;
};

// The expected values below are worked out from the rules, not copied from the output.

describe('agency', () => {
  test('40 issued, 12 + 8 used, 30 refused, 2 refunded, +5 corrected: 27 left', async () => {
    const lines = await run(agency);
    const refused = lines.filter((l) => l.startsWith('refused'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^refused {2}ConsumeCredits: insufficient_credits: .*20 credits left; you asked for 30\./);
    // Six months after 2026-01-31 is 2026-07-31.
    expect(lines).toContain('balance pack-1: issued 40, corrected 5, consumed 20, refunded 2, remaining 27 (active, expires 2026-07-31)');
    expect(lines).toContain('northwind can use 27 credits');
    // The history: the balance after each entry, in order; the refused request left no trace.
    const history = lines.filter((l) => l.startsWith('  2026-')).map((l) => l.split(/\s+/).filter(Boolean).slice(1, 5));
    expect(history).toEqual([
      ['issued', '+40', '->', '40'],
      ['consumed', '-12', '->', '28'],
      ['consumed', '-8', '->', '20'],
      ['refunded', '+2', '->', '22'],
      ['corrected', '+5', '->', '27'],
    ]);
  });
});

describe('isp', () => {
  test('three invoices: January prorated with installation, February discounted, March split by the suspension', async () => {
    const lines = await run(isp);
    const invoices = lines.filter((l) => l.startsWith('invoice '));
    expect(invoices).toEqual([
      // 49.95 x 17/31 = 27.39 (15 to 31 January), plus the 99.00 installation.
      'invoice acc-jones-2026-01 (2026-01-01 to 2026-02-01): 126.39 EUR',
      // 49.95 + 19.99 - 50% of 19.99 (9.995, rounded half up to 10.00).
      'invoice acc-jones-2026-02 (2026-02-01 to 2026-03-01): 59.94 EUR',
      // 49.95 x 10/31 = 16.11 active, 5.00 x 21/31 = 3.39 suspended, 19.99 TV.
      'invoice acc-jones-2026-03 (2026-03-01 to 2026-04-01): 39.49 EUR',
    ]);
    const amounts = (invoice: string): string[] => {
      const start = lines.indexOf(invoice) + 1;
      const end = lines.findIndex((l, i) => i >= start && !l.startsWith('  '));
      return lines.slice(start, end === -1 ? undefined : end).map((l) => l.trim().split(/\s+/).find((w) => /^-?\d+\.\d\d$/.test(w)) ?? '');
    };
    expect(invoices.map(amounts)).toEqual([['27.39', '99.00'], ['49.95', '19.99', '-10.00'], ['16.11', '3.39', '19.99']]);
  });

  test('a cancellation inside the billed March is refused; one on 1 April is scheduled', async () => {
    const lines = await run(isp);
    expect(lines.filter((l) => l.startsWith('refused'))).toEqual([expect.stringMatching(/^refused {2}CancelAccountPackage: cancellation_in_billed_period: .*billed up to 2026-04-01/)]);
    expect(lines).toContain('ok       CancelAccountPackage: AccountPackageCancellationScheduled');
  });
});

describe('voip', () => {
  test('usage is drawn from the matching limit, the rest overflows, and a renewal brings fresh limits', async () => {
    const lines = await run(voip);
    expect(lines.filter((l) => l.startsWith('package manager'))).toEqual([
      'package manager at 2026-03-01, balance 50.00 USD: ClientPackageActivated (nothing more is due)',
      'package manager at 2026-04-01, balance 25.00 USD: ClientPackageRenewed (nothing more is due)',
    ]);
    // 100 minutes to 38044: 42 used, 58 left, so a 75-minute call takes 58 and overflows 17.
    expect(lines).toContain('rated call-2 to 380449876543: 75 min asked, 58 from the package, 17 over the limit');
    expect(lines).toContain('rated charge-1 to 380501112233: 37.5 USD asked, 37.5 from the package, 0 over the limit');
    expect(lines.filter((l) => l.startsWith('  period'))).toEqual([
      '  period 2 2026-04-01 to 2026-05-01: 380 used 0 of 100 USD, 100 left',
      '  period 2 2026-04-01 to 2026-05-01: 38044 used 10 of 100 min, 90 left',
      '  period 1 2026-03-01 to 2026-04-01: 380 used 37.5 of 100 USD, 62.5 left',
      '  period 1 2026-03-01 to 2026-04-01: 38044 used 100 of 100 min, 0 left',
    ]);
  });
});

test('every scenario prints the same lines each time it runs (no clock, no random ids)', async () => {
  for (const main of [agency, isp, voip]) expect(await run(main)).toEqual(await run(main));
});
