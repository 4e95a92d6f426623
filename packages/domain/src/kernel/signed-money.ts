import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { CurrencyCode, minorUnitDigits } from './currency';
import { Dec, decimalStringProblem, withoutNegativeZero } from './decimal';
import type { Money } from './money';

const MoneyJson = t.strict({ amount: t.string, currency: CurrencyCode });

/**
 * Codec of an invoice amount that may be negative (a credit or a discount line), as
 * `{ "amount": "-12.50", "currency": "EUR" }`: a known currency and no more decimals than
 * its minor unit. Prices use {@link MoneyCodec}, which refuses negative amounts.
 */
export const SignedMoneyCodec = new t.Type<Money, { amount: string; currency: string }, unknown>(
  'SignedMoney',
  (u): u is Money => typeof u === 'object' && u !== null && 'amount' in u && Dec.isDecimal((u as Money).amount),
  (u, c) =>
    E.chain((raw: t.TypeOf<typeof MoneyJson>): t.Validation<Money> => {
      const at = t.appendContext(c, 'amount', t.string, raw.amount);
      const digits = minorUnitDigits(raw.currency);
      const problem = decimalStringProblem(raw.amount, digits);
      if (problem !== undefined) return t.failure(raw.amount, at, `${problem}${/after the decimal point/.test(problem) ? ` (${raw.currency} has ${digits})` : ''}`);
      return t.success<Money>({ amount: withoutNegativeZero(new Dec(raw.amount)), currency: raw.currency });
    })(MoneyJson.validate(u, c)),
  // Written like MoneyCodec: with the currency's minor unit ("-12.50", never "-12.5").
  (m) => ({ amount: m.amount.toFixed(Math.max(minorUnitDigits(m.currency), m.amount.decimalPlaces())), currency: m.currency }),
);
