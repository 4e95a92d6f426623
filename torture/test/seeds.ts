import fc from 'fast-check';
import type { RunReport } from '../src/faulted-workload';

/**
 * Runs a scenario for a few fixed seeds and a few random ones (fast-check prints the
 * seed of a failing run: replay it with `node torture/dist/run.js replay "<scenario>" <seed>`);
 * every run must break nothing. Returns the reports, to check the runs met what they should.
 */
export const holdsForSeeds = async (run: (seed: number) => Promise<RunReport>, fixed: readonly number[], random: number): Promise<RunReport[]> => {
  const reports: RunReport[] = [];
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 2 }), async (seed) => {
      const report = await run(seed);
      reports.push(report);
      expect(report.breaks).toEqual([]);
    }),
    { numRuns: fixed.length + random, examples: fixed.map((seed) => [seed]) },
  );
  return reports;
};

/** A fault count summed over runs. */
export const injected = (reports: readonly RunReport[], fault: string): number =>
  reports.reduce((n, r) => n + ((r.faults as unknown as Record<string, number> | undefined)?.[fault] ?? 0), 0);

/** An outcome count summed over runs. */
export const outcome = (reports: readonly RunReport[], what: string): number => reports.reduce((n, r) => n + (r.outcomes[what] ?? 0), 0);
