import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  creditPackStateCodec,
  exportJsonl,
  importJsonl,
  loadJsonlFile,
  saveJsonlFile,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@packledger/application';
import { consume, issue, left, right } from '../credit-packs';

/** A store with two packs, a few consumptions and a snapshot. */
const storeWithHistory = async (): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  const handle = commandHandler(store, creditPackAggregate, { snapshots: { every: 3, codec: creditPackStateCodec } });
  right(await handle(issue('p1', '40'), { commandId: 'c1' }));
  right(await handle(issue('p2', '10'), { commandId: 'c2' }));
  right(await handle(consume('p1', 'use-1', '2.5'), { commandId: 'c3' }));
  right(await handle(consume('p2', 'use-2', '10'), { commandId: 'c4' }));
  right(await handle(consume('p1', 'use-3', '1'), { commandId: 'c5' }));
  return store;
};

const all = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

const text = async (lines: AsyncIterable<string>): Promise<string> => {
  let out = '';
  for await (const line of lines) out += line;
  return out;
};

const line = (overrides: Record<string, unknown>): string =>
  JSON.stringify({
    stream: 'creditPack-p1', revision: 0, position: 0, id: 'e1', type: 'Changed', data: {},
    metadata: { schemaVersion: 1, commandId: 'c1', correlationId: 'c1', causationId: 'c1', actor: 'staff:dana', occurredAt: '2026-01-31T10:00:00.000Z' },
    ...overrides,
  });

