// The built `packledger` binary: import a demo export into PostgreSQL, replay from there, same reports as from the file.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { dropSchema } from '@packledger/postgres';

const url = process.env.PACKLEDGER_PG_URL;
if (url === undefined) {
  if (process.env.CI !== undefined) throw new Error('PACKLEDGER_PG_URL must be set under CI: .ci/run starts PostgreSQL and sets it');
  console.warn('SKIPPED: the CLI PostgreSQL test needs PACKLEDGER_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
}

const cli = resolve(__dirname, '../dist/main.js');
const run = async (...args: string[]) => (await promisify(execFile)(process.execPath, [cli, ...args], { maxBuffer: 1 << 24 })).stdout;

(url === undefined ? describe.skip : describe)('packledger with PostgreSQL (the built binary; npm test builds first)', () => {
  test('a demo imported into PostgreSQL replays to the same reports as its JSONL export', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'packledger-pg-')), 'demo.jsonl');
    await run('demo', '--export', file);
    const schema = `cli_test_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const target = `${url ?? ''}?schema=${schema}`;
    await run('import', '--from', file, '--to', target);
    for (const report of ['balances', 'limits', 'billing']) {
      expect(await run('replay', '--from', target, '--report', report)).toBe(await run('replay', '--from', file, '--report', report));
    }
    await expect(run('import', '--from', file, '--to', target)).rejects.toThrow(/wrong_expected_version|expected/);
    const pool = new Pool({ connectionString: url });
    await dropSchema(pool, { schema });
    await pool.end();
  }, 120_000);

  test('the demo runs with PostgreSQL as its store with one flag, and replaying that store prints the demo\'s reports', async () => {
    const schema = `cli_demo_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const target = `${url ?? ''}?schema=${schema}`;
    const demo = await run('demo', '--store', target);
    const balances = await run('replay', '--from', target, '--report', 'balances');
    expect(demo).toContain(balances.trimEnd());
    expect(balances).toMatch(/Production pack 40\s+\S+\s+office london\s+expired/);
    const pool = new Pool({ connectionString: url });
    await dropSchema(pool, { schema });
    await pool.end();
  }, 120_000);

  test('an unreachable server is exit code 3 with the address, password hidden', async () => {
    await expect(run('replay', '--from', 'postgres://user:secret@127.0.0.1:1/test', '--report', 'balances')).rejects.toMatchObject({ code: 3, stderr: expect.stringMatching(/cannot reach postgres:\/\/\*\*\*@127\.0\.0\.1:1\/test/) });
  });
});
