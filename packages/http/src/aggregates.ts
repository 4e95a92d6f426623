import { accountPackageAggregate, clientPackageAggregate, creditPackAggregate, type Aggregate } from '@packledger/application';
import type {
  AccountPackageCommand,
  AccountPackageError,
  AccountPackageEvent,
  AccountPackageState,
  ClientPackageCommand,
  ClientPackageError,
  ClientPackageEvent,
  ClientPackageState,
  CreditPackCommand,
  CreditPackError,
  CreditPackEvent,
  CreditPackState,
} from '@packledger/domain';

/**
 * The aggregates whose commands the handler accepts. An aggregate set to `undefined` has
 * no command handler behind its route (`POST` to it is 404 `commands_not_mounted`).
 */
export interface PackledgerAggregates {
  readonly creditPack?: Aggregate<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError>;
  readonly clientPackage?: Aggregate<ClientPackageCommand, ClientPackageEvent, ClientPackageState, ClientPackageError>;
  readonly accountPackage?: Aggregate<AccountPackageCommand, AccountPackageEvent, AccountPackageState, AccountPackageError>;
}

/**
 * The aggregate bindings of `@packledger/application` the handler mounts by default; a
 * host's `HttpOptions.aggregates` adds to or replaces them.
 */
export const defaultAggregates: PackledgerAggregates = {
  creditPack: creditPackAggregate,
  clientPackage: clientPackageAggregate,
  accountPackage: accountPackageAggregate,
};