describe('JSONL export and import', () => {
  test('exports one line per event, in position order, each with its stream, revision and position', async () => {
    const store = await storeWithHistory();
    const lines = (await text(exportJsonl(store))).split('\n');
    expect(lines.pop()).toBe('');
    const events = await all(store);
    expect(lines).toHaveLength(events.length);
    expect(lines.map((l) => JSON.parse(l) as { stream: string; revision: number; position: number })
      .map(({ stream, revision, position }) => [stream, revision, position]))
      .toEqual(events.map((e) => [e.stream, Number(e.revision), Number(e.position)]));
    expect(events.some((e) => e.stream === 'snapshot-creditPack-p1')).toBe(true);
  });

  test('importing an export gives back the same store: every event, revision, position, id, data and metadata', async () => {
    const store = await storeWithHistory();
    const restored = right(await importJsonl(await text(exportJsonl(store))));
    expect(await all(restored)).toEqual(await all(store));
    expect(await text(exportJsonl(restored))).toBe(await text(exportJsonl(store)));
  });

  test('an imported store carries on: revisions and positions continue, and command ids are still recognised', async () => {
    const store = await storeWithHistory();
    const restored = right(await importJsonl(await text(exportJsonl(store))));
    const handle = commandHandler(restored, creditPackAggregate);
    const last = (await all(store)).at(-1) as RecordedEvent;
    const next = right(await handle(consume('p1', 'use-4', '1'), { commandId: 'c6' }));
    expect(next.nextRevision).toBe(3n);
    expect(next.position).toBe(last.position + 1n);
    expect(right(await handle(consume('p1', 'use-1', '2.5'), { commandId: 'c3' })).duplicate).toBe(true);
  });

  test('a line that is not JSON is refused with its line number, and nothing is imported', async () => {
    const jsonl = [line({}), line({ revision: 1, position: 1, id: 'e2' }), '{"stream": "creditPack-p1", "revision": 2,', line({ revision: 3, position: 3, id: 'e4' })].join('\n');
    const error = left(await importJsonl(jsonl));
    expect(error).toMatchObject({ code: 'invalid_jsonl', facts: { line: 3 } });
    expect(error.message).toMatch(/^Line 3 is not a stored event: \(root\) is not JSON .*Nothing was imported/);
  });

  test('a line missing a field or with a wrong one names the field and the line', async () => {
    const jsonl = [line({}), line({ revision: 1, position: 1, id: 'e2', metadata: { schemaVersion: 0 } })].join('\n');
    const error = left(await importJsonl(jsonl));
    expect(error.facts.line).toBe(2);
    expect(error.facts.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['metadata.schemaVersion', 'metadata.commandId']));
  });

  test('a revision out of order within its stream is refused with its line', async () => {
    const error = left(await importJsonl([line({}), line({ revision: 2, position: 1, id: 'e2' })].join('\n')));
    expect(error.facts.line).toBe(2);
    expect(error.message).toMatch(/has revision 2; expected 1/);
  });

  test('a position that does not increase is refused with its line', async () => {
    const error = left(await importJsonl([line({ position: 5 }), line({ stream: 'creditPack-p2', position: 5, id: 'e2' })].join('\n')));
    expect(error.facts.line).toBe(2);
    expect(error.message).toMatch(/position 5, not after/);
  });

  test('a line whose data or metadata nests deeper than 256 levels is refused with its line and the cause, never a stack overflow, and nothing is imported (torture finding F7)', async () => {
    const nested = (levels: number): string => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    for (const levels of [257, 5_000, 1_000_000]) {
      const error = left(await importJsonl([line({}), line({ revision: 1, position: 1, id: 'e2', data: 'DEEP' }).replace('"DEEP"', nested(levels))]));
      expect(error).toMatchObject({ code: 'invalid_jsonl', facts: { line: 2, problems: [{ path: 'data' }] } });
      expect(error.message).toBe('Line 2 is not a stored event: data nests deeper than 256 levels of objects and arrays (the most an event\'s data or metadata may nest). Nothing was imported; fix the line and import again.');
    }
    const metadata = left(await importJsonl([line({ metadata: 'DEEP' }).replace('"DEEP"', nested(300))]));
    expect(metadata.facts.problems).toEqual([{ path: 'metadata', message: expect.stringMatching(/^nests deeper than 256 levels/) }]);
    // 256 levels (the data object itself is the first) is within the limit, and exports back the same.
    const deepest = line({ data: 'DEEP' }).replace('"DEEP"', nested(256));
    const restored = right(await importJsonl([deepest]));
    expect(await text(exportJsonl(restored))).toBe(`${deepest}\n`);
  });

  test('the store refuses to append data nested deeper than 256 levels with a TypeError naming the cause (so every export imports back)', async () => {
    let data: JsonObject = {};
    for (let i = 1; i < 5_000; i++) data = { a: data };
    const store = new InMemoryEventStore();
    const metadata = { schemaVersion: 1, commandId: 'c1', correlationId: 'c1', causationId: 'c1', actor: 'staff:dana', occurredAt: '2026-01-31T10:00:00.000Z' };
    await expect(store.append('s-1', [{ id: 'e1', type: 'Deep', data, metadata }], { expectedRevision: 'any' }))
      .rejects.toThrow(new TypeError('InMemoryEventStore: the data of Deep nests deeper than 256 levels of objects and arrays (the most an event\'s data or metadata may nest)'));
    expect(await all(store)).toEqual([]);
    expect(InMemoryEventStore.restore([{ stream: 's-1', revision: 0n, position: 0n, id: 'e1', type: 'Deep', data, metadata }]))
      .toEqual({ _tag: 'Left', left: { index: 0, problem: expect.stringMatching(/the data of Deep nests deeper than 256 levels/) } });
  });

  test('blank lines and Windows line ends are accepted', async () => {
    const restored = right(await importJsonl(`\n${line({})}\r\n\r\n${line({ revision: 1, position: 7, id: 'e2' })}\r\n`));
    expect((await all(restored)).map((e) => [e.revision, e.position])).toEqual([[0n, 0n], [1n, 7n]]);
  });

  test('a store saved to a file loads back equal, and the file is only replaced once it is complete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-jsonl-'));
    try {
      const path = join(dir, 'events.jsonl');
      await writeFile(path, 'previous contents\n');
      const store = await storeWithHistory();
      await saveJsonlFile(store, path);
      expect(await readdir(dir)).toEqual(['events.jsonl']);
      expect(await readFile(path, 'utf8')).toBe(await text(exportJsonl(store)));
      expect(await all(right(await loadJsonlFile(path)))).toEqual(await all(store));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('loading a file with a bad line reports the line and gives no store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-jsonl-'));
    try {
      const path = join(dir, 'events.jsonl');
      await writeFile(path, `${line({})}\n${line({ revision: 1, position: 1, id: 'e2', data: [1, 2] })}\n`);
      const error = left(await loadJsonlFile(path));
      expect(error.facts).toMatchObject({ line: 2, problems: [{ path: 'data' }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
