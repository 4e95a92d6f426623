import type { Decider } from '../kernel';
import type { CreditOrderCommand } from './commands';
import { decideCreditOrder } from './decide';
import type { CreditOrderError } from './errors';
import type { CreditOrderEvent } from './events';
import { evolveCreditOrder } from './evolve';
import { initialCreditOrderState, type CreditOrderState } from './state';

export * from './commands';
export * from './errors';
export * from './events';
export * from './permissions';
export * from './state';
export * from './pack-work';
export { changedCreditOrderTerms, type CreditOrderTerm } from './terms';
export { decideCreditOrder } from './decide';
export { evolveCreditOrder } from './evolve';

/** Prefix of every credit-order stream: `creditOrder-<orderId>`. */
export const CREDIT_ORDER_STREAM_PREFIX = 'creditOrder-';

/** The stream name of an order. */
export const creditOrderStream = (orderId: string): string => `${CREDIT_ORDER_STREAM_PREFIX}${orderId}`;

/**
 * The credit-order decider: place, confirm, correct and cancel a credit order (a deal), and
 * the steps its saga records as it issues, invoices, corrects or cancels the order's pack.
 *
 * @example
 * import { creditOrder, fold } from '@packledger/domain';
 * const state = fold(creditOrder, history);
 * const outcome = creditOrder.decide(command, state); // Either<CreditOrderError, CreditOrderEvent[]>
 */
export const creditOrder: Decider<CreditOrderCommand, CreditOrderEvent, CreditOrderState, CreditOrderError> = {
  decide: decideCreditOrder,
  evolve: evolveCreditOrder,
  initialState: initialCreditOrderState,
};
