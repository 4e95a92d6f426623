import { moneyCodec } from './money';

/**
 * Codec of an invoice amount that may be negative (a credit or a discount line), as
 * `{ "amount": "-12.50", "currency": "EUR" }`: a known currency and no more decimals than
 * its minor unit. Prices use {@link MoneyCodec}, which refuses negative amounts.
 */
export const SignedMoneyCodec = moneyCodec('SignedMoney', () => undefined);
