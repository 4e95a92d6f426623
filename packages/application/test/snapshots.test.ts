import fc from 'fast-check';
import {
  InMemoryEventStore,
  SNAPSHOT_EVENT_TYPE,
  commandHandler,
  creditPackAggregate,
  creditPackStateCodec,
  loadStream,
  snapshotStreamOf,
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
  commandsInOrder,
} from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import { creditPackStream, fold } from '@packledger/domain';
import { creditPackHistory } from './credit-pack-histories';
import { consume, issue, right } from './credit-packs';

const P1 = creditPackStream('p1');
const snapshotsEvery = (every: number) => ({ snapshots: { every, codec: creditPackStateCodec } });

/** A store that remembers every stream read, to see what a load reads. */
const watchedStore = (inner: EventStore) => {
  const reads: { stream: string; options: ReadStreamOptions | undefined }[] = [];
  const store: EventStore = {
    append: (stream, events, options) => inner.append(stream, events, options),
    readStream: (stream, options) => {
      reads.push({ stream, options });
      return inner.readStream(stream, options);
    },
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options, handler) => inner.subscribeToAll(options, handler),
  };
  return { store, reads };
};

const packWithConsumptions = async (store: EventStore, count: number, every: number): Promise<void> => {
  const handle = commandHandler(store, creditPackAggregate, snapshotsEvery(every));
  right(await handle(issue('p1', '100'), { commandId: 'c0' }));
  for (let i = 1; i <= count; i++) right(await handle(consume('p1', `use-${i}`, '1'), { commandId: `c${i}` }));
};

const snapshotsOf = async (store: EventStore): Promise<readonly RecordedEvent[]> => right(await store.readStream(snapshotStreamOf(P1)));

