import { commandIdRetries } from './command-ids';
import { faultedWorkload, type RunReport } from './faulted-workload';
import { fuzzCommandCodec, fuzzEventCodec, fuzzTargets, type FuzzReport, type FuzzTargets } from './hostile-input';
import { httpAccess, httpFuzz } from './http';
import { hotPacks, twoBillRuns, usageWorkers } from './load';
import { everyEventTwice, projectionKills } from './projection-kills';

/**
 * Every concurrent scenario of the suite, by name: one run is one seed, one random
 * interleaving of concurrent clients (and of the faults injected into them).
 */
export const scenarios = {
  'faults': (seed: number) => faultedWorkload(seed, { clients: 5, stepsPerClient: 10 }),
  'projection kills': (seed: number) => projectionKills(seed),
  'every event twice': (seed: number) => everyEventTwice(seed),
  'command-id retries': (seed: number) => commandIdRetries(seed),
  'hot credit packs': (seed: number) => hotPacks(seed, 'full'),
  'two bill runs at once': (seed: number) => twoBillRuns(seed, 'full'),
  'usage from several workers': (seed: number) => usageWorkers(seed, 'full'),
  'hot credit packs (small)': (seed: number) => hotPacks(seed, 'small'),
  'two bill runs at once (small)': (seed: number) => twoBillRuns(seed, 'small'),
  'usage from several workers (small)': (seed: number) => usageWorkers(seed, 'small'),
} as const satisfies Record<string, (seed: number) => Promise<RunReport>>;

export type ScenarioName = keyof typeof scenarios;

/** What many runs of one scenario found, summed. */
export interface ScenarioTally {
  readonly scenario: string;
  readonly runs: number;
  readonly breaks: readonly string[];
  readonly commands: number;
  readonly restarts: number;
  readonly faults: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
}

const add = (into: Record<string, number>, from: Readonly<Record<string, number>> | undefined): void => {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
};

/** Runs a scenario for the seeds `from` to `to - 1`, one after the other. */
export const runScenario = async (name: ScenarioName, from: number, to: number): Promise<ScenarioTally> => {
  const breaks: string[] = [];
  const faults: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let commands = 0;
  let restarts = 0;
  for (let seed = from; seed < to; seed++) {
    let report: RunReport;
    try {
      report = await scenarios[name](seed);
    } catch (error) {
      // A scenario that throws found a failure the code under test did not turn into a value.
      breaks.push(`${name} seed ${seed}: threw ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      continue;
    }
    // The seed in every break: `node torture/dist/run.js replay "<scenario>" <seed>` runs it again.
    for (const b of report.breaks) breaks.push(`${name} seed ${seed}: ${b}`);
    commands += report.commands;
    restarts += report.restarts;
    add(faults, report.faults as unknown as Record<string, number> | undefined);
    add(outcomes, report.outcomes);
  }
  return { scenario: name, runs: to - from, breaks, commands, restarts, faults, outcomes };
};

/** Sums tallies of one scenario. */
export const mergeTallies = (tallies: readonly ScenarioTally[]): ScenarioTally => {
  const faults: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  for (const t of tallies) {
    add(faults, t.faults);
    add(outcomes, t.outcomes);
  }
  return {
    scenario: tallies[0]?.scenario ?? '',
    runs: tallies.reduce((n, t) => n + t.runs, 0),
    breaks: tallies.flatMap((t) => t.breaks),
    commands: tallies.reduce((n, t) => n + t.commands, 0),
    restarts: tallies.reduce((n, t) => n + t.restarts, 0),
    faults,
    outcomes,
  };
};

let targets: Promise<FuzzTargets> | undefined;

/** The name of the HTTP adapter's target: command bodies sent to its command routes. */
export const HTTP_BODIES = 'HTTP command bodies';

/** The codecs under fuzz, by index: the command codecs, the event codecs, then the HTTP command routes. */
export const fuzzTargetNames = async (): Promise<string[]> => {
  targets ??= fuzzTargets();
  const t = await targets;
  return [...t.commands.map((c) => c.name), ...t.events.map((e) => e.name), HTTP_BODIES];
};

/** Feeds `count` hostile inputs from `seed` to the codec at `index` (see {@link fuzzTargetNames}). */
export const runFuzz = async (index: number, seed: number, count: number): Promise<FuzzReport> => {
  targets ??= fuzzTargets();
  const t = await targets;
  const command = t.commands[index];
  if (command !== undefined) return fuzzCommandCodec(command, seed, count);
  const event = t.events[index - t.commands.length];
  if (event !== undefined) return fuzzEventCodec(event, seed, count);
  if (index !== t.commands.length + t.events.length) throw new Error(`no fuzz target ${index}`);
  return { codec: HTTP_BODIES, ...(await httpFuzz(seed, count)) };
};

/** What the access checks over HTTP found for a range of seeds (one random world of companies and actors each). */
export interface AccessTally {
  readonly worlds: number;
  readonly requests: number;
  readonly breaks: readonly string[];
}

/** Runs the HTTP access property for the seeds `from` to `to - 1`. */
export const runAccess = async (from: number, to: number): Promise<AccessTally> => {
  const breaks: string[] = [];
  let requests = 0;
  for (let seed = from; seed < to; seed++) {
    try {
      const report = await httpAccess(seed);
      breaks.push(...report.breaks.map((b) => `http access ${b}`));
      requests += report.requests;
    } catch (error) {
      breaks.push(`http access seed ${seed}: threw ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  return { worlds: to - from, requests, breaks };
};

/** Sums fuzz reports of one codec. */
export const mergeFuzz = (reports: readonly FuzzReport[]): FuzzReport => {
  const known: Record<string, { count: number; example: string }> = {};
  for (const r of reports) {
    for (const [id, k] of Object.entries(r.known)) known[id] = { count: (known[id]?.count ?? 0) + k.count, example: known[id]?.example ?? k.example };
  }
  return {
    codec: reports[0]?.codec ?? '',
    inputs: reports.reduce((n, r) => n + r.inputs, 0),
    accepted: reports.reduce((n, r) => n + r.accepted, 0),
    breaks: reports.flatMap((r) => r.breaks),
    known,
  };
};
