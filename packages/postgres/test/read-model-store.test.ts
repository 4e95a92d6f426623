import { InMemoryReadModelStore, type DocumentChange, type Positioned, type ReadModelStore } from '@packledger/projections';
import { PostgresReadModelStore } from '@packledger/postgres';
import fc from 'fast-check';
import { faultyPool, InjectedFailure, type Fault } from './support/faults';
import { describeWithPostgres, useFreshSchema } from './support/postgres';

/** Ids whose orders differ between collations, code points and UTF-16 code units. */
const ids = fc.constantFrom('a', 'B', 'b', 'Z', 'a1', 'a-1', 'é', 'E', '😀', '\uFFFD', 'x y', 'Ab');
const docAt = (position: bigint) =>
  fc.record({
    name: fc.string({ maxLength: 8 }),
    n: fc.integer(),
    tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
    nested: fc.option(fc.record({ ok: fc.boolean(), credits: fc.constantFrom('0', '12.5', '-3') }), { nil: null }),
  }).map((d) => ({ position: position.toString(), ...d }));

type Op =
  | { readonly kind: 'commit'; readonly view: string; readonly changes: readonly { readonly id: string; readonly delete: boolean; readonly doc: Positioned }[]; readonly advance: number }
  | { readonly kind: 'drop'; readonly view: string };

const ops = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('commit' as const), view: fc.constantFrom('v1', 'v2'), advance: fc.nat(3), changes: fc.array(fc.record({ id: ids, delete: fc.boolean(), doc: docAt(1n) }), { maxLength: 6 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), view: fc.constantFrom('v1', 'v2') }) },
  ),
  { maxLength: 12 },
) as fc.Arbitrary<Op[]>;

const stateOf = async (store: ReadModelStore, views: readonly string[]) =>
  Promise.all(views.map(async (v) => ({ view: v, checkpoint: await store.checkpoint(v), all: await store.all(v), some: [...(await store.get(v, ['a', 'B', '😀', 'missing']))] })));

describeWithPostgres('PostgresReadModelStore', () => {
  const db = useFreshSchema('read_models');
  let run = 0;

  test('behaves as the in-memory store on any sequence of commits and drops: same documents, same id order, same checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        const prefix = `r${++run}_`;
        const pg = new PostgresReadModelStore(db().pool, { schema: db().schema });
        const memory = new InMemoryReadModelStore();
        const checkpoints = new Map<string, bigint>();
        for (const op of sequence) {
          const view = prefix + op.view;
          if (op.kind === 'drop') {
            await pg.drop(view);
            await memory.drop(view);
            checkpoints.delete(view);
            continue;
          }
          const checkpoint = (checkpoints.get(view) ?? 0n) + BigInt(op.advance);
          checkpoints.set(view, checkpoint);
          const changes: DocumentChange[] = op.changes.map((c) => ({ id: c.id, doc: c.delete ? null : { ...c.doc, position: checkpoint.toString() } }));
          await pg.commit(view, changes, checkpoint);
          await memory.commit(view, changes, checkpoint);
        }
        const views = [`${prefix}v1`, `${prefix}v2`];
        expect(await stateOf(pg, views)).toEqual(await stateOf(memory, views));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  const statements: readonly { readonly name: string; readonly matches: (sql: string) => boolean }[] = [
    { name: 'BEGIN', matches: (sql) => sql === 'BEGIN' },
    { name: 'the checkpoint write', matches: (sql) => sql.includes('view_checkpoints') && sql.startsWith('INSERT') },
    { name: 'the document writes', matches: (sql) => sql.includes('view_documents') && sql.startsWith('INSERT') },
    { name: 'the document deletions', matches: (sql) => sql.startsWith('DELETE FROM') },
    { name: 'COMMIT', matches: (sql) => sql === 'COMMIT' },
  ];
  const faults: readonly Fault['kind'][] = ['throw', 'kill'];

  test.each(statements.flatMap((s) => faults.map((f) => [s.name, f, s] as const)))(
    'a commit that fails at %s (%s) leaves the documents and the checkpoint as they were',
    async (_name, fault, statement) => {
      const view = `atomic_${statement.name.replace(/\W/g, '_')}_${fault}`;
      const healthy = new PostgresReadModelStore(db().pool, { schema: db().schema });
      await healthy.commit(view, [{ id: 'kept', doc: { position: '1' } }, { id: 'deleted', doc: { position: '1' } }], 1n);
      const before = await stateOf(healthy, [view]);
      let armed = true;
      const failing = new PostgresReadModelStore(
        faultyPool(db().pool, (sql) => {
          if (!armed || !statement.matches(sql)) return undefined;
          armed = false;
          return { kind: fault } as Fault;
        }),
        { schema: db().schema },
      );
      const commit = failing.commit(view, [{ id: 'kept', doc: { position: '2', changed: true } as Positioned }, { id: 'new', doc: { position: '2' } }, { id: 'deleted', doc: null }], 2n);
      await expect(commit).rejects.toThrow(fault === 'throw' ? InjectedFailure : Error);
      expect(armed).toBe(false);
      expect(await stateOf(healthy, [view])).toEqual(before);
      // The store still works: the same commit, retried on a healthy connection, goes through whole.
      await healthy.commit(view, [{ id: 'kept', doc: { position: '2', changed: true } as Positioned }, { id: 'new', doc: { position: '2' } }, { id: 'deleted', doc: null }], 2n);
      expect(await healthy.all(view)).toEqual([{ position: '2', changed: true }, { position: '2' }]);
      expect(await healthy.checkpoint(view)).toBe(2n);
    },
  );

  test('refuses, by throwing, a commit whose checkpoint is behind the stored one, and writes none of it', async () => {
    const store = new PostgresReadModelStore(db().pool, { schema: db().schema });
    await store.commit('behind', [{ id: 'x', doc: { position: '5' } }], 5n);
    await expect(store.commit('behind', [{ id: 'x', doc: { position: '3' } }, { id: 'y', doc: { position: '3' } }], 3n)).rejects.toThrow(/behind the stored 5; two runners feed one view/);
    expect(await store.all('behind')).toEqual([{ position: '5' }]);
    expect(await store.checkpoint('behind')).toBe(5n);
  });

  test('of two commits racing on one view, the documents always end with the checkpoint they were written with', async () => {
    const store = new PostgresReadModelStore(db().pool, { schema: db().schema });
    for (let round = 0; round < 20; round++) {
      const view = `race_${round}`;
      const results = await Promise.allSettled([
        store.commit(view, [{ id: 'x', doc: { position: '3' } }], 3n),
        store.commit(view, [{ id: 'x', doc: { position: '5' } }], 5n),
      ]);
      expect(results[1].status).toBe('fulfilled');
      expect(await store.checkpoint(view)).toBe(5n);
      expect(await store.all(view)).toEqual([{ position: '5' }]);
    }
  });
});