describe('snapshots', () => {
  test('a snapshot is written to snapshot-<stream> each time N more events have been appended, with its revision and command ids', async () => {
    const store = new InMemoryEventStore();
    await packWithConsumptions(store, 7, 3);
    const snapshots = await snapshotsOf(store);
    expect(snapshots.map((s) => [s.type, s.data.revision])).toEqual([[SNAPSHOT_EVENT_TYPE, 2], [SNAPSHOT_EVENT_TYPE, 5]]);
    expect(snapshots[1]?.data.commands).toEqual([['c0', 0, 0], ['c1', 1, 1], ['c2', 2, 2], ['c3', 3, 3], ['c4', 4, 4], ['c5', 5, 5]]);
    expect(snapshots[1]?.metadata).toMatchObject({ schemaVersion: creditPackStateCodec.version, commandId: 'c5', actor: 'system:snapshots' });
  });

  test('loading starts from the latest snapshot and reads only the events from its revision on', async () => {
    const inner = new InMemoryEventStore();
    await packWithConsumptions(inner, 7, 3);
    const { store, reads } = watchedStore(inner);
    const loaded = right(await loadStream(store, creditPackAggregate, P1, snapshotsEvery(3)));
    expect(loaded).toMatchObject({ revision: 7n, snapshotRevision: 5n });
    expect(reads).toEqual([
      { stream: snapshotStreamOf(P1), options: { direction: 'backwards', maxCount: 1 } },
      { stream: P1, options: { fromRevision: 5n } },
    ]);
    expect(loaded.state.kind === 'issued' && loaded.state.remaining.toFixed()).toBe('93');
  });

  test('readers of credit-pack streams never see snapshots', async () => {
    const store = new InMemoryEventStore();
    await packWithConsumptions(store, 6, 2);
    const types = new Set<string>();
    for await (const e of store.readAll({ filter: { streamPrefixes: ['creditPack-'] } })) types.add(e.type);
    expect([...types].sort()).toEqual(['CreditPackIssued', 'CreditsConsumed']);
    expect((await snapshotsOf(store)).length).toBe(3);
  });

  test('a snapshot of another state-codec version is ignored: the stream is folded from its start, and a new snapshot is written', async () => {
    const store = new InMemoryEventStore();
    await packWithConsumptions(store, 3, 3);
    const nextVersion = { ...creditPackStateCodec, version: creditPackStateCodec.version + 1 };
    const loaded = right(await loadStream(store, creditPackAggregate, P1, { snapshots: { every: 3, codec: nextVersion } }));
    expect(loaded).toMatchObject({ revision: 3n, snapshotRevision: undefined });
    right(await commandHandler(store, creditPackAggregate, { snapshots: { every: 3, codec: nextVersion } })(consume('p1', 'use-9', '1'), { commandId: 'c9' }));
    expect((await snapshotsOf(store)).map((s) => [s.metadata.schemaVersion, s.data.revision])).toEqual([[1, 2], [2, 4]]);
  });

  test('a snapshot that does not decode, or claims a revision its stream does not have, is ignored', async () => {
    const store = new InMemoryEventStore();
    await packWithConsumptions(store, 2, 100);
    const full = right(await loadStream(store, creditPackAggregate, P1));
    const metadata = { schemaVersion: creditPackStateCodec.version, commandId: 'x', correlationId: 'x', causationId: 'x', actor: 'system:snapshots', occurredAt: '2026-02-01T00:00:00.000Z' };
    right(await store.append(snapshotStreamOf(P1), [{ id: 'bad-1', type: SNAPSHOT_EVENT_TYPE, data: { revision: 1, state: { kind: 'issued' }, commands: [] }, metadata }], { expectedRevision: 'any' }));
    const afterBadState = right(await loadStream(store, creditPackAggregate, P1, snapshotsEvery(100)));
    expect(afterBadState.snapshotRevision).toBeUndefined();
    expect(sameValue(afterBadState.state, full.state)).toBe(true);
    right(await store.append(snapshotStreamOf(P1), [{ id: 'bad-2', type: SNAPSHOT_EVENT_TYPE, data: { revision: 99, state: { kind: 'none' }, commands: [] }, metadata }], { expectedRevision: 'any' }));
    const afterFutureRevision = right(await loadStream(store, creditPackAggregate, P1, snapshotsEvery(100)));
    expect(afterFutureRevision).toMatchObject({ revision: 2n, snapshotRevision: undefined });
    expect(sameValue(afterFutureRevision.state, full.state)).toBe(true);
  });

  test('a snapshot-based load equals a full fold, for random histories and snapshot intervals', async () => {
    await fc.assert(
      fc.asyncProperty(creditPackHistory('p1'), fc.integer({ min: 1, max: 8 }), async (commands, every) => {
        const store = new InMemoryEventStore();
        const handle = commandHandler(store, creditPackAggregate, snapshotsEvery(every));
        for (const [i, c] of commands.entries()) await handle(c, { commandId: `c${i}` });
        const full = right(await loadStream(store, creditPackAggregate, P1));
        const fromSnapshot = right(await loadStream(store, creditPackAggregate, P1, snapshotsEvery(every)));
        expect(sameValue(fromSnapshot.state, full.state)).toBe(true);
        expect(fromSnapshot.revision).toBe(full.revision);
        expect(commandsInOrder(fromSnapshot.commands)).toEqual(commandsInOrder(full.commands));
        const length = full.revision === 'no_stream' ? 0 : Number(full.revision) + 1;
        // Not vacuous: whenever the stream is long enough, the load really started from a snapshot.
        if (length >= every) expect(fromSnapshot.snapshotRevision).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });

  test('the credit-pack state codec gives back an equal state for every state a random history passes through', () => {
    fc.assert(
      fc.property(creditPackHistory('p1'), (commands) => {
        let state = creditPackAggregate.decider.initialState;
        for (const c of commands) {
          const decided = creditPackAggregate.decider.decide(c, state);
          if (decided._tag === 'Left') continue;
          state = fold(creditPackAggregate.decider, decided.right, state);
          const stored = JSON.parse(JSON.stringify(creditPackStateCodec.encode(state))) as unknown;
          const decoded = right(creditPackStateCodec.decode(stored));
          expect(sameValue(decoded, state)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
