import type Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { Dec, refinedDecimalString, withoutNegativeZero } from './decimal';

/** Credits carry at most this many decimals (a pack of "2.5" credits is fine; "0.0000001" is not). */
export const CREDIT_FRACTION_DIGITS = 6;

interface CreditsBrand {
  readonly Credits: unique symbol;
}
/** A non-negative number of credits. Only {@link credits} and the codecs make one. */
export type Credits = t.Branded<Decimal, CreditsBrand>;

const isCredits = (d: Decimal): d is Credits => d.isFinite() && !d.isNegative() && d.decimalPlaces() <= CREDIT_FRACTION_DIGITS;

/** Credits as a string such as `"10"` or `"2.5"`: zero or more, at most 6 decimals. */
export const CreditsString: t.Type<Credits, string, unknown> = refinedDecimalString(
  'Credits',
  (d) => (d.isNegative() && !d.isZero() ? 'must not be negative' : undefined),
  CREDIT_FRACTION_DIGITS,
) as unknown as t.Type<Credits, string, unknown>;

/** Credits greater than zero: an amount to issue, consume or refund. */
export const PositiveCreditsString: t.Type<Credits, string, unknown> = refinedDecimalString(
  'PositiveCredits',
  (d) => (d.gt(0) ? undefined : 'must be greater than zero'),
  CREDIT_FRACTION_DIGITS,
) as unknown as t.Type<Credits, string, unknown>;

/** Makes credits from a decimal or a decimal string; Left with the reason when negative or too precise. */
export const credits = (value: Decimal.Value): E.Either<string, Credits> => {
  let d: Decimal;
  try {
    d = withoutNegativeZero(new Dec(value));
  } catch {
    return E.left(`${String(value)} is not a number of credits`);
  }
  return isCredits(d) ? E.right(d) : E.left(`${d.toString()} is not a number of credits (zero or more, at most ${CREDIT_FRACTION_DIGITS} decimals)`);
};

/** Zero credits. */
export const ZERO_CREDITS = new Dec(0) as Credits;

/** a + b; both non-negative, so the sum is too. */
export const addCredits = (a: Credits, b: Credits): Credits => a.plus(b) as Credits;

/** a - b, or Left with the shortfall when b is more than a. */
export const subtractCredits = (a: Credits, b: Credits): E.Either<{ readonly shortBy: Credits }, Credits> =>
  b.gt(a) ? E.left({ shortBy: b.minus(a) as Credits }) : E.right(a.minus(b) as Credits);
