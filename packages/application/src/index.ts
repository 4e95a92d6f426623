/**
 * `@packledger/application`: the part every host and adapter plugs into. The `EventStore`
 * port and its embedded implementation, `InMemoryEventStore` (with JSONL export and import);
 * `commandHandler`, which loads, decides and appends with optimistic concurrency, retries,
 * and command ids that make retries safe; event codecs that upcast old event versions on
 * read; optional snapshots; the bindings of the three aggregates and of credit orders; the
 * drivers of time-driven work (bill runs, package-manager runs, `tick(now)` with expiry and the
 * credit-order saga) and the notification outbox.
 *
 * @example
 * import { InMemoryEventStore, commandHandler, creditPackAggregate } from '@packledger/application';
 * const handle = commandHandler(new InMemoryEventStore(), creditPackAggregate);
 * const outcome = await handle(command, { commandId: 'cmd-1' }); // Either<CommandFailure, CommandAccepted>
 */
export * from './aggregate';
export * from './command-handler';
export * from './account-package';
export * from './client-package';
export { commandsInOrder, type CommandIndex, type CommandSpan } from './command-ids';
export * from './credit-pack';
export * from './event-codec';
export * from './event-store';
export * from './ids';
export { InMemoryEventStore, type RestoreProblem } from './in-memory/event-store';
export { exportJsonl, importJsonl, loadJsonlFile, saveJsonlFile, toJsonLine, type JsonlImportError } from './in-memory/jsonl';
export * from './load-stream';
export { loadCached, streamCache, type StreamCache } from './stream-cache';
export * from './snapshots';
export * from './credit-orders';
export * from './outbox';
export * from './tick';
