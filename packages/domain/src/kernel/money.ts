import type Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { Dec, decimalStringProblem, withoutNegativeZero } from './decimal';
import { CurrencyCode, minorUnitDigits, type Currency } from './currency';
import { domainError, type DomainError } from './errors';

/** An amount in one currency. Amounts keep full precision until {@link roundMoney} is asked for. */
export interface Money {
  readonly amount: Decimal;
  readonly currency: Currency;
}

/** The refusal when two currencies meet in one operation. */
export type CurrencyMismatch = DomainError<'currency_mismatch', { readonly left: Currency; readonly right: Currency }>;

const mismatch = (left: Currency, right: Currency): CurrencyMismatch =>
  domainError('currency_mismatch', { left, right }, `Cannot combine ${left} with ${right}: convert one amount first, packledger never converts currencies itself.`);

/** Makes money from a decimal value; throws only on a value that is not a number (a bug, not input). */
export const money = (amount: Decimal.Value, currency: Currency): Money => ({ amount: new Dec(amount), currency });

/**
 * Rounds to the currency's minor unit, half-up (halves away from zero): 2.345 EUR is
 * 2.35 EUR, 2.5 JPY is 3 JPY, -2.345 EUR is -2.35 EUR. An amount that rounds to zero is
 * plain zero, never negative zero.
 */
export const roundMoney = (m: Money): Money => ({
  amount: withoutNegativeZero(m.amount.toDecimalPlaces(minorUnitDigits(m.currency), Dec.ROUND_HALF_UP)),
  currency: m.currency,
});

const sameCurrency = <A>(a: Money, b: Money, f: () => A): E.Either<CurrencyMismatch, A> =>
  a.currency === b.currency ? E.right(f()) : E.left(mismatch(a.currency, b.currency));

/** a + b in the same currency. */
export const addMoney = (a: Money, b: Money): E.Either<CurrencyMismatch, Money> =>
  sameCurrency(a, b, () => ({ amount: a.amount.plus(b.amount), currency: a.currency }));

/** a - b in the same currency (may be negative). */
export const subtractMoney = (a: Money, b: Money): E.Either<CurrencyMismatch, Money> =>
  sameCurrency(a, b, () => ({ amount: a.amount.minus(b.amount), currency: a.currency }));

/** Compares two amounts of one currency: -1, 0 or 1. */
export const compareMoney = (a: Money, b: Money): E.Either<CurrencyMismatch, -1 | 0 | 1> =>
  sameCurrency(a, b, () => a.amount.comparedTo(b.amount) as -1 | 0 | 1);

/** Multiplies by a factor (a quantity, a proration factor) keeping full precision. */
export const multiplyMoney = (m: Money, factor: Decimal.Value): Money => ({ amount: m.amount.times(factor), currency: m.currency });

/** Equal amount and currency (2.5 EUR equals 2.50 EUR). */
export const moneyEquals = (a: Money, b: Money): boolean => a.currency === b.currency && a.amount.eq(b.amount);

/** `"12.50 EUR"`: rounded like {@link roundMoney} (so -0.001 EUR reads `"0.00 EUR"`), with the currency's minor unit of decimals. */
export const formatMoney = (m: Money): string => `${roundMoney(m).amount.toFixed(minorUnitDigits(m.currency))} ${m.currency}`;

const MoneyJson = t.strict({ amount: t.string, currency: CurrencyCode });

/**
 * A codec of money as `{ "amount": "12.50", "currency": "EUR" }`: a known currency, no more
 * decimals than its minor unit, and whatever `refuse` says of the amount (undefined: fine).
 * Encoded with at least the currency's minor unit of decimals ("3800.00"), never fewer than
 * the amount has.
 */
export const moneyCodec = (name: string, refuse: (amount: Dec) => string | undefined): t.Type<Money, { amount: string; currency: string }, unknown> =>
  new t.Type<Money, { amount: string; currency: string }, unknown>(
    name,
    (u): u is Money => typeof u === 'object' && u !== null && 'amount' in u && Dec.isDecimal((u as Money).amount),
    (u, c) =>
      E.chain((raw: t.TypeOf<typeof MoneyJson>): t.Validation<Money> => {
        // A bad amount is reported at "amount", like a bad currency is at "currency".
        const at = t.appendContext(c, 'amount', t.string, raw.amount);
        const digits = minorUnitDigits(raw.currency);
        const problem = decimalStringProblem(raw.amount, digits);
        if (problem !== undefined) return t.failure(raw.amount, at, `${problem}${/after the decimal point/.test(problem) ? ` (${raw.currency} has ${digits})` : ''}`);
        const amount = withoutNegativeZero(new Dec(raw.amount));
        const refused = refuse(amount);
        return refused === undefined ? t.success<Money>({ amount, currency: raw.currency }) : t.failure(raw.amount, at, `${raw.amount} ${refused}`);
      })(MoneyJson.validate(u, c)),
    (m) => ({ amount: m.amount.toFixed(Math.max(minorUnitDigits(m.currency), m.amount.decimalPlaces())), currency: m.currency }),
  );

/**
 * Codec of money as `{ "amount": "12.50", "currency": "EUR" }`: a known currency, a
 * non-negative amount with no more decimals than the currency's minor unit.
 */
export const MoneyCodec = moneyCodec('Money', (amount) => (amount.isNegative() ? 'must not be negative' : undefined));
