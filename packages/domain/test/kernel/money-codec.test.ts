import * as E from 'fp-ts/Either';
import { decodeWith, MoneyCodec, type DecodeError, type Money } from '../../src/kernel';

/** Decodes then encodes: the canonical JSON of accepted money, or the problems of the refusal. */
const roundTrip = (input: unknown): E.Either<DecodeError['facts']['problems'], unknown> =>
  E.bimap((e: DecodeError) => e.facts.problems, MoneyCodec.encode)(decodeWith(MoneyCodec, input));

describe('MoneyCodec accepts', () => {
  test('given {"amount":"12.50","currency":"EUR"}, when decoded, then it is 12.5 EUR', () => {
    expect(E.map((m: Money) => [m.amount.toFixed(2), m.currency])(decodeWith(MoneyCodec, JSON.parse('{"amount":"12.50","currency":"EUR"}')))).toEqual(
      E.right(['12.50', 'EUR']),
    );
  });

  test.each([
    [{ amount: '0', currency: 'EUR' }, { amount: '0.00', currency: 'EUR' }],
    [{ amount: '12.5', currency: 'EUR' }, { amount: '12.50', currency: 'EUR' }],
    [{ amount: '1000', currency: 'JPY' }, { amount: '1000', currency: 'JPY' }],
    [{ amount: '1.001', currency: 'KWD' }, { amount: '1.001', currency: 'KWD' }],
    [{ amount: '-0.00', currency: 'EUR' }, { amount: '0.00', currency: 'EUR' }],
  ])('given %p, when decoded and encoded, then it is written %p', (input, expected) => {
    expect(roundTrip(input)).toEqual(E.right(expected));
  });

  test('given money, when encoded then decoded, then it is the same money', () => {
    const once = decodeWith(MoneyCodec, { amount: '99.99', currency: 'USD' });
    const twice = E.chain((m: Money) => decodeWith(MoneyCodec, MoneyCodec.encode(m)))(once);

    expect(E.map(MoneyCodec.encode)(twice)).toEqual(E.map(MoneyCodec.encode)(once));
  });

  test('given extra fields, when decoded, then they are dropped', () => {
    expect(roundTrip({ amount: '1', currency: 'EUR', rate: 'x' })).toEqual(E.right({ amount: '1.00', currency: 'EUR' }));
  });
});

describe('MoneyCodec refuses', () => {
  test.each([['XYZ'], ['eur'], [''], [' EUR'], [null], [978]])('given the currency %p, then the problem is at "currency"', (currency) => {
    expect(roundTrip({ amount: '1', currency })).toEqual(E.left([{ path: 'currency', message: expect.any(String) }]));
  });

  test.each<[string, unknown, string]>([
    ['12.5 (a number)', 12.5, 'EUR'],
    ['"NaN"', 'NaN', 'EUR'],
    ['"Infinity"', 'Infinity', 'EUR'],
    ['"-Infinity"', '-Infinity', 'EUR'],
    ['"1e5"', '1e5', 'EUR'],
    ['""', '', 'EUR'],
    ['" 1"', ' 1', 'EUR'],
    ['"1."', '1.', 'EUR'],
    ['".5"', '.5', 'EUR'],
    ['"0x10"', '0x10', 'EUR'],
    ['"-1"', '-1', 'EUR'],
    ['"-0.01"', '-0.01', 'EUR'],
    ['"1.234"', '1.234', 'EUR'],
    ['"1.5"', '1.5', 'JPY'],
    ['"1.0001"', '1.0001', 'KWD'],
    ['"1234567890123456"', '1234567890123456', 'EUR'],
    ['100 000 digits', '1'.repeat(100_000), 'EUR'],
    ['null', null, 'EUR'],
  ])('given the amount %s in %s, then the problem is at "amount"', (_label, amount, currency) => {
    expect(roundTrip({ amount, currency })).toEqual(E.left([{ path: 'amount', message: expect.any(String) }]));
  });

  test('given more decimals than the currency has, then the message names the currency and its minor unit', () => {
    expect(roundTrip({ amount: '1.5', currency: 'JPY' })).toEqual(E.left([{ path: 'amount', message: expect.stringContaining('JPY has 0') }]));
  });

  test('given a bad amount and a bad currency, then both fields are listed', () => {
    expect(E.mapLeft((ps: DecodeError['facts']['problems']) => ps.map((p) => p.path))(roundTrip({ amount: 1, currency: 'XYZ' }))).toEqual(
      E.left(['amount', 'currency']),
    );
  });

  test.each([[null], ['12.50 EUR'], [12.5], [[]], [{}], [{ amount: '1' }], [{ currency: 'EUR' }]])('given %p, then it is refused', (input) => {
    expect(E.isLeft(roundTrip(input))).toBe(true);
  });

  test('given an absurdly long amount, then the refusal message stays short', () => {
    const outcome = decodeWith(MoneyCodec, { amount: '1'.repeat(100_000), currency: 'EUR' });

    expect(E.isLeft(outcome) && outcome.left.message.length).toBeLessThan(300);
  });
});
