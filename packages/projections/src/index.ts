/**
 * `@packledger/projections`: the read models. Each view is a pure fold of events into JSON
 * documents, with query functions; the runner feeds views from any `EventStore`, commits
 * documents with their checkpoint, resumes after it, and rebuilds by replay.
 *
 * @example
 * import { InMemoryReadModelStore, startProjections, allViews, eventDecoder, packledgerStreams } from '@packledger/projections';
 * const readModels = new InMemoryReadModelStore();
 * const running = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 * await running.caughtUp;
 */
export * from './view';
export * from './read-model-store';
export * from './decode';
export * from './runner';
export * from './credit-balances/view';
export * from './credit-balances/queries';
export * from './credit-history/view';
export * from './credit-pack-tracking/view';
export * from './client-packages/view';
export * from './account-billing/view';
export { allViews, packledgerStreams } from './catalog';
