import { faultedWorkload } from '../src/faulted-workload';
import { holdsForSeeds, injected, outcome } from './seeds';

describe('random workloads over all three aggregates through a faulty store', () => {
  test('store every accepted command exactly once, never overdraw, and build views equal to a clean rebuild', async () => {
    const reports = await holdsForSeeds((seed) => faultedWorkload(seed), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 20);
    // The runs met every kind of fault, and clients retried through them.
    for (const fault of ['appendsFailedBeforeWrite', 'appendsFailedAfterWrite', 'appendsTimedOut', 'lateWrites', 'readsFailed', 'subscriptionsDropped', 'redeliveries']) {
      expect([fault, injected(reports, fault)]).toEqual([fault, expect.any(Number)]);
      expect(injected(reports, fault)).toBeGreaterThan(0);
    }
    expect(outcome(reports, 'duplicate')).toBeGreaterThan(0);
    expect(reports.reduce((n, r) => n + r.restarts, 0)).toBeGreaterThan(0);
  }, 60_000);
});
