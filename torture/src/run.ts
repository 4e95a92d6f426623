// `npm run torture`: the suite at full strength, on every core. Prints readable lines and, like
// the benchmarks, JSON lines: torture_interleavings, torture_fuzz_inputs (the per-codec minimum),
// torture_invariant_breaks (exit code 1 unless 0) and torture_known_findings.
// `TORTURE_SEED=<n>` replays a whole run; `node torture/dist/run.js replay "<scenario>" <seed>` replays one;
// `TORTURE_SCALE=0.1` runs a tenth of everything (a quick look, below the figures' targets).
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { findings } from './findings';
import type { FuzzReport } from './hostile-input';
import { streamNameBreaks } from './stream-names';
import { fuzzTargetNames, mergeFuzz, mergeTallies, runAccess, runFuzz, runScenario, scenarios, type AccessTally, type ScenarioName, type ScenarioTally } from './suite';

/** Runs per scenario at full strength: the large runs check much each, the small ones search the interleavings. */
const RUNS: Record<ScenarioName, number> = {
  'faults': 600,
  'projection kills': 600,
  'every event twice': 100,
  'command-id retries': 1_500,
  'hot credit packs': 1_000,
  'two bill runs at once': 600,
  'usage from several workers': 1_000,
  'hot credit packs (small)': 42_000,
  'two bill runs at once (small)': 10_000,
  'usage from several workers (small)': 45_000,
};
const FUZZ_INPUTS_PER_CODEC = 10_000;
const FUZZ_CHUNK = 1_000;
/** How long no task may finish before the run is declared hung (a task takes a few seconds). */
const STALL_MS = 120_000;
/** Random worlds of companies and actors the HTTP access property runs in (each with its requests). */
const ACCESS_WORLDS = 500;

type Task =
  | { readonly kind: 'scenario'; readonly name: ScenarioName; readonly from: number; readonly to: number }
  | { readonly kind: 'fuzz'; readonly index: number; readonly seed: number; readonly count: number }
  | { readonly kind: 'access'; readonly from: number; readonly to: number };
type Done =
  | { readonly kind: 'scenario'; readonly tally: ScenarioTally }
  | { readonly kind: 'fuzz'; readonly index: number; readonly report: FuzzReport }
  | { readonly kind: 'access'; readonly tally: AccessTally };

const perform = async (task: Task): Promise<Done> => {
  switch (task.kind) {
    case 'scenario': return { kind: 'scenario', tally: await runScenario(task.name, task.from, task.to) };
    case 'fuzz': return { kind: 'fuzz', index: task.index, report: await runFuzz(task.index, task.seed, task.count) };
    case 'access': return { kind: 'access', tally: await runAccess(task.from, task.to) };
  }
};

const figure = (bench: string, value: number, unit: string): void => console.log(JSON.stringify({ bench, value, unit, min: value, max: value }));
const plural = (n: number, what: string): string => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
const top = (counts: Readonly<Record<string, number>>, n: number): string =>
  Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ');

