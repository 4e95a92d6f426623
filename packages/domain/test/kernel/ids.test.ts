import * as E from 'fp-ts/Either';
import { boundedArray, boundedText, decodeWith, EntityId, intBetween, nonEmptyBoundedArray, optionalText, type DecodeError } from '../../src/kernel';

const problems = (e: DecodeError) => e.facts.problems;

describe('EntityId', () => {
  test.each([['u1'], ['V1StGXR8_Z5jdHi6B-myT'], ['a'.repeat(64)]])('given %p, when decoded, then it is an id', (id) => {
    expect(decodeWith(EntityId, id)).toEqual(E.right(id));
  });

  test.each([
    ['an empty string', ''],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'a b'],
    ['a non-ASCII letter', 'ü'],
    ['a slash', 'a/b'],
    ['a number', 42],
  ])('given %s, when decoded, then it is refused', (_what, id) => {
    expect(E.isLeft(decodeWith(EntityId, id))).toBe(true);
  });
});

describe('boundedText', () => {
  const reason = boundedText('Reason', 10);

  test('given text with surrounding spaces, when decoded, then it is trimmed', () => {
    expect(decodeWith(reason, '  late  ')).toEqual(E.right('late'));
  });

  test.each([['only spaces', '   '], ['an empty string', ''], ['11 characters', 'x'.repeat(11)], ['a number', 5]])(
    'given %s, when decoded, then it is refused',
    (_what, input) => {
      expect(E.isLeft(decodeWith(reason, input))).toBe(true);
    },
  );
});

describe('optionalText', () => {
  test('given an empty string, when decoded, then it is accepted as cleared text', () => {
    expect(decodeWith(optionalText('Note', 10), '')).toEqual(E.right(''));
  });

  test('given text over the limit, when decoded, then it is refused', () => {
    expect(E.isLeft(decodeWith(optionalText('Note', 10), 'x'.repeat(11)))).toBe(true);
  });
});

describe('intBetween', () => {
  const dayOfMonth = intBetween(1, 28);

  test.each([[1], [28]])('given the bound %i, when decoded, then it is accepted', (n) => {
    expect(decodeWith(dayOfMonth, n)).toEqual(E.right(n));
  });

  test.each([[0], [29], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['3'], [null]])('given %p, when decoded, then it is refused', (input) => {
    expect(E.isLeft(decodeWith(dayOfMonth, input))).toBe(true);
  });
});

describe('boundedArray and nonEmptyBoundedArray', () => {
  const ids = boundedArray(EntityId, 3);

  test('given as many items as allowed, when decoded, then they are accepted', () => {
    expect(decodeWith(ids, ['a', 'b', 'c'])).toEqual(E.right(['a', 'b', 'c']));
  });

  test('given one item too many, when decoded, then the refusal counts the items instead of checking each', () => {
    expect(E.mapLeft(problems)(decodeWith(ids, ['a', 'b', 'c', 'no good']))).toEqual(E.left([{ path: '(root)', message: 'must hold 0 to 3 items; got 4' }]));
  });

  test('given a bad item, when decoded, then the refusal is at its index', () => {
    expect(E.mapLeft((e: DecodeError) => problems(e).map((p) => p.path))(decodeWith(ids, ['a', 'b c']))).toEqual(E.left(['1']));
  });

  test('given an empty list, when decoded as a non-empty array, then it is refused', () => {
    expect(E.isLeft(decodeWith(nonEmptyBoundedArray(EntityId, 3), []))).toBe(true);
  });

  test('given an empty list, when decoded as a bounded array, then it is accepted', () => {
    expect(decodeWith(ids, [])).toEqual(E.right([]));
  });
});
