import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildReport, EXIT, openSource, render, REPORTS, replayInto, runDemo } from '@packledger/cli';

const sequentialIds = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('packledger replay', () => {
  test('on a JSONL export of the demo, prints the same reports as the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-cli-'));
    const file = join(dir, 'demo.jsonl');
    const demo = await runDemo({ newId: sequentialIds(), exportTo: file });
    const source = await openSource(file);
    if (E.isLeft(source)) throw new Error(source.left.message);
    const { readModels, lastOccurredAt } = await replayInto(source.right);
    for (const report of REPORTS) {
      const text = render(await buildReport(report, readModels, { at: lastOccurredAt ?? '' }), 'table');
      expect(text.length).toBeGreaterThan(0);
      expect(demo).toContain(`-- ${report} (packledger replay --report ${report})\n${text}\n`);
    }
  });

  test('renders CSV and JSON with every row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-cli-'));
    const file = join(dir, 'demo.jsonl');
    await runDemo({ newId: sequentialIds(), exportTo: file });
    const source = await openSource(file);
    if (E.isLeft(source)) throw new Error(source.left.message);
    const { readModels } = await replayInto(source.right);
    const sections = await buildReport('balances', readModels, { at: '' });
    const csv = render(sections, 'csv').split('\n');
    expect(csv[0]).toBe('section,pack,id,owner,status,issued,corrected,consumed,refunded,moved,remaining,expires');
    expect(csv).toHaveLength(1 + (sections[0]?.rows.length ?? 0));
    const json = JSON.parse(render(sections, 'json')) as { rows: Record<string, string>[] }[];
    expect(json[0]?.rows.map((r) => r.remaining)).toEqual(sections[0]?.rows.map((r) => r[9]));
  });

  test('a malformed line of a file is an error naming its line, with exit code 4, and nothing is replayed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-cli-'));
    const file = join(dir, 'bad.jsonl');
    const demo = join(dir, 'demo.jsonl');
    await runDemo({ newId: sequentialIds(), exportTo: demo });
    const lines = (await readFile(demo, 'utf8')).trim().split('\n');
    lines.splice(3, 0, '{"stream": "creditPack-x", oops');
    await writeFile(file, `${lines.join('\n')}\n`);
    const source = await openSource(file);
    expect(E.isLeft(source) && [source.left.exitCode, /Line 4/.test(source.left.message)]).toEqual([EXIT.badInput, true]);
  });

  test('a source that is not a JSONL file or a known URL is a usage error (exit 2)', async () => {
    const source = await openSource('ftp://example.org/events');
    expect(E.isLeft(source) && source.left.exitCode).toBe(EXIT.usage);
  });
});
