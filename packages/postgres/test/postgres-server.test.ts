import { SKIPPED_LINE, newPool, postgresUrl } from './support/postgres';

// The one place that says the PostgreSQL suites were skipped, so a run without a server
// prints one loud line instead of one per file; in CI a missing server fails every file.
if (postgresUrl === undefined) {
  test('PostgreSQL tests skipped: PACKLEDGER_PG_URL is not set', () => {
    console.warn(SKIPPED_LINE);
  });
} else {
  test('the server named by PACKLEDGER_PG_URL answers and is PostgreSQL 14 or later', async () => {
    const pool = newPool(1);
    try {
      const rows = (await pool.query<{ version: string }>("SELECT current_setting('server_version_num') AS version")).rows;
      expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(140000);
    } finally {
      await pool.end();
    }
  });
}
