import { InMemoryEventStore } from '@packledger/application';
import fc from 'fast-check';
import { frozenJsonCopy } from '../../src/in-memory/frozen-copy';

const isDeeplyFrozen = (v: unknown): boolean =>
  typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(isDeeplyFrozen));

/** An array with a hole at index 1. */
const holey = (): unknown[] => {
  const a: unknown[] = [1];
  a[2] = 3;
  return a;
};

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** Objects of JSON values, and of values JSON changes or drops (undefined, -0, NaN, dates, holes, class instances). */
const awkward = fc.oneof(fc.constant(undefined), fc.constant(-0), fc.constant(Number.NaN), fc.constant(new Date(0)), fc.constant(holey()), fc.constant(new Map()), fc.constant({ toJSON: () => 'x' }));
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), awkward, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
})).value;
const objects = fc.dictionary(fc.string(), values, { maxKeys: 6 });

describe('the one-walk frozen copy of plain JSON', () => {
  test('gives what JSON.stringify then JSON.parse give, deeply frozen, or declines (undefined)', () => {
    let copied = 0;
    fc.assert(fc.property(objects, (data) => {
      const copy = frozenJsonCopy(data);
      if (copy === undefined) return true;
      copied++;
      expect(copy).toStrictEqual(roundTrip(data));
      expect(isDeeplyFrozen(copy)).toBe(true);
      return copy !== data;
    }), { numRuns: 1_000, seed: 5 });
    expect(copied).toBeGreaterThan(200);
  });

  test('declines what JSON would change: -0, NaN, undefined fields, holes, dates, toJSON, a __proto__ key, 257 levels', () => {
    const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });
    for (const data of [{ a: -0 }, { a: Number.NaN }, { a: undefined }, { a: holey() }, { a: new Date(0) }, { toJSON: () => 1 }, JSON.parse('{"__proto__":{"x":1}}') as object, deep(256)]) {
      expect(frozenJsonCopy(data)).toBeUndefined();
    }
    expect(frozenJsonCopy(deep(255))).toStrictEqual(deep(255));
  });

  test('the store keeps exactly what JSON keeps, whichever way an event goes in', async () => {
    await fc.assert(fc.asyncProperty(objects, async (data) => {
      const store = new InMemoryEventStore();
      let expected: unknown;
      try {
        expected = roundTrip({ data }) as { data: unknown };
      } catch {
        return true;
      }
      await store.append('s-1', [{ id: 'e1', type: 'Something', data: data as never, metadata: { commandId: 'c', correlationId: 'c', causationId: 'c', actor: 'a', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 } }], { expectedRevision: 'any' });
      const read = await store.readStream('s-1');
      if (read._tag === 'Left') return false;
      expect({ data: read.right[0]?.data }).toStrictEqual(expected);
      return isDeeplyFrozen(read.right[0]);
    }), { numRuns: 300, seed: 6 });
  });
});
