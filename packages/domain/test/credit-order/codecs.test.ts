import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { creditOrderCommandCodecs, decodeCreditOrderCommand, decodeCreditOrderEvent, encodeCreditOrderEvent } from '../../src';
import { sameValue } from '../../src/testing';
import { correctJson, fulfilled, placeJson } from './fixtures';

describe('credit-order codecs', () => {
  test('random input never throws: it decodes to a command or to an error naming each bad field', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(creditOrderCommandCodecs)), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
      const result = decodeCreditOrderCommand({ ...fields, type });
      if (E.isLeft(result)) expect(result.left.facts.problems.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  test('a command with a bad field is refused at that field', () => {
    const result = decodeCreditOrderCommand({ ...placeJson(), credits: '-1', owner: { type: 'office' } });
    expect(E.isLeft(result) && result.left.facts.problems.map((p) => p.path.split('.')[0])).toEqual(expect.arrayContaining(['credits', 'owner']));
    expect(E.isLeft(decodeCreditOrderCommand({ ...correctJson({ credits: 'NaN' }) }))).toBe(true);
  });

  test('every event encodes to JSON and decodes back to the same event', () => {
    for (const e of fulfilled) {
      const json = JSON.parse(JSON.stringify(encodeCreditOrderEvent(e))) as unknown;
      const back = decodeCreditOrderEvent(json);
      expect(E.isRight(back) && sameValue(back.right, e)).toBe(true);
    }
  });
});
