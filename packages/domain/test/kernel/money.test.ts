import * as E from 'fp-ts/Either';
import {
  addMoney,
  compareMoney,
  formatMoney,
  money,
  moneyEquals,
  multiplyMoney,
  roundMoney,
  subtractMoney,
  type Currency,
  type CurrencyMismatch,
  type Money,
} from '../../src/kernel';

/** The full-precision amount of money, as a plain string (`"2.345"`). */
const amountOf = (m: Money): string => m.amount.toFixed();

describe('roundMoney', () => {
  test.each<[string, Currency, string]>([
    ['2.345', 'EUR', '2.35'],
    ['2.344', 'EUR', '2.34'],
    ['0.125', 'EUR', '0.13'],
    ['2.5', 'JPY', '3'],
    ['2.4999', 'JPY', '2'],
    ['1.0005', 'KWD', '1.001'],
    ['1.0004', 'KWD', '1'],
    ['0.00005', 'CLF', '0.0001'],
    ['12.50', 'EUR', '12.5'],
  ])('given %s %s, when rounded to the minor unit, then half-up gives %s', (amount, currency, expected) => {
    expect(amountOf(roundMoney(money(amount, currency)))).toBe(expected);
  });

  test.each<[string, Currency, string]>([
    ['-2.345', 'EUR', '-2.35'],
    ['-2.344', 'EUR', '-2.34'],
    ['-2.5', 'JPY', '-3'],
    ['-1.0005', 'KWD', '-1.001'],
  ])('given the negative half %s %s, when rounded, then it rounds away from zero like its positive twin: %s', (amount, currency, expected) => {
    expect(amountOf(roundMoney(money(amount, currency)))).toBe(expected);
  });

  test('given a negative amount smaller than half a minor unit, when rounded, then it is plain zero (no "-0" in JSON)', () => {
    const rounded = roundMoney(money('-0.001', 'EUR'));

    expect(rounded.amount.isZero()).toBe(true);
    expect(JSON.stringify(rounded.amount)).toBe('"0"');
  });

  test('given money, when rounded, then the currency is kept', () => {
    expect(roundMoney(money('1.0005', 'KWD')).currency).toBe('KWD');
  });
});

describe('combining two currencies', () => {
  const eur = money('10.00', 'EUR');
  const usd = money('10.00', 'USD');

  test.each<[string, (a: Money, b: Money) => E.Either<CurrencyMismatch, unknown>]>([
    ['addMoney', addMoney],
    ['subtractMoney', subtractMoney],
    ['compareMoney', compareMoney],
  ])('given EUR and USD, when %s meets them, then it refuses with currency_mismatch naming both', (_name, operation) => {
    expect(operation(eur, usd)).toEqual(
      E.left({ code: 'currency_mismatch', facts: { left: 'EUR', right: 'USD' }, message: expect.stringMatching(/EUR.*USD/) }),
    );
  });
});

describe('arithmetic in one currency', () => {
  test('given 10.10 EUR and 2.345 EUR, when added, then the sum keeps every digit: 12.445 EUR', () => {
    expect(E.map(amountOf)(addMoney(money('10.10', 'EUR'), money('2.345', 'EUR')))).toEqual(E.right('12.445'));
  });

  test('given 5 EUR minus 7.50 EUR, when subtracted, then the difference may be negative: -2.5 EUR', () => {
    expect(E.map(amountOf)(subtractMoney(money('5', 'EUR'), money('7.50', 'EUR')))).toEqual(E.right('-2.5'));
  });

  test.each<[string, string, -1 | 0 | 1]>([
    ['1.99', '2', -1],
    ['2.50', '2.5', 0],
    ['2.01', '2', 1],
  ])('given %s EUR and %s EUR, when compared, then the order is %i', (a, b, expected) => {
    expect(compareMoney(money(a, 'EUR'), money(b, 'EUR'))).toEqual(E.right(expected));
  });

  test('given 2.5 EUR and 2.50 EUR, then they are equal money', () => {
    expect(moneyEquals(money('2.5', 'EUR'), money('2.50', 'EUR'))).toBe(true);
  });

  test('given the same amount in EUR and USD, then they are not equal money', () => {
    expect(moneyEquals(money('2.5', 'EUR'), money('2.5', 'USD'))).toBe(false);
  });
});

describe('multiplyMoney', () => {
  test('given 0.01 EUR, when halved, then the result keeps the sub-cent 0.005 EUR instead of rounding', () => {
    expect(amountOf(multiplyMoney(money('0.01', 'EUR'), '0.5'))).toBe('0.005');
  });

  test('given 100 EUR prorated by 1/3 then tripled, when rounded only at the end, then it is exactly 100.00 EUR', () => {
    const third = multiplyMoney(money('100', 'EUR'), money('1', 'EUR').amount.dividedBy(3));

    expect(formatMoney(roundMoney(multiplyMoney(third, 3)))).toBe('100.00 EUR');
  });

  test('given 7 days of a 30-day month at 100 EUR, when prorated, then the unrounded amount carries more digits than the currency', () => {
    const prorated = multiplyMoney(money('100', 'EUR'), money('7', 'EUR').amount.dividedBy(30));

    expect(prorated.amount.decimalPlaces()).toBeGreaterThan(2);
    expect(formatMoney(prorated)).toBe('23.33 EUR');
  });
});

describe('formatMoney', () => {
  test.each<[string, Currency, string]>([
    ['12.5', 'EUR', '12.50 EUR'],
    ['2.345', 'EUR', '2.35 EUR'],
    ['-3.456', 'EUR', '-3.46 EUR'],
    ['1234.5', 'JPY', '1235 JPY'],
    ['1', 'KWD', '1.000 KWD'],
    ['0', 'EUR', '0.00 EUR'],
  ])('given %s %s, when formatted, then it reads %s', (amount, currency, expected) => {
    expect(formatMoney(money(amount, currency))).toBe(expected);
  });

  test('given an amount that rounds to zero from below, when formatted, then it shows no minus sign', () => {
    expect(formatMoney(money('-0.001', 'EUR'))).toBe('0.00 EUR');
  });
});
