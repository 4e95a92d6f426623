import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  CreditsString,
  DecimalString,
  decodeWith,
  NonNegativeDecimalString,
  PositiveCreditsString,
  PositiveDecimalString,
  type DecodeError,
  type Dec,
} from '../../src/kernel';

const codecs: ReadonlyArray<readonly [string, t.Mixed]> = [
  ['DecimalString', DecimalString],
  ['NonNegativeDecimalString', NonNegativeDecimalString],
  ['PositiveDecimalString', PositiveDecimalString],
  ['CreditsString', CreditsString],
  ['PositiveCreditsString', PositiveCreditsString],
];

/** Decodes then encodes: the canonical string of an accepted input, or the codes of the refusal. */
const canonical = (codec: t.Mixed, input: unknown): E.Either<string, string> =>
  E.bimap((e: DecodeError) => e.code, (d: Dec): string => codec.encode(d))(decodeWith(codec, input));

const notPlainDecimals: ReadonlyArray<readonly [string, unknown]> = [
  ['the number NaN', Number.NaN],
  ['the number 12.5', 12.5],
  ['the number Infinity', Number.POSITIVE_INFINITY],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['"-Infinity"', '-Infinity'],
  ['""', ''],
  ['" 1"', ' 1'],
  ['"1 "', '1 '],
  ['"1."', '1.'],
  ['".5"', '.5'],
  ['"-.5"', '-.5'],
  ['"+1"', '+1'],
  ['"1,5"', '1,5'],
  ['"0x10"', '0x10'],
  ['"1e5"', '1e5'],
  ['"1E5"', '1E5'],
  ['"1e-5"', '1e-5'],
  ['"١٢"', '١٢'],
  ['"1_000"', '1_000'],
  ['"--1"', '--1'],
  ['"1234567890123456"', '1234567890123456'],
  ['10 000 nines', '9'.repeat(10_000)],
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['an object', {}],
  ['an array', ['1']],
];

describe.each(codecs)('%s', (_name, codec) => {
  test.each(notPlainDecimals)('given %s, when decoded, then it is an invalid_input value, not an exception', (_label, input) => {
    expect(canonical(codec, input)).toEqual(E.left('invalid_input'));
  });

  test('given 15 digits before the decimal point, when decoded, then it is accepted', () => {
    expect(canonical(codec, '999999999999999')).toEqual(E.right('999999999999999'));
  });

  test('given leading zeros, when decoded, then they do not count as digits and are dropped', () => {
    expect(canonical(codec, '0000000000000012.5')).toEqual(E.right('12.5'));
  });
});

describe('digits after the decimal point', () => {
  test.each([
    ['DecimalString', DecimalString, '0.1234567891', '0.12345678912'],
    ['NonNegativeDecimalString', NonNegativeDecimalString, '0.1234567891', '0.12345678912'],
    ['PositiveDecimalString', PositiveDecimalString, '0.1234567891', '0.12345678912'],
    ['CreditsString', CreditsString, '0.123456', '0.1234567'],
    ['PositiveCreditsString', PositiveCreditsString, '0.123456', '0.1234567'],
  ] as const)('given %s, when a decimal has one digit more than %s allows (%s), then it is refused', (_name, codec, atLimit, overLimit) => {
    expect([canonical(codec, atLimit), canonical(codec, overLimit)]).toEqual([E.right(atLimit), E.left('invalid_input')]);
  });

  test('given trailing zeros beyond the credit precision, when decoded as credits, then they are refused like any other digit', () => {
    expect(canonical(CreditsString, '1.0000000')).toEqual(E.left('invalid_input'));
  });
});

describe('signs', () => {
  test.each([
    ['DecimalString', DecimalString, '-3.25', E.right('-3.25')],
    ['NonNegativeDecimalString', NonNegativeDecimalString, '-0.01', E.left('invalid_input')],
    ['NonNegativeDecimalString', NonNegativeDecimalString, '0', E.right('0')],
    ['PositiveDecimalString', PositiveDecimalString, '0', E.left('invalid_input')],
    ['PositiveDecimalString', PositiveDecimalString, '0.0000000001', E.right('0.0000000001')],
    ['CreditsString', CreditsString, '-1', E.left('invalid_input')],
    ['CreditsString', CreditsString, '0', E.right('0')],
    ['PositiveCreditsString', PositiveCreditsString, '0.000', E.left('invalid_input')],
    ['PositiveCreditsString', PositiveCreditsString, '0.000001', E.right('0.000001')],
  ] as const)('given %s, when %p is decoded, then the outcome is %p', (_name, codec, input, expected) => {
    expect(canonical(codec, input)).toEqual(expected);
  });
});

describe('negative zero', () => {
  test.each<[string, t.Mixed]>([
    ['DecimalString', DecimalString],
    ['NonNegativeDecimalString', NonNegativeDecimalString],
    ['CreditsString', CreditsString],
  ])('given "-0.00" to %s, when decoded, then it is plain zero that serialises as "0"', (_name, codec) => {
    const decoded = decodeWith(codec, '-0.00');

    expect(E.map((d: Dec) => [d.isZero(), JSON.stringify(d), codec.encode(d)])(decoded)).toEqual(E.right([true, '"0"', '0']));
  });

  test.each<[string, t.Mixed]>([
    ['PositiveDecimalString', PositiveDecimalString],
    ['PositiveCreditsString', PositiveCreditsString],
  ])('given "-0" to %s, when decoded, then it is refused as not greater than zero', (_name, codec) => {
    expect(canonical(codec, '-0')).toEqual(E.left('invalid_input'));
  });
});

describe('canonical encoding', () => {
  test.each([
    ['1.50', '1.5'],
    ['00012', '12'],
    ['0.000', '0'],
    ['-3.250', '-3.25'],
    ['100', '100'],
    ['0.0000000001', '0.0000000001'],
    ['-999999999999999.9999999999', '-999999999999999.9999999999'],
  ])('given %p, when decoded and encoded, then it is written %p', (input, expected) => {
    expect(canonical(DecimalString, input)).toEqual(E.right(expected));
  });
});

describe('refusal messages', () => {
  test('given a JSON number, when refused, then the message says numbers lose precision', () => {
    expect(decodeWith(DecimalString, 0.1)).toEqual(
      E.left(expect.objectContaining({ facts: { codec: 'DecimalString', problems: [{ path: '(root)', message: expect.stringContaining('numbers lose precision') }] } })),
    );
  });
});
