import { everyEventTwice, projectionKills } from '../src/projection-kills';
import { holdsForSeeds, injected } from './seeds';

describe('the projection runner killed at random points and restarted', () => {
  test('ends with views equal to a clean rebuild, on an atomic and on a non-atomic read-model store', async () => {
    const reports = await holdsForSeeds((seed) => projectionKills(seed), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 20);
    expect(new Set(reports.map((r) => r.scenario))).toEqual(new Set(['projection kills (atomic store)', 'projection kills (non-atomic store)']));
    expect(reports.reduce((n, r) => n + r.restarts, 0)).toBeGreaterThan(50);
    expect(injected(reports, 'subscriptionsDropped')).toBeGreaterThan(0);
  }, 60_000);
});

describe('views are idempotent by position', () => {
  test('every event delivered twice builds the same views, and applying an event again changes nothing', async () => {
    const reports = await holdsForSeeds(everyEventTwice, [1, 2], 2);
    expect(injected(reports, 'redeliveries')).toBeGreaterThan(0);
  }, 30_000);
});
