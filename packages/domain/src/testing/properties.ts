/**
 * `@packledger/domain/properties`: the credit-pack reference model and fast-check arbitraries
 * for property tests of your own ledger rules. Needs `fast-check` (an optional peer
 * dependency); `@packledger/domain` and `@packledger/domain/testing` never load it.
 *
 * @example
 * import fc from 'fast-check';
 * import { creditPackHistory } from '@packledger/domain/properties';
 * fc.assert(fc.property(creditPackHistory(), ({ state }) => state.kind !== 'issued' || !state.remaining.isNegative()));
 */
export {
  creditPackHistory,
  creditPackModelCommands,
  creditPackModelSetup,
  creditPackModelWorld,
  modelRemaining,
  type CreditPackInvariant,
  type CreditPackLedgerModel,
  type CreditPackRun,
} from './credit-pack-model';
