import { hotPacks, twoBillRuns, usageWorkers } from '../src/load';
import { holdsForSeeds, outcome } from './seeds';

describe('many concurrent handlers on shared streams', () => {
  test('hot credit packs: never overdrawn, no consumption lost or counted twice, conflicts resolved by retry', async () => {
    const reports = await holdsForSeeds((seed) => hotPacks(seed), [1, 2, 3, 4, 5], 10);
    const small = await holdsForSeeds((seed) => hotPacks(seed, 'small'), [1, 2, 3], 60);
    expect(outcome([...reports, ...small], 'conflicts retried')).toBeGreaterThan(0);
  }, 60_000);

  test('one account billed by two bill runs at once: each package billed once per period, every day billed once, no usage billed twice', async () => {
    await holdsForSeeds((seed) => twoBillRuns(seed), [1, 2, 3, 4], 6);
    await holdsForSeeds((seed) => twoBillRuns(seed, 'small'), [1, 2, 3], 30);
  }, 60_000);

  test('usage rated for one client package from several workers: no usage counted twice, limits never exceeded', async () => {
    const reports = await holdsForSeeds((seed) => usageWorkers(seed), [1, 2, 3, 4, 5], 10);
    await holdsForSeeds((seed) => usageWorkers(seed, 'small'), [1, 2, 3], 60);
    expect(outcome(reports, 'conflicts retried')).toBeGreaterThan(0);
  }, 60_000);
});
