/**
 * `@packledger/postgres`: packledger on PostgreSQL (driver `pg`). An event store with the
 * `EventStore` contract (revisions under a unique constraint, positions assigned in commit
 * order, subscriptions by LISTEN/NOTIFY and polling, stream deletion), a read-model store
 * whose commits write documents and checkpoint in one transaction, SQL versions of the views'
 * queries over indexed JSONB, and versioned migrations into a schema the host names.
 *
 * @example
 * import { openPostgres, selectTrackingReport } from '@packledger/postgres';
 * const db = await openPostgres({ connectionString: process.env.PACKLEDGER_PG_URL, schema: 'packledger' });
 * const running = await startProjections({ events: db.events, readModels: db.readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 * const report = await selectTrackingReport(db.readModels, { companyId: 'acme' }, new Date().toISOString());
 */
export { PostgresEventStore, type DeleteStreamOptions, type PostgresEventStoreOptions, type StreamDeleted } from './event-store';
export { INDEXED_VIEWS, migrate, migrations, schemaVersion, type Migration, type MigrationReport } from './migrations';
export { dropSchema, openPostgres, type OpenPostgresOptions, type PostgresStores } from './open';
export { PostgresReadModelStore, type ReadModelDatabase } from './read-model-store';
export { schemaName, schemaNameProblem, type SchemaName, type SchemaObjects } from './schema';
export type { PostgresClient, PostgresPool, SqlRow } from './sql';
export { selectClientPackages } from './queries/client-packages';
export {
  selectAvailableToClient,
  selectAvailableToOwner,
  selectOfficeCreditInformation,
  selectPacksAvailableFor,
  selectPacksOfOwner,
  type PackOwner,
} from './queries/credit-balances';
export { selectTrackingReport } from './queries/credit-pack-tracking';
