// The example of packages/cli/README.md, run as written (in a temporary directory).
import * as E from 'fp-ts/Either';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, openSource, render, replayInto, runDemo } from '@packledger/cli';

test('the README example prints the balances as CSV', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'packledger-readme-')), 'demo.jsonl');
  await runDemo({ exportTo: file });
  const source = await openSource(file);
  if (E.isLeft(source)) throw new Error(source.left.message);
  const { readModels, lastOccurredAt } = await replayInto(source.right);
  const sections = await buildReport('balances', readModels, { at: lastOccurredAt ?? new Date().toISOString() });
  const csv = render(sections, 'csv');
  expect(csv.split('\n')[0]).toBe('section,pack,id,owner,status,issued,corrected,consumed,refunded,moved,remaining,expires');
  expect(csv.split('\n')).toHaveLength(5);
});
