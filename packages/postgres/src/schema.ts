/** A schema name checked by {@link schemaName}: safe to quote into SQL. */
export type SchemaName = string & { readonly SchemaName: unique symbol };

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,47}$/;

/** Why a string cannot be a packledger schema name, or undefined when it can. */
export const schemaNameProblem = (name: string): string | undefined => {
  if (typeof name !== 'string') return 'a schema name must be a string';
  if (!SCHEMA_PATTERN.test(name)) return `"${name.slice(0, 60)}" is not a schema name: use 1 to 48 lower-case letters, digits and underscores, not starting with a digit`;
  if (name.startsWith('pg_')) return `"${name}" starts with pg_, which PostgreSQL reserves for its own schemas`;
  return undefined;
};

/**
 * Checks a schema name the host chose. Only lower-case letters, digits and underscores (at
 * most 48, so every table, index and channel name derived from it stays under PostgreSQL's
 * 63-byte limit); names are still quoted wherever they reach SQL. Throws a TypeError on
 * anything else: a wrong name is a configuration bug, not an outcome to handle.
 *
 * @example
 * schemaName('packledger'); // 'packledger'
 * schemaName('Robert"; DROP TABLE x'); // throws TypeError
 */
export const schemaName = (name: string): SchemaName => {
  const problem = schemaNameProblem(name);
  if (problem !== undefined) throw new TypeError(`@packledger/postgres: ${problem}`);
  return name as SchemaName;
};

/** Quotes an identifier for SQL: `"name"`, doubling any double quote. */
export const quoteIdentifier = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** Quotes a string literal for SQL: `'text'`, doubling any single quote. */
export const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The qualified, quoted names of everything packledger keeps in a schema. */
export interface SchemaObjects {
  readonly schema: SchemaName;
  /** `"schema"` */
  readonly quotedSchema: string;
  readonly migrations: string;
  readonly events: string;
  /** The sequence positions are drawn from, as a string literal (for `nextval`). */
  readonly positionSequenceLiteral: string;
  readonly positionSequence: string;
  readonly documents: string;
  readonly checkpoints: string;
  /** The LISTEN/NOTIFY channel appends notify on (not quoted: it is passed as a value to pg_notify). */
  readonly channel: string;
  /** The second key of the schema's advisory locks (the first says which lock: {@link APPEND_LOCK_CLASS}, {@link MIGRATION_LOCK_CLASS}). */
  readonly lockKey: number;
}

/** First key of the transaction-level advisory lock every append and stream deletion takes ('pldg' in ASCII). */
export const APPEND_LOCK_CLASS = 0x706c6467;
/** First key of the transaction-level advisory lock migrations take ('pldm' in ASCII). */
export const MIGRATION_LOCK_CLASS = 0x706c646d;

/** FNV-1a of the schema name as a signed 32-bit integer: a stable lock key (a collision only shares a lock). */
const lockKey = (schema: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(schema, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
};

/** Every name packledger uses in a schema. */
export const schemaObjects = (name: string): SchemaObjects => {
  const schema = schemaName(name);
  const q = quoteIdentifier(schema);
  const table = (t: string): string => `${q}.${quoteIdentifier(t)}`;
  return {
    schema,
    quotedSchema: q,
    migrations: table('schema_migrations'),
    events: table('events'),
    positionSequence: table('event_positions'),
    positionSequenceLiteral: quoteLiteral(table('event_positions')),
    documents: table('view_documents'),
    checkpoints: table('view_checkpoints'),
    channel: `${schema}_appended`,
    lockKey: lockKey(schema),
  };
};
