import { MIGRATION_LOCK_CLASS, schemaObjects, type SchemaObjects } from './schema';
import { inTransaction, query, type PostgresPool } from './sql';

/**
 * One step of the schema's history. Versions run 1, 2, 3, ... and a released migration is
 * never edited: a change is a new migration. Each statement is idempotent on its own (IF NOT
 * EXISTS), so even a schema half-built by hand can be finished.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (objects: SchemaObjects) => readonly string[];
}

/** A partial expression index on one view's documents. */
const viewIndex = (o: SchemaObjects, name: string, view: string, expressions: readonly string[]): string =>
  `CREATE INDEX IF NOT EXISTS ${name} ON ${o.documents} (${expressions.map((e) => `(${e})`).join(', ')}) WHERE view = '${view}'`;

const field = (name: string): string => `doc ->> '${name}'`;
/** Instants are canonical ISO-8601 strings (`2026-01-31T09:30:00.000Z`), so byte order ("C") is time order. */
const instant = (name: string): string => `(doc ->> '${name}') COLLATE "C"`;

/**
 * The schema's history. The view names in the partial indexes are those of
 * `@packledger/projections` (a test checks they still are).
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event store: events with unique stream revisions, positions from a sequence',
    statements: (o) => [
      `CREATE SEQUENCE IF NOT EXISTS ${o.positionSequence} AS bigint MINVALUE 0 START WITH 0`,
      `CREATE TABLE IF NOT EXISTS ${o.events} (
        position bigint PRIMARY KEY,
        stream text COLLATE "C" NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        event_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision)
      )`,
    ],
  },
  {
    version: 2,
    name: 'read models: JSONB documents per view, one checkpoint per view',
    statements: (o) => [
      `CREATE TABLE IF NOT EXISTS ${o.documents} (
        view text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (view, id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${o.checkpoints} (
        view text COLLATE "C" PRIMARY KEY,
        position bigint NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'read models: indexes of the tracking report, client-package search and credit-balance queries',
    statements: (o) => [
      viewIndex(o, 'tracking_by_company', 'credit_pack_tracking', [field('companyId'), instant('expiresAt')]),
      viewIndex(o, 'tracking_by_project_manager', 'credit_pack_tracking', [field('projectManagerId'), instant('expiresAt')]),
      viewIndex(o, 'tracking_by_relationship_manager', 'credit_pack_tracking', [field('relationshipManagerId'), instant('expiresAt')]),
      viewIndex(o, 'tracking_by_expiry', 'credit_pack_tracking', [instant('expiresAt')]),
      viewIndex(o, 'client_packages_by_client', 'client_packages', [field('clientId'), field('status')]),
      viewIndex(o, 'client_packages_by_account', 'client_packages', [field('accountId'), field('status')]),
      viewIndex(o, 'client_packages_by_status', 'client_packages', [field('status')]),
      viewIndex(o, 'balances_by_company', 'credit_balances', [field('companyId'), field('status'), instant('expiresAt')]),
      viewIndex(o, 'balances_by_office', 'credit_balances', [field('officeId')]),
      viewIndex(o, 'balances_by_user', 'credit_balances', [field('userId')]),
    ],
  },
];

/** The view names the indexes of {@link migrations} are for. */
export const INDEXED_VIEWS = ['credit_pack_tracking', 'client_packages', 'credit_balances'] as const;

/** What {@link migrate} did. */
export interface MigrationReport {
  readonly schema: string;
  /** Versions applied by this call, in order (empty when the schema was up to date). */
  readonly applied: readonly number[];
  /** The schema's version now: the latest migration's. */
  readonly version: number;
}

/**
 * Creates the schema or brings it up to date: every migration not yet recorded in
 * `schema_migrations`, in order, all in one transaction, under a transaction-level advisory
 * lock so that hosts starting together migrate once. Running it again changes nothing.
 * Throws when the schema was migrated by a newer version of this package, or its recorded
 * history differs from this one (an infrastructure problem to fix, not to ignore).
 *
 * @example
 * const report = await migrate(pool, { schema: 'packledger' });
 * console.log(report.applied); // [1, 2, 3] the first time, [] after
 */
export const migrate = async (pool: PostgresPool, options: { readonly schema: string }): Promise<MigrationReport> => {
  const o = schemaObjects(options.schema);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [MIGRATION_LOCK_CLASS, o.lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${o.quotedSchema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${o.migrations} (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const recorded = (await client.query(`SELECT version, name FROM ${o.migrations} ORDER BY version`)).rows.map((r) => ({ version: Number(r.version), name: String(r.name) }));
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    for (const r of recorded) {
      const known = migrations.find((m) => m.version === r.version);
      if (known === undefined) throw new Error(`@packledger/postgres: schema ${o.schema} is at version ${r.version}, newer than this package's ${latest}; upgrade @packledger/postgres`);
      if (known.name !== r.name) throw new Error(`@packledger/postgres: schema ${o.schema} recorded migration ${r.version} as "${r.name}", but this package's is "${known.name}"; the schema was built by a different history`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (recorded.some((r) => r.version === m.version)) continue;
      for (const statement of m.statements(o)) await client.query(statement);
      await client.query(`INSERT INTO ${o.migrations} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return { schema: o.schema, applied, version: latest };
  });
};

/** The schema's version: the latest migration applied, or 0 when it has none (or does not exist). */
export const schemaVersion = async (pool: PostgresPool, options: { readonly schema: string }): Promise<number> => {
  const o = schemaObjects(options.schema);
  const exists = await query(pool, `SELECT to_regclass($1) IS NOT NULL AS exists`, [`${o.quotedSchema}."schema_migrations"`]);
  if (exists[0]?.exists !== true) return 0;
  const rows = await query(pool, `SELECT coalesce(max(version), 0) AS version FROM ${o.migrations}`);
  return Number(rows[0]?.version ?? 0);
};
