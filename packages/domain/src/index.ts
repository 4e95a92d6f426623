/**
 * `@packledger/domain`: the pure part of packledger. A kernel (money, credits, calendar,
 * actors, errors, codecs) and one decider per aggregate. No I/O, no clock, no randomness.
 */
export * from './kernel';
export * from './credit-pack';
export * from './client-package';
export * from './account-package';
export * from './credit-order';
