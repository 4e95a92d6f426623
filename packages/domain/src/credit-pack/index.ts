import type { Decider } from '../kernel';
import type { CreditPackCommand } from './commands';
import { decideCreditPack } from './decide';
import type { CreditPackError } from './errors';
import type { CreditPackEvent } from './events';
import { evolveCreditPack } from './evolve';
import { initialCreditPackState, type CreditPackState } from './state';

export * from './commands';
export * from './errors';
export * from './events';
export * from './permissions';
export * from './state';
export * from './upcasters';
export { decideCreditPack, reissuedPackCommand } from './decide';
export { evolveCreditPack } from './evolve';

/** Prefix of every credit-pack stream: `creditPack-<packId>`. */
export const CREDIT_PACK_STREAM_PREFIX = 'creditPack-';

/** The stream name of a pack. */
export const creditPackStream = (packId: string): string => `${CREDIT_PACK_STREAM_PREFIX}${packId}`;

/**
 * The credit-pack decider.
 *
 * @example
 * import { creditPack, fold } from '@packledger/domain';
 * const state = fold(creditPack, history);
 * const outcome = creditPack.decide(command, state);
 */
export const creditPack: Decider<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError> = {
  decide: decideCreditPack,
  evolve: evolveCreditPack,
  initialState: initialCreditPackState,
};
