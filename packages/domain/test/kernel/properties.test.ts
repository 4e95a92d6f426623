import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  addDays,
  addMoney,
  addMonths,
  CreditsString,
  daysBetween,
  daysInMonth,
  Dec,
  DecimalString,
  decodeWith,
  minorUnitDigits,
  money,
  MoneyCodec,
  moneyEquals,
  parseLocalDate,
  roundMoney,
  type Currency,
  type LocalDate,
  type Money,
} from '../../src/kernel';

const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** Plain decimal strings as a client might write them: optional sign, 1 to 15 integer digits (leading zeros too), up to `fraction` decimals. */
const decimalText = (fraction: number, signed = true): fc.Arbitrary<string> =>
  fc
    .tuple(signed ? fc.boolean() : fc.constant(false), digits(1, 15), fraction === 0 ? fc.constant(undefined) : fc.option(digits(1, fraction), { nil: undefined }))
    .map(([negative, integer, decimals]) => `${negative ? '-' : ''}${integer}${decimals === undefined ? '' : `.${decimals}`}`);

/** The one way a decimal is written after encoding: no leading zeros, no trailing fraction zeros, no "-0". */
const CANONICAL = /^(0|-?[1-9]\d*(\.\d*[1-9])?|-?0\.\d*[1-9])$/;

const currencies: readonly Currency[] = ['EUR', 'JPY', 'KWD', 'CLF', 'USD'];

/** Money in one currency with up to 10 decimals and either sign, as arithmetic produces it before rounding. */
const moneyIn = (currency: Currency): fc.Arbitrary<Money> => decimalText(10).map((amount) => money(amount, currency));

/** A real day in years 1600..9000, biased to the ends of months where clamping matters. */
const localDate: fc.Arbitrary<LocalDate> = fc
  .tuple(fc.integer({ min: 1600, max: 9000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${String(y)}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}` as LocalDate);

const partsOf = (d: LocalDate): readonly [number, number, number] => {
  const [y = Number.NaN, m = Number.NaN, day = Number.NaN] = d.split('-').map(Number);
  return [y, m, day];
};

describe('decimal codecs', () => {
  test('given any plain decimal string, when decoded, encoded and decoded again, then the value and its writing are stable', () => {
    fc.assert(
      fc.property(decimalText(10), (text) => {
        const once = decodeWith(DecimalString, text);
        const written = E.map(DecimalString.encode)(once);
        const again = E.chain((s: string) => decodeWith(DecimalString, s))(written);
        return E.isRight(once) && E.isRight(written) && E.isRight(again) && again.right.eq(once.right) && DecimalString.encode(again.right) === written.right;
      }),
    );
  });

  test('given any plain decimal string, when decoded and encoded, then the writing is canonical and equals the input numerically', () => {
    fc.assert(
      fc.property(decimalText(10), (text) => {
        const written = E.map(DecimalString.encode)(decodeWith(DecimalString, text));
        return E.isRight(written) && CANONICAL.test(written.right) && new Dec(written.right).eq(new Dec(text));
      }),
    );
  });

  test('given any non-negative decimal string with at most 6 decimals, when decoded as credits, then it round-trips to the same canonical string', () => {
    fc.assert(
      fc.property(decimalText(6, false), (text) => {
        const written = E.map(CreditsString.encode)(decodeWith(CreditsString, text));
        const again = E.chain((s: string) => E.map(CreditsString.encode)(decodeWith(CreditsString, s)))(written);
        return E.isRight(written) && CANONICAL.test(written.right) && E.isRight(again) && again.right === written.right;
      }),
    );
  });
});

describe('money', () => {
  test('given two amounts in one currency, when added either way round, then the sums are equal', () => {
    fc.assert(
      fc.property(moneyIn('EUR'), moneyIn('EUR'), (a, b) => {
        const ab = addMoney(a, b);
        const ba = addMoney(b, a);
        return E.isRight(ab) && E.isRight(ba) && moneyEquals(ab.right, ba.right);
      }),
    );
  });

  test('given three amounts in one currency, when added in either grouping, then the sums are equal', () => {
    fc.assert(
      fc.property(moneyIn('EUR'), moneyIn('EUR'), moneyIn('EUR'), (a, b, c) => {
        const left = E.chain((ab: Money) => addMoney(ab, c))(addMoney(a, b));
        const right = E.chain((bc: Money) => addMoney(a, bc))(addMoney(b, c));
        return E.isRight(left) && E.isRight(right) && moneyEquals(left.right, right.right);
      }),
    );
  });

  test('given any amount, when rounded twice, then the second rounding changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies).chain(moneyIn), (m) => moneyEquals(roundMoney(roundMoney(m)), roundMoney(m))),
    );
  });

  test('given any amount, when rounded, then it moves by at most half a minor unit and lands on the minor unit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies).chain(moneyIn), (m) => {
        const rounded = roundMoney(m);
        const halfUnit = new Dec(10).pow(-minorUnitDigits(m.currency)).div(2);
        return rounded.amount.minus(m.amount).abs().lte(halfUnit) && rounded.amount.decimalPlaces() <= minorUnitDigits(m.currency);
      }),
    );
  });

  test('given money decoded from valid JSON, when encoded and decoded again, then it is the same money', () => {
    const validJson = fc.constantFrom(...currencies).chain((currency) =>
      decimalText(minorUnitDigits(currency), false).map((amount) => ({ amount, currency })),
    );
    fc.assert(
      fc.property(validJson, (json) => {
        const once = decodeWith(MoneyCodec, json);
        const again = E.chain((m: Money) => decodeWith(MoneyCodec, MoneyCodec.encode(m)))(once);
        return E.isRight(once) && E.isRight(again) && moneyEquals(once.right, again.right);
      }),
    );
  });
});

describe('calendar', () => {
  test('given any day and k in -240..240 months, when added, then the result is a real day k months on whose day is min(day, days in that month)', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -240, max: 240 }), (date, k) => {
        const [y, m, d] = partsOf(date);
        const result = addMonths(date, k);
        const [ry, rm, rd] = partsOf(result);
        return E.isRight(parseLocalDate(result)) && ry * 12 + rm - (y * 12 + m) === k && rd === Math.min(d, daysInMonth(ry, rm));
      }),
    );
  });

  test('given any day and n in -100000..100000, when n days are added, then daysBetween counts exactly n', () => {
    fc.assert(fc.property(localDate, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => daysBetween(date, addDays(date, n)) === n));
  });
});
