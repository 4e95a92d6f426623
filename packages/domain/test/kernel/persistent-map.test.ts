import fc from 'fast-check';
import { emptyPersistentMap, entriesOf, insert, lookup, persistentMapOf } from '../../src/kernel';

describe('PersistentMap', () => {
  test('agrees with a Map after any sequence of inserts: lookups, size and entries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3000 }), (ops) => {
        let map = emptyPersistentMap<number>();
        const model = new Map<string, number>();
        for (const [k, v] of ops) {
          map = insert(map, k, v);
          model.set(k, v);
        }
        expect(map.size).toBe(model.size);
        for (const [k, v] of model) expect(lookup(map, k)).toBe(v);
        expect(lookup(map, 'absent-key-longer-than-four')).toBeUndefined();
        expect([...entriesOf(map)].sort()).toEqual([...model].sort());
      }),
      { numRuns: 100 },
    );
  });

  test('an insert never changes the map it came from', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 200 }), fc.string(), (keys, extra) => {
        const before = persistentMapOf(keys.map((k, i) => [k, i] as const));
        const snapshot = [...entriesOf(before)].sort();
        const after = insert(before, extra, -1);
        expect([...entriesOf(before)].sort()).toEqual(snapshot);
        expect(lookup(after, extra)).toBe(-1);
        expect(before.size).toBe(keys.length);
      }),
    );
  });

  test('keys whose hashes collide are all kept, found and updated', () => {
    // "k32728" and "k261234" have the same FNV-1a hash (0x92c402be), as do "k32729" and "k261235".
    let map = persistentMapOf<number>([['k32728', 1], ['k261234', 2], ['k32729', 3], ['k261235', 4], ['other', 5]] as const);
    expect([lookup(map, 'k32728'), lookup(map, 'k261234'), lookup(map, 'k32729'), lookup(map, 'k261235'), map.size]).toEqual([1, 2, 3, 4, 5]);
    map = insert(map, 'k261234', 20);
    expect([lookup(map, 'k32728'), lookup(map, 'k261234'), map.size]).toEqual([1, 20, 5]);
  });
});
