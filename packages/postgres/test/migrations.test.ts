import { clientPackages, creditBalances, creditPackTracking } from '@packledger/projections';
import { INDEXED_VIEWS, dropSchema, migrate, migrations, schemaName, schemaVersion } from '@packledger/postgres';
import type pg from 'pg';
import { describeWithPostgres, newPool, uniqueSchema } from './support/postgres';

/** Tables, indexes and sequences of a schema, with their definitions: what "the same schema" means. */
const shapeOf = async (pool: pg.Pool, schema: string) =>
  (await pool.query(
    `SELECT c.relkind::text AS kind, c.relname AS name, coalesce(pg_get_indexdef(c.oid), '') AS definition
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY c.relname`,
    [schema],
  )).rows.map((r: { kind: string; name: string; definition: string }) => ({ ...r, definition: r.definition.replace(`"${schema}".`, '').replace(`${schema}.`, '') }));

describe('schema names', () => {
  test('accepts lower-case letters, digits and underscores, and refuses anything that would need quoting or is reserved', () => {
    expect(schemaName('packledger_1')).toBe('packledger_1');
    for (const bad of ['', 'Upper', '1abc', 'a-b', 'a"b', 'a;drop table x', 'pg_catalog', 'x'.repeat(49), 'é']) expect(() => schemaName(bad)).toThrow(TypeError);
  });
});

describe('migrations', () => {
  test('are numbered 1, 2, 3, ... without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  test('index the views of @packledger/projections by their current names', () => {
    expect([...INDEXED_VIEWS].sort()).toEqual([creditPackTracking.name, clientPackages.name, creditBalances.name].sort());
    const sql = migrations.flatMap((m) => m.statements({} as never)).join('\n');
    for (const name of sql.matchAll(/WHERE view = '([a-z_]+)'/g)) expect(INDEXED_VIEWS).toContain(name[1]);
  });
});

describeWithPostgres('migrate', () => {
  let pool: pg.Pool;
  const made: string[] = [];
  const freshName = (): string => {
    const schema = uniqueSchema('migrate');
    made.push(schema);
    return schema;
  };
  beforeAll(() => {
    pool = newPool();
  });
  afterAll(async () => {
    for (const schema of made) await dropSchema(pool, { schema });
    await pool.end();
  });

  test('creates the schema and applies every migration once, recording each version', async () => {
    const schema = freshName();
    expect(await schemaVersion(pool, { schema })).toBe(0);
    const report = await migrate(pool, { schema });
    expect(report).toEqual({ schema, applied: migrations.map((m) => m.version), version: migrations.length });
    expect(await schemaVersion(pool, { schema })).toBe(migrations.length);
    const recorded = (await pool.query(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`)).rows;
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  test('run again, changes nothing and applies nothing', async () => {
    const schema = freshName();
    await migrate(pool, { schema });
    const before = await shapeOf(pool, schema);
    expect((await migrate(pool, { schema })).applied).toEqual([]);
    expect(await shapeOf(pool, schema)).toEqual(before);
  });

  test('hosts migrating one schema at the same time apply each migration exactly once', async () => {
    const schema = freshName();
    const reports = await Promise.all(Array.from({ length: 5 }, () => migrate(pool, { schema })));
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(migrations.map((m) => m.version).sort());
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`)).rows[0].n).toBe(migrations.length);
  });

  test('a schema at an older version gets only the migrations after it', async () => {
    const schema = freshName();
    await migrate(pool, { schema });
    const last = migrations[migrations.length - 1];
    if (last === undefined) throw new Error('no migrations');
    // Undo the last migration by hand, as if the schema were one release behind.
    await pool.query(`DELETE FROM "${schema}".schema_migrations WHERE version = $1`, [last.version]);
    const report = await migrate(pool, { schema });
    expect(report.applied).toEqual([last.version]);
  });

  test('refuses a schema migrated by a newer release, or by a different history, and changes nothing', async () => {
    const newer = freshName();
    await migrate(pool, { schema: newer });
    await pool.query(`INSERT INTO "${newer}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [migrations.length + 1]);
    await expect(migrate(pool, { schema: newer })).rejects.toThrow(/newer than this package/);
    const other = freshName();
    await migrate(pool, { schema: other });
    await pool.query(`UPDATE "${other}".schema_migrations SET name = 'something else' WHERE version = 1`);
    await expect(migrate(pool, { schema: other })).rejects.toThrow(/different history/);
  });

  test('keeps schemas apart: two schemas in one database have their own tables', async () => {
    const a = freshName();
    const b = freshName();
    await migrate(pool, { schema: a });
    await migrate(pool, { schema: b });
    await pool.query(`INSERT INTO "${a}".view_checkpoints (view, position) VALUES ('v', 1)`);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${b}".view_checkpoints`)).rows[0].n).toBe(0);
  });
});
