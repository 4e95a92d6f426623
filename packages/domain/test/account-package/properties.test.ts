import Decimal from 'decimal.js';
import fc from 'fast-check';
import { addMonths, money, prorate, roundMoney, type LocalDate } from '../../src';
import { addJson, billJson, command, decided, play, singleService } from './fixtures';

const fmt = (d: Date): string => d.toISOString().slice(0, 10);
const plusDays = (s: string, n: number): string => fmt(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
const MONTHS: Record<string, number> = { monthly: 1, bimonthly: 2, quarterly: 3, semiannual: 6, yearly: 12 };

const day = fc.date({ min: new Date('2011-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map(fmt);
const cents = fc.integer({ min: 1, max: 999_999 });
const frequency = fc.constantFrom('monthly', 'bimonthly', 'quarterly', 'semiannual', 'yearly');

const added = (start: string, billDay: number, freq: string, priceCents: number, quantity: number, postpaid: boolean) =>
  play([command(addJson({
    effectiveDate: start, billDay, frequency: freq, quantity, definition: singleService(new Decimal(priceCents).div(100).toFixed(2)),
    options: { chargeFullPeriod: false, postpaid, chargeRecurringOnlyIfUsage: false }, at: `${start}T00:00:00Z`,
  }))]);

const totalOf = (events: ReturnType<typeof play>): Decimal =>
  events.reduce((s, e) => (e.type === 'PackageBilled' ? s.plus(e.data.total.amount) : s), new Decimal(0));

describe('billing properties', () => {
  test('splitting a bill period at any day and billing both parts differs from billing it whole by at most one minor unit per part', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 31 }), frequency, cents, fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.integer({ min: 2, max: 400 }), fc.nat(), fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      (start, billDay, freq, priceCents, quantity, postpaid, length, cut, cancelAfter) => {
        const history = added(start, billDay, freq, priceCents, quantity, postpaid);
        const withCancel = cancelAfter === undefined ? history
          : play([command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: plusDays(start, cancelAfter), actor: { kind: 'staff', userId: 'a', roles: ['accounts'] }, at: `${start}T00:00:00Z` })], history);
        const end = plusDays(start, length);
        const middle = plusDays(start, 1 + (cut % (length - 1)));
        const whole = totalOf(play([command(billJson(start, end))], withCancel));
        const parts = totalOf(play([command(billJson(start, middle)), command(billJson(middle, end))], withCancel));
        expect(whole.minus(parts).abs().lte(new Decimal('0.02'))).toBe(true);
      }), { numRuns: 200 });
  });

  test('prorating a stretch of days split at any day differs from prorating it whole by at most one minor unit per part', () => {
    fc.assert(fc.property(cents, fc.integer({ min: 28, max: 366 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 }), (priceCents, periodDays, a, b, quantity) => {
      const price = money(new Decimal(priceCents).div(100), 'EUR');
      const days = 2 + (a % (periodDays - 1));
      const first = 1 + (b % (days - 1));
      const whole = roundMoney(prorate(price, days, periodDays, quantity)).amount;
      const parts = roundMoney(prorate(price, first, periodDays, quantity)).amount.plus(roundMoney(prorate(price, days - first, periodDays, quantity)).amount);
      expect(whole.minus(parts).abs().lte(new Decimal('0.02'))).toBe(true);
    }), { numRuns: 1000 });
  });

  test('the total billed over a year equals the annual price for an unchanged package', () => {
    fc.assert(fc.property(day, frequency, cents, fc.integer({ min: 1, max: 50 }), fc.boolean(), (start, freq, priceCents, quantity, postpaid) => {
      const billDay = Number(start.slice(8, 10));
      const history = added(start, billDay, freq, priceCents, quantity, postpaid);
      const yearLater = addMonths(start as LocalDate, 12);
      const run = postpaid ? billJson(plusDays(start, 1), plusDays(yearLater, 1)) : billJson(start, yearLater);
      const annual = new Decimal(priceCents).div(100).times(12 / (MONTHS[freq] ?? 1)).times(quantity);
      expect(totalOf(play([command(run)], history)).toFixed(2)).toBe(annual.toFixed(2));
    }), { numRuns: 300 });
  });

  test('the total billed for a package cancelled one year after it starts equals the annual price, whatever its bill day, in years without February 29', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 1, max: 28 }), cents, (offset, billDay, priceCents) => {
      const start = plusDays('2013-03-01', offset);
      const history = play([command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: addMonths(start as LocalDate, 12), actor: { kind: 'staff', userId: 'a', roles: ['accounts'] }, at: `${start}T00:00:00Z` })],
        added(start, billDay, 'monthly', priceCents, 1, false));
      const total = totalOf(play([command(billJson(start, plusDays(start, 400)))], history));
      expect(total.minus(new Decimal(priceCents).div(100).times(12)).abs().lte(new Decimal('0.01'))).toBe(true);
    }), { numRuns: 200 });
  });

  test('billing the same period twice adds nothing', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 31 }), frequency, cents, fc.boolean(), fc.integer({ min: 1, max: 800 }), (start, billDay, freq, priceCents, postpaid, length) => {
      const run = command(billJson(start, plusDays(start, length)));
      const once = play([run], added(start, billDay, freq, priceCents, 1, postpaid));
      expect(decided(once, command(billJson(start, plusDays(start, length), { invoiceNumber: 'AGAIN' })))).toEqual([]);
    }), { numRuns: 200 });
  });
});
