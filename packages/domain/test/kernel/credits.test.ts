import * as E from 'fp-ts/Either';
import { addCredits, credits, CreditsString, Dec, subtractCredits, ZERO_CREDITS, type Credits } from '../../src/kernel';

/** Credits from a literal the test knows to be valid. */
const c = (value: string): Credits => E.getOrElse((reason: string): Credits => {
  throw new Error(`test setup: ${reason}`);
})(credits(value));

const written = (x: Credits): string => CreditsString.encode(x);

describe('credits()', () => {
  test.each([['10', '10'], ['2.5', '2.5'], ['0', '0'], ['0.000001', '0.000001'], ['3.100000', '3.1']])(
    'given %p, when made into credits, then they are %p',
    (input, expected) => {
      expect(E.map(written)(credits(input))).toEqual(E.right(expected));
    },
  );

  test('given a decimal, when made into credits, then it is accepted like its string', () => {
    expect(E.map(written)(credits(new Dec('2.5')))).toEqual(E.right('2.5'));
  });

  test.each([['-1'], ['-0.000001'], ['0.0000001'], [Number.NaN], [Number.POSITIVE_INFINITY], ['Infinity'], ['abc'], ['']])(
    'given %p, when made into credits, then it is Left with a reason, never an exception',
    (input) => {
      expect(credits(input)).toEqual(E.left(expect.stringContaining('not a number of credits')));
    },
  );

  test('given "-0", when made into credits, then it is zero credits, written "0"', () => {
    expect(E.map((x: Credits) => JSON.stringify(x))(credits('-0'))).toEqual(E.right('"0"'));
  });

  test('given ZERO_CREDITS, then it is zero', () => {
    expect(written(ZERO_CREDITS)).toBe('0');
  });
});

describe('addCredits', () => {
  test('given 2.5 and 0.75 credits, when added, then there are 3.25 credits', () => {
    expect(written(addCredits(c('2.5'), c('0.75')))).toBe('3.25');
  });
});

describe('subtractCredits', () => {
  test('given 10 credits, when 2.5 are taken, then 7.5 remain', () => {
    expect(E.map(written)(subtractCredits(c('10'), c('2.5')))).toEqual(E.right('7.5'));
  });

  test('given 3 credits, when all 3 are taken, then zero remain', () => {
    expect(E.map(written)(subtractCredits(c('3'), c('3')))).toEqual(E.right('0'));
  });

  test('given 1 credit, when 3.5 are taken, then it is Left with shortBy 2.5', () => {
    expect(E.mapLeft((e: { shortBy: Credits }) => written(e.shortBy))(subtractCredits(c('1'), c('3.5')))).toEqual(E.left('2.5'));
  });
});
