import { saveJsonlFile } from '@packledger/application';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateEvents, storeOf } from './generate';
import type { Figure } from './harness';

const EVENTS = 1_000_000;

interface ChildReport { readonly rates: number[]; readonly events: number; readonly peakRssMb: number }

let report: Promise<ChildReport> | undefined;

/** Generates the events once, writes them as JSONL, and rebuilds in a child process (one warm-up, five measured runs). */
const rebuildReport = (): Promise<ChildReport> => {
  report ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-bench-'));
    try {
      const file = join(dir, 'events.jsonl');
      await saveJsonlFile(storeOf(generateEvents(EVENTS)), file);
      const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'rebuild-child.js'), file, '5'], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return report;
};

let rate = 0;
let next = 0;

/** Replays 1,000,000 mixed events from the in-memory store into every view. */
export const rebuildEventsPerSecond: Figure = {
  name: 'rebuild_events_per_s',
  unit: 'events/s',
  better: 'higher',
  target: 1_000_000,
  warmUp: false,
  workload: `${EVENTS.toLocaleString('en')} events (credit packs and client packages mixed, seeded) in the InMemoryEventStore, decoded and validated by the production codecs, replayed into all views (InMemoryReadModelStore); own process`,
  measure: async () => {
    const r = await rebuildReport();
    rate = r.rates[next++ % r.rates.length] as number;
    return rate;
  },
};

/** Peak resident memory of the process that rebuilt the views. */
export const rebuildPeakRssMb: Figure = {
  name: 'rebuild_peak_rss_mb',
  unit: 'MB',
  better: 'lower',
  target: 512,
  warmUp: false,
  repetitions: 1,
  workload: 'peak resident memory (maxRSS) of the rebuild process above: the loaded store, the views, six rebuilds',
  measure: async () => (await rebuildReport()).peakRssMb,
};
