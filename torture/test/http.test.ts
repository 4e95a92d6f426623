import fc from 'fast-check';
import { httpAccess, httpFuzz } from '../src/http';

describe('the HTTP adapter (seed 002 access, hostile bodies)', () => {
  test('over random companies and actors, a Client Hub actor gets nothing of another company from any query, a Client Hub user no invoice information, and commands on other companies\' data are refused with nothing recorded', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
        const report = await httpAccess(seed);
        requests += report.requests;
        expect(report.breaks).toEqual([]);
      }),
      { numRuns: 8, examples: [[1], [2], [3], [4]] },
    );
    expect(requests).toBeGreaterThan(8 * 40);
  }, 30_000);

  test('hostile command bodies from any caller: never a 5xx, always JSON, no pollution, nothing recorded unless accepted, and nothing unreadable accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
        expect((await httpFuzz(seed, 300)).breaks).toEqual([]);
      }),
      { numRuns: 4, examples: [[1], [2]] },
    );
  }, 30_000);
});
