import * as E from 'fp-ts/Either';
import { CurrencyCode, decodeWith, isCurrency, minorUnitDigits, type Currency } from '../../src/kernel';

describe('minor units', () => {
  test.each<[Currency, number]>([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('given %s, then its minor unit has %i digits', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });
});

describe('CurrencyCode', () => {
  test('given "EUR", when decoded, then it is the currency EUR', () => {
    expect(decodeWith(CurrencyCode, 'EUR')).toEqual(E.right('EUR'));
  });

  test.each([['XYZ'], ['eur'], [''], [' EUR'], ['EURO'], ['toString'], ['__proto__'], [42], [null]])(
    'given %p, when decoded, then it is refused as not an ISO 4217 code',
    (input) => {
      expect(decodeWith(CurrencyCode, input)).toEqual(
        E.left(expect.objectContaining({ code: 'invalid_input', facts: { codec: 'Currency', problems: [{ path: '(root)', message: expect.stringContaining('ISO 4217') }] } })),
      );
    },
  );

  test('given an absurdly long code, when refused, then the message quotes only its start', () => {
    const outcome = decodeWith(CurrencyCode, 'E'.repeat(10_000));

    expect(E.isLeft(outcome) && outcome.left.message.length).toBeLessThan(200);
  });

  test('given names of Object.prototype, then isCurrency does not take them for currencies', () => {
    expect(['constructor', 'hasOwnProperty', '__proto__'].some(isCurrency)).toBe(false);
  });
});
