import Decimal from 'decimal.js';
import * as t from 'io-ts';

/**
 * The one decimal constructor of packledger: 40 significant digits and half-up
 * rounding, so sums of credits and money never lose a digit before rounding is asked for.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/**
 * The same decimal, with negative zero made plain zero. decimal.js keeps the sign of a
 * zero ("-0", or -0.001 rounded), and JSON.stringify would then write `"-0"`.
 */
export const withoutNegativeZero = (d: Decimal): Decimal => (d.isZero() ? d.abs() : d);

/** Largest number of digits before the decimal point a decimal string may have. */
export const MAX_INTEGER_DIGITS = 15;
/** Largest number of digits after the decimal point a decimal string may have. */
export const MAX_FRACTION_DIGITS = 10;

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Why a string is not an acceptable decimal, or undefined when it is. */
export const decimalStringProblem = (s: string, maxFractionDigits = MAX_FRACTION_DIGITS): string | undefined => {
  if (s.length === 0) return 'is empty; write a decimal such as "12.50"';
  if (s.length > MAX_INTEGER_DIGITS + maxFractionDigits + 2) return `is too long (${s.length} characters)`;
  const m = DECIMAL_PATTERN.exec(s);
  if (m === null) return `"${s}" is not a plain decimal such as "12.50" (no exponents, spaces, NaN or Infinity)`;
  const integer = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) return `has more than ${MAX_INTEGER_DIGITS} digits before the decimal point`;
  if ((m[3] ?? '').length > maxFractionDigits) return `has more than ${maxFractionDigits} digits after the decimal point`;
  return undefined;
};

const decimalCodec = (
  name: string,
  accept: (d: Decimal) => string | undefined,
  maxFractionDigits = MAX_FRACTION_DIGITS,
): t.Type<Decimal, string, unknown> =>
  new t.Type<Decimal, string, unknown>(
    name,
    (u): u is Decimal => Decimal.isDecimal(u) && accept(u as Decimal) === undefined,
    (u, c) => {
      if (typeof u !== 'string') {
        return t.failure(u, c, typeof u === 'number'
          ? `expected a decimal string such as "12.50", got the number ${String(u)} (numbers lose precision)`
          : `expected a decimal string such as "12.50"`);
      }
      const problem = decimalStringProblem(u, maxFractionDigits);
      if (problem !== undefined) return t.failure(u, c, `decimal ${problem}`);
      const d = withoutNegativeZero(new Dec(u));
      const refused = accept(d);
      return refused === undefined ? t.success(d) : t.failure(u, c, `${u} ${refused}`);
    },
    (d) => d.toFixed(),
  );

/** Any finite decimal, written as a string such as `"-3.25"`. */
export const DecimalString = decimalCodec('DecimalString', () => undefined);
/** A decimal that is zero or more. */
export const NonNegativeDecimalString = decimalCodec('NonNegativeDecimalString', (d) =>
  d.isNegative() && !d.isZero() ? 'must not be negative' : undefined,
);
/** A decimal greater than zero. */
export const PositiveDecimalString = decimalCodec('PositiveDecimalString', (d) =>
  d.gt(0) ? undefined : 'must be greater than zero',
);

/** Builds a decimal codec with a custom rule; used for credits and money. */
export const refinedDecimalString = decimalCodec;