const replay = async (name: string, seed: number): Promise<void> => {
  if (!(name in scenarios)) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`);
  const report = await scenarios[name as ScenarioName](seed);
  console.log(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2));
  process.exitCode = report.breaks.length === 0 ? 0 : 1;
};

const main = async (): Promise<void> => {
  if (process.argv[2] === 'replay') return replay(process.argv[3] ?? '', Number(process.argv[4]));
  const started = performance.now();
  const seed = process.env.TORTURE_SEED === undefined ? randomInt(1, 2 ** 31 - 1) : Number(process.env.TORTURE_SEED);
  const workers = Math.max(1, availableParallelism());
  const scale = Number(process.env.TORTURE_SCALE ?? 1);
  const codecs = await fuzzTargetNames();
  console.log(`packledger torture on node ${process.version}, ${process.platform}/${process.arch}, ${plural(workers, 'worker')}, seed ${seed} (TORTURE_SEED=${seed} replays this run)`);

  const tasks: Task[] = [];
  for (const [name, full] of Object.entries(RUNS) as [ScenarioName, number][]) {
    const runs = Math.max(1, Math.round(full * scale));
    const chunk = Math.max(1, Math.ceil(runs / (workers * 8)));
    for (let from = 0; from < runs; from += chunk) tasks.push({ kind: 'scenario', name, from: seed + from, to: seed + Math.min(runs, from + chunk) });
  }
  const inputs = Math.max(1, Math.round(FUZZ_INPUTS_PER_CODEC * scale));
  codecs.forEach((_c, index) => {
    for (let n = 0; n < inputs; n += FUZZ_CHUNK) tasks.push({ kind: 'fuzz', index, seed: seed + index * 1_000_003 + n, count: Math.min(FUZZ_CHUNK, inputs - n) });
  });
  const worlds = Math.max(1, Math.round(ACCESS_WORLDS * scale));
  for (let from = 0; from < worlds; from += 25) tasks.push({ kind: 'access', from: seed + from, to: seed + Math.min(worlds, from + 25) });
  // The longest tasks first, so no worker is left with a long one at the end.
  tasks.sort((a, b) => (a.kind === 'fuzz' ? 1 : 0) - (b.kind === 'fuzz' ? 1 : 0));

  const tallies = new Map<string, ScenarioTally[]>();
  const fuzzed = new Map<number, FuzzReport[]>();
  const access: AccessTally[] = [];
  const debug = process.env.TORTURE_DEBUG !== undefined;
  // A run that hangs is a finding too: name what was running when nothing has finished for a long time.
  const running = new Map<number, Task>();
  let progress = performance.now();
  const watchdog = setInterval(() => {
    if (performance.now() - progress < STALL_MS) return;
    console.log(`\nNothing finished for ${STALL_MS / 1000} s: a hang in ${[...running.values()].map((t) => JSON.stringify(t)).join(', ')}`);
    figure('torture_invariant_breaks', 1, 'breaks');
    process.exit(1);
  }, 5_000);
  watchdog.unref();
  await Promise.all(Array.from({ length: workers }, (_w, w) => new Promise<void>((resolve, reject) => {
    const worker = new Worker(__filename);
    let current: Task | undefined;
    const next = (): void => {
      const task = tasks.shift();
      current = task;
      progress = performance.now();
      if (task === undefined) running.delete(w);
      else running.set(w, task);
      if (task === undefined) {
        // Done: let the worker go without waiting for it (an unref'd worker never holds the process).
        worker.unref();
        void worker.terminate();
        resolve();
        return;
      }
      if (debug) console.error(`worker ${w} takes ${JSON.stringify(task)}`);
      worker.postMessage(task);
    };
    worker.on('exit', (code) => {
      if (current !== undefined) reject(new Error(`worker ${w} exited (code ${code}) in the middle of ${JSON.stringify(current)}`));
    });
    worker.on('message', (done: Done) => {
      if (done.kind === 'scenario') tallies.set(done.tally.scenario, [...(tallies.get(done.tally.scenario) ?? []), done.tally]);
      else if (done.kind === 'fuzz') fuzzed.set(done.index, [...(fuzzed.get(done.index) ?? []), done.report]);
      else access.push(done.tally);
      next();
    });
    worker.on('error', reject);
    next();
  })));

  clearInterval(watchdog);
  const breaks: string[] = [];
  let interleavings = 0;
  console.log('');
  console.log('Concurrent scenarios (one run = one seed = one random interleaving of its clients and faults):');
  for (const name of Object.keys(RUNS)) {
    const t = mergeTallies(tallies.get(name) ?? []);
    interleavings += t.runs;
    breaks.push(...t.breaks);
    const faults = Object.values(t.faults).reduce((a, b) => a + b, 0);
    console.log(`  ${name}: ${plural(t.runs, 'run')}, ${plural(t.commands, 'command')}, ${plural(t.breaks.length, 'break')}; ${plural(faults, 'fault')} injected (${top(t.faults, 4) || 'none'})${t.restarts > 0 ? `, ${plural(t.restarts, 'projection restart')}` : ''}; outcomes: ${top(t.outcomes, 5)}`);
  }

  console.log('');
  console.log('Hostile input (random and adversarial JSON per codec, and per HTTP command route):');
  const known: Record<string, number> = {};
  const perCodec: number[] = [];
  codecs.forEach((_c, index) => {
    const r = mergeFuzz(fuzzed.get(index) ?? []);
    perCodec.push(r.inputs);
    breaks.push(...r.breaks);
    for (const [id, k] of Object.entries(r.known)) known[id] = (known[id] ?? 0) + k.count;
    const explained = Object.entries(r.known).map(([id, k]) => `${id} ${k.count}`).join(', ');
    console.log(`  ${r.codec}: ${plural(r.inputs, 'input')}, ${r.accepted.toLocaleString('en')} accepted, ${plural(r.breaks.length, 'break')}${explained === '' ? '' : `; explained by known findings: ${explained}`}`);
  });
  const names = streamNameBreaks();
  breaks.push(...names.breaks);
  const accepted = names.outcomes.filter((o) => o.stream !== undefined).length;
  console.log(`  stream names: ${plural(names.outcomes.length, 'id')} tried in ${plural(new Set(names.outcomes.map((o) => `${o.aggregate} ${o.field}`)).size, 'id field')}, ${accepted} accepted (each under its own prefix only), ${plural(names.breaks.length, 'break')}`);

  const accessBreaks = access.flatMap((a) => a.breaks);
  breaks.push(...accessBreaks);
  console.log(`  HTTP access (seed 002): ${plural(access.reduce((n, a) => n + a.worlds, 0), 'random world')} of 2 to 4 companies, ${plural(access.reduce((n, a) => n + a.requests, 0), 'request')} by random Client Hub actors, staff and the scheduler to every query route and to other companies' data, ${plural(accessBreaks.length, 'break')}`);

  console.log('');
  console.log('Known findings (bugs reported, reproduced here; see docs/reliability.md):');
  for (const f of findings) {
    const present = await f.reproduce();
    console.log(`  ${f.id} ${present === undefined ? 'NOT REPRODUCED (fixed? remove it from torture/src/findings.ts)' : 'still present'}: ${f.title}${present === undefined ? '' : ` — ${present.slice(0, 240)}`}${known[f.id] === undefined ? '' : ` [explained ${known[f.id]} fuzz breaks]`}`);
  }

  if (breaks.length > 0) {
    console.log('');
    console.log(`Invariant breaks (${breaks.length}; the first 50):`);
    for (const b of breaks.slice(0, 50)) console.log(`  ${b.slice(0, 2_000)}`);
  }
  console.log('');
  console.log(`${plural(interleavings, 'interleaving')}, at least ${Math.min(...perCodec).toLocaleString('en')} hostile inputs per codec, ${plural(breaks.length, 'invariant break')} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  figure('torture_interleavings', interleavings, 'runs');
  figure('torture_fuzz_inputs', Math.min(...perCodec), 'inputs per codec (minimum)');
  figure('torture_invariant_breaks', breaks.length, 'breaks');
  figure('torture_known_findings', findings.length, 'findings');
  process.exitCode = breaks.length === 0 ? 0 : 1;
};

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  parentPort?.on('message', (task: Task) => {
    void perform(task).then((done) => parentPort?.postMessage(done));
  });
}
