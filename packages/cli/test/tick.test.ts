import { InMemoryEventStore } from '@packledger/application';
import * as E from 'fp-ts/Either';
import { parseWarnings, runAgencyScenario, runOrdersScenario, runTick, tickLines } from '@packledger/cli';

describe('packledger tick', () => {
  test('sends each warning when due and the expiry once; a second tick at the same or a later instant sends nothing again', async () => {
    const store = new InMemoryEventStore();
    let n = 0;
    await runAgencyScenario(store, () => `id-${++n}`);
    const warnings = parseWarnings('30,7,after');
    if (E.isLeft(warnings)) throw new Error(warnings.left);
    const before = tickLines(await runTick(store, '2026-12-28T00:00:00Z', warnings.right));
    expect(before.filter((l) => l.includes(': done,'))).toEqual([expect.stringMatching(/^expiry: warn:id-24:before_expiry:7 .*done, ExpiryWarningRecorded$/)]);
    const after = tickLines(await runTick(store, '2027-01-05T00:00:00Z', warnings.right));
    expect(after.filter((l) => l.includes(': done,'))).toEqual([
      expect.stringMatching(/^expiry: warn:id-24:after_expiry .*done, ExpiryWarningRecorded$/),
      expect.stringMatching(/^expiry: expire:id-24 .*done, CreditPackExpired$/),
    ]);
    const again = tickLines(await runTick(store, '2027-01-06T00:00:00Z', warnings.right));
    expect(again.filter((l) => l.includes(': done,'))).toEqual([]);
  });

  test('a malformed warning list is refused with a message', () => {
    expect(parseWarnings('30,soon')).toEqual(E.left('"soon" is not a warning: give days before expiry (1 to 366) or "after"'));
  });
});

describe('the credit-order scenario', () => {
  test('an order placed by a client admin is confirmed, used, warned and expired, and each email goes out once', async () => {
    const log = await runOrdersScenario(new InMemoryEventStore());
    expect(log.filter((l) => !l.startsWith('  email'))).toEqual([
      'client admin ada places order-acme-1: placed',
      'sales confirms it: confirmed',
      'ada uses 12 credits for acme-film: ok',
      'tick 2026-02-01: nothing due',
      'tick 2026-07-02: warn:pack-acme-1:before_expiry:30',
      'tick 2026-07-26: warn:pack-acme-1:before_expiry:7',
      'tick 2026-08-03: warn:pack-acme-1:after_expiry, expire:pack-acme-1',
      'tick 2026-08-04: nothing due',
    ]);
    expect(log.filter((l) => l.startsWith('  email'))).toEqual([
      '  email: invoice to acme-finance: Acme production pack, 40 credits, 3800.00 GBP',
      '  email: warning to office acme-hq, acme-finance and rm-sam: Acme production pack has 28 credits, expires on 2026-07-31',
      '  email: warning to office acme-hq, acme-finance and rm-sam: Acme production pack has 28 credits, expires on 2026-07-31',
      '  email: warning to office acme-hq, acme-finance and rm-sam: Acme production pack has 28 credits, expired on 2026-07-31',
    ]);
  });
});
