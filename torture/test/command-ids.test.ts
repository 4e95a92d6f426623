import { AMBIGUOUS_FAILURES, commandIdRetries } from '../src/command-ids';
import { holdsForSeeds, injected, outcome } from './seeds';

describe('a command retried with the same command id after an ambiguous failure', () => {
  test('answers the original outcome when the first attempt was stored, and is never stored twice', async () => {
    const reports = await holdsForSeeds(commandIdRetries, Array.from({ length: 30 }, (_s, i) => i + 1), 30);
    // Every kind of ambiguous failure was met, including timed-out writes that landed after the caller gave up on them.
    expect(new Set(reports.map((r) => (r as typeof r & { failure: string }).failure))).toEqual(new Set(AMBIGUOUS_FAILURES));
    expect(injected(reports, 'lateWrites')).toBeGreaterThan(0);
    expect(outcome(reports, 'duplicate')).toBeGreaterThan(0);
  }, 60_000);
});
