import { performance } from 'node:perf_hooks';

/** One benchmark figure: how to measure it once, and in what unit. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly workload: string;
  /** `higher` when a bigger value is better (a rate), `lower` for a time, a ratio or memory. */
  readonly better: 'higher' | 'lower';
  readonly target?: number;
  /** Runs the workload once (after `setup`) and returns the measured value. */
  readonly measure: () => Promise<number>;
  /** Repetitions (default 5) after one warm-up run (skipped when `warmUp` is false). */
  readonly repetitions?: number;
  readonly warmUp?: boolean;
}

/** The figure's median and range over its repetitions. */
export interface Result {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const round = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000);

/** Runs a figure: one warm-up, then at least five measured runs; prints a readable line and one JSON line. */
export const runFigure = async (figure: Figure): Promise<Result> => {
  if (figure.warmUp !== false) await figure.measure();
  const values: number[] = [];
  for (let i = 0; i < (figure.repetitions ?? 5); i++) {
    const value = await figure.measure();
    if (Number.isNaN(value)) return { bench: figure.name, value: Number.NaN, unit: figure.unit, min: Number.NaN, max: Number.NaN };
    values.push(value);
  }
  const result: Result = { bench: figure.name, value: round(median(values)), unit: figure.unit, min: round(Math.min(...values)), max: round(Math.max(...values)) };
  const verdict = figure.target === undefined ? '' : (figure.better === 'higher' ? result.value >= figure.target : result.value <= figure.target) ? ` (target ${figure.better === 'higher' ? '>=' : '<='} ${figure.target}: met)` : ` (target ${figure.better === 'higher' ? '>=' : '<='} ${figure.target}: NOT met)`;
  console.log(`${figure.name}: ${result.value} ${figure.unit}, median of ${values.length} (min ${result.min}, max ${result.max})${verdict} — ${figure.workload}`);
  console.log(JSON.stringify(result));
  return result;
};

/** Milliseconds taken by `f`. */
export const timed = async (f: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await f();
  return performance.now() - start;
};

/** A seeded pseudo-random generator, so generated data is the same on every run. */
export { seededRandom as seeded } from '@packledger/application/testing';
