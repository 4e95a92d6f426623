/**
 * `@packledger/application/testing`: the event-store contract suite every adapter runs, and
 * the given/when/then helper for deciders (from `@packledger/domain/testing`).
 *
 * @example
 * import { eventStoreContract, scenario } from '@packledger/application/testing';
 * eventStoreContract('in-memory', () => new InMemoryEventStore());
 * scenario(creditPack)([issued]).when(consume).then([consumed]);
 */
export { ScenarioFailed, comparable, sameValue, scenario, type When } from '@packledger/domain/testing';
export { eventStoreContract, type ContractOptions, type TestFramework } from './event-store-contract';
export { InjectedFault, faultyEventStore, seededRandom, type EventStoreFaults, type FaultyEventStore, type InjectedFaultKind, type InjectedFaults } from './faults';
