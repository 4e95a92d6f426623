import { randomUUID } from 'node:crypto';
import type { AppendResult, EventToAppend, RecordedEvent, Subscription, SubscriptionClosed } from '@packledger/application';
import { PostgresEventStore } from '@packledger/postgres';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { APPEND_LOCK_CLASS, schemaObjects } from '../src/schema';
import { faultyPool, type Fault } from './support/faults';
import { describeWithPostgres, useFreshSchema } from './support/postgres';
import { eventsOf } from './support/world';

let counter = 0;
const prefix = (): string => `es${randomUUID().slice(0, 8)}x${++counter}-`;
const event = (type = 'Changed'): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { n: ++counter },
  metadata: { schemaVersion: 1, commandId: `c${counter}`, correlationId: 'k', causationId: `c${counter}`, actor: 'system:test', occurredAt: '2026-01-31T10:00:00.000Z' },
});

const accepted = async (store: PostgresEventStore, stream: string, events: readonly [EventToAppend, ...EventToAppend[]]): Promise<AppendResult> => {
  const result = await store.append(stream, events, { expectedRevision: 'any' });
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** A subscriber that records the events it is handed and can be awaited until it has seen a position. */
const recorder = (store: PostgresEventStore, streamPrefix: string) => {
  const seen: RecordedEvent[] = [];
  const waiters: { position: bigint; resolve: () => void }[] = [];
  const subscription: Subscription = store.subscribeToAll({ filter: { streamPrefixes: [streamPrefix] } }, (m) => {
    if (m.kind !== 'event') return;
    seen.push(m.event);
    for (const w of [...waiters]) {
      if (m.event.position >= w.position) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const reached = (position: bigint): Promise<void> =>
    seen.some((e) => e.position >= position) ? Promise.resolve() : new Promise((resolve) => waiters.push({ position, resolve }));
  return { seen, subscription, reached };
};

const strictlyIncreasing = (positions: readonly bigint[]): boolean => positions.every((p, i) => i === 0 || (positions[i - 1] as bigint) < p);

describeWithPostgres('PostgresEventStore under concurrency', () => {
  const db = useFreshSchema('events');
  const stores: PostgresEventStore[] = [];
  const storeOn = (pool = db().pool as Parameters<typeof faultyPool>[0] | ReturnType<typeof faultyPool>, options: { pollIntervalMs?: number; pageSize?: number; listen?: boolean } = {}): PostgresEventStore => {
    const store = new PostgresEventStore(pool, { schema: db().schema, ...options });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  test('a subscriber reading while 16 writers append to 8 streams, each holding its commit back a random while, sees every event exactly once in strictly increasing positions', async () => {
    const p = prefix();
    // Commits held back at random: without positions in commit order, a later position would commit first and the reader would pass an event still to come.
    const slow = storeOn(faultyPool(db().pool, (sql) => (sql === 'COMMIT' ? { kind: 'delay', ms: Math.floor(Math.random() * 15) } : undefined)));
    const reader = recorder(storeOn(db().pool, { pageSize: 3 }), p);
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, writer) => {
        for (let i = 0; i < 12; i++) {
          const events = Array.from({ length: 1 + ((writer + i) % 3) }, () => event()) as [EventToAppend, ...EventToAppend[]];
          written.push(...events.map((e) => e.id));
          await accepted(slow, `${p}${(writer * 7 + i) % 8}`, events);
        }
      }),
    );
    const all = await eventsOf(slow, [p]);
    await reader.reached((all[all.length - 1] as RecordedEvent).position);
    await reader.subscription.stop();

    expect(reader.seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(strictlyIncreasing(reader.seen.map((e) => e.position))).toBe(true);
    expect(new Set(reader.seen.map((e) => e.id)).size).toBe(written.length);
    expect([...reader.seen.map((e) => e.id)].sort()).toEqual([...written].sort());
  }, 60_000);

  test('an append waits for the append before it to commit, so positions follow commit order', async () => {
    const p = prefix();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let held = false;
    const holding = storeOn(faultyPool(db().pool, (sql): Fault | undefined => {
      if (sql !== 'COMMIT' || held) return undefined;
      held = true;
      return { kind: 'wait', until: gate };
    }));
    const plain = storeOn();
    const first = holding.append(`${p}a`, [event()], { expectedRevision: 'any' });
    // The first append holds the schema's append lock until its COMMIT, which the gate keeps back.
    const { lockKey } = schemaObjects(db().schema);
    const appendLocks = async (granted: boolean): Promise<number> =>
      (await db().pool.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2 AND granted = $3",
        [APPEND_LOCK_CLASS, lockKey >>> 0, granted],
      )).rows[0].n;
    while ((await appendLocks(true)) < 1) await new Promise((r) => setImmediate(r));
    const second = plain.append(`${p}b`, [event()], { expectedRevision: 'any' });
    while ((await appendLocks(false)) < 1) await new Promise((r) => setImmediate(r));
    expect(await eventsOf(plain, [p])).toEqual([]);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(E.isRight(a) && E.isRight(b) && a.right.position < b.right.position).toBe(true);
    expect((await eventsOf(plain, [p])).map((e) => e.stream)).toEqual([`${p}a`, `${p}b`]);
  });

  test('appends from several connections in random interleavings keep every stream\'s revisions gapless, every accepted append contiguous, refused appends unwritten and $all strictly ordered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.record({ stream: fc.nat(2), count: fc.integer({ min: 1, max: 3 }), exact: fc.boolean() }), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.nat(4), { minLength: 1, maxLength: 10 }),
        async (workers, delays) => {
          const p = prefix();
          let k = 0;
          const store = storeOn(faultyPool(db().pool, (sql) => (sql === 'COMMIT' || sql.includes('INSERT INTO') ? { kind: 'delay', ms: delays[k++ % delays.length] as number } : undefined)));
          const reader = recorder(storeOn(), p);
          const outcomes: { stream: string; ids: string[]; result: E.Either<unknown, AppendResult> }[] = [];
          await Promise.all(
            workers.map(async (ops) => {
              for (const op of ops) {
                const stream = `${p}${op.stream}`;
                const events = Array.from({ length: op.count }, () => event()) as [EventToAppend, ...EventToAppend[]];
                let expectedRevision: 'any' | 'no_stream' | bigint = 'any';
                if (op.exact) {
                  const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
                  expectedRevision = E.isLeft(last) ? 'no_stream' : (last.right[0] as RecordedEvent).revision;
                }
                outcomes.push({ stream, ids: events.map((e) => e.id), result: await store.append(stream, events, { expectedRevision }) });
              }
            }),
          );
          const all = await eventsOf(store, [p]);
          expect(strictlyIncreasing(all.map((e) => e.position))).toBe(true);
          for (const stream of new Set(outcomes.map((o) => o.stream))) {
            const read = await store.readStream(stream);
            const events = E.isRight(read) ? read.right : [];
            expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
            expect(strictlyIncreasing(events.map((e) => e.position))).toBe(true);
          }
          const byId = new Map(all.map((e) => [e.id, e]));
          for (const o of outcomes) {
            if (E.isLeft(o.result)) {
              expect(o.ids.filter((id) => byId.has(id))).toEqual([]);
              continue;
            }
            const stored = o.ids.map((id) => byId.get(id) as RecordedEvent);
            expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => (stored[0] as RecordedEvent).revision + BigInt(i)));
            expect(o.result.right).toEqual({ nextRevision: (stored[stored.length - 1] as RecordedEvent).revision, position: (stored[stored.length - 1] as RecordedEvent).position });
          }
          const last = all[all.length - 1];
          if (last !== undefined) await reader.reached(last.position);
          await reader.subscription.stop();
          expect(reader.seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

describeWithPostgres('PostgresEventStore subscriptions end for a reason', () => {
  const db = useFreshSchema('subscriptions');
  const stores: PostgresEventStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  test('a subscription whose read fails ends as dropped, with the checkpoint of the last event it handled', async () => {
    const p = prefix();
    const plain = new PostgresEventStore(db().pool, { schema: db().schema });
    stores.push(plain);
    const results: AppendResult[] = [];
    for (let i = 0; i < 5; i++) results.push(await accepted(plain, `${p}a`, [event()]));
    let reads = 0;
    const failing = new PostgresEventStore(faultyPool(db().pool, (sql) => (sql.startsWith('SELECT position') && ++reads === 3 ? { kind: 'throw' } : undefined)), { schema: db().schema, pageSize: 2 });
    stores.push(failing);
    const handled: string[] = [];
    const subscription = failing.subscribeToAll({ filter: { streamPrefixes: [p] } }, (m) => {
      if (m.kind === 'event') handled.push(m.event.id);
    });
    const closed: SubscriptionClosed = await subscription.closed;
    expect(closed.reason).toBe('dropped');
    expect(closed.checkpoint).toBe((results[3] as AppendResult).position);
    expect(handled).toHaveLength(4);
    // Resuming from the checkpoint delivers the rest.
    const rest: string[] = [];
    const resumed = plain.subscribeToAll({ fromPosition: closed.checkpoint, filter: { streamPrefixes: [p] } }, async (m) => {
      if (m.kind === 'caught_up') void resumed.stop();
      else rest.push(m.event.id);
    });
    expect((await resumed.closed).reason).toBe('stopped');
    expect(rest).toHaveLength(1);
  });

  test('a subscription whose LISTEN connection is killed keeps delivering: it polls, listens again, and misses nothing', async () => {
    const p = prefix();
    const store = new PostgresEventStore(db().pool, { schema: db().schema, pollIntervalMs: 50 });
    stores.push(store);
    const reader = recorder(store, p);
    await accepted(store, `${p}a`, [event()]);
    await reader.reached(0n);
    const killed = await db().pool.query('SELECT pg_terminate_backend(pid, 5000) AS done FROM pg_stat_activity WHERE query = $1', [`LISTEN "${db().schema}_appended"`]);
    expect(killed.rows.length).toBeGreaterThanOrEqual(1);
    expect(killed.rows.every((r: { done: boolean }) => r.done)).toBe(true);
    const later: AppendResult[] = [];
    for (let i = 0; i < 3; i++) later.push(await accepted(store, `${p}a`, [event()]));
    await reader.reached((later[2] as AppendResult).position);
    await reader.subscription.stop();
    expect(reader.seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
  });

  test('close() stops every subscription of the store, each closed as stopped', async () => {
    const store = new PostgresEventStore(db().pool, { schema: db().schema });
    const a = store.subscribeToAll({ filter: { streamPrefixes: [prefix()] } }, () => undefined);
    const b = store.subscribeToAll({ filter: { streamPrefixes: [prefix()] } }, () => undefined);
    await store.close();
    expect([(await a.closed).reason, (await b.closed).reason]).toEqual(['stopped', 'stopped']);
  });

  test('a bad argument is a bug, rejected with a TypeError, never a Left', async () => {
    const store = new PostgresEventStore(db().pool, { schema: db().schema });
    await expect(store.append('', [event()], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
    await expect(store.append(`${prefix()}s`, [] as unknown as [EventToAppend], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
    await expect(store.append(`${prefix()}s`, [event()], { expectedRevision: -1n })).rejects.toThrow(TypeError);
    await expect(store.readStream(`${prefix()}s`, { maxCount: 1.5 })).rejects.toThrow(TypeError);
    expect(() => new PostgresEventStore(db().pool, { schema: 'Bad-Name' })).toThrow(TypeError);
  });
});

describeWithPostgres('PostgresEventStore.deleteStream', () => {
  const db = useFreshSchema('delete');
  let store: PostgresEventStore;
  beforeAll(() => {
    store = new PostgresEventStore(db().pool, { schema: db().schema });
  });
  afterAll(async () => store.close());

  test('removes the stream\'s events from the stream and from $all, and leaves other streams and their positions as they were', async () => {
    const p = prefix();
    await accepted(store, `${p}gone`, [event(), event()]);
    const kept = await accepted(store, `${p}kept`, [event()]);
    await accepted(store, `${p}gone`, [event()]);
    const before = (await eventsOf(store, [`${p}kept`]));
    const deleted = await store.deleteStream(`${p}gone`);
    expect(deleted).toEqual(E.right({ stream: `${p}gone`, deletedEvents: 3, lastRevision: 2n }));
    expect(E.isLeft(await store.readStream(`${p}gone`))).toBe(true);
    expect((await eventsOf(store, [p])).map((e) => e.stream)).toEqual([`${p}kept`]);
    expect(await eventsOf(store, [`${p}kept`])).toEqual(before);
    expect(before[0]?.position).toBe(kept.position);
  });

  test('a deleted stream\'s name starts over at revision 0, at positions after every earlier event', async () => {
    const p = prefix();
    const old = await accepted(store, `${p}s`, [event(), event()]);
    await store.deleteStream(`${p}s`);
    const again = await store.append(`${p}s`, [event()], { expectedRevision: 'no_stream' });
    expect(E.isRight(again) && again.right.nextRevision === 0n && again.right.position > old.position).toBe(true);
  });

  test('a stream with no events is stream_not_found; a wrong expected revision is wrong_expected_version and deletes nothing', async () => {
    const p = prefix();
    const missing = await store.deleteStream(`${p}none`);
    expect(E.isLeft(missing) && missing.left.code).toBe('stream_not_found');
    await accepted(store, `${p}s`, [event(), event()]);
    const wrong = await store.deleteStream(`${p}s`, { expectedRevision: 0n });
    expect(E.isLeft(wrong) && wrong.left.code).toBe('wrong_expected_version');
    expect(E.isLeft(wrong) && wrong.left.facts).toEqual({ stream: `${p}s`, expected: 0n, actual: 1n });
    const read = await store.readStream(`${p}s`);
    expect(E.isRight(read) && read.right.length).toBe(2);
    expect(E.isRight(await store.deleteStream(`${p}s`, { expectedRevision: 1n }))).toBe(true);
  });
});
