import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateEvents } from './generate';
import type { Figure } from './harness';

// The EventStoreDB figures run in a child process (bench/esdb/client.ts, built by bench/esdb/tsconfig.json
// with the adapter's test server, which the package does not export): that process loads one client
// package only, @eventstore/db-client v6, and forks the test server into a process of its own.
const CHILD = join(__dirname, '..', 'esdb', 'dist', 'bench', 'esdb', 'client.js');
const PAYLOADS = 20_000;
const REPETITIONS = 5;

interface ChildReport {
  readonly appendRates: number[];
  readonly adapterReadRates: number[];
  readonly rawReadRates: number[];
  readonly ratios: number[];
}

let report: Promise<ChildReport> | undefined;

/** Generates the event payloads once and runs the child: one warm-up and five measured repetitions of every figure. */
const esdbReport = (): Promise<ChildReport> => {
  report ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packledger-bench-esdb-'));
    try {
      const file = join(dir, 'payloads.json');
      await writeFile(file, JSON.stringify(generateEvents(PAYLOADS).map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }))));
      const { stdout } = await promisify(execFile)(process.execPath, [CHILD, file, String(REPETITIONS)], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return report;
};

/** A figure whose values are the child's repetitions, in order. */
const fromChild = (pick: (r: ChildReport) => number[], figure: Omit<Figure, 'measure' | 'warmUp' | 'repetitions'>): Figure => {
  let next = 0;
  return { ...figure, warmUp: false, repetitions: REPETITIONS, measure: async () => pick(await esdbReport())[next++ % REPETITIONS] as number };
};

const SERVER = 'the adapter\'s gRPC test server (a protocol fake over an in-memory log, packages/eventstoredb/test/support/test-server) in its own process on 127.0.0.1, @eventstore/db-client 6 in the measuring process';
const READS = `20 streams of 1,000 generated packledger events (credit packs and client packages) read forwards from the start, 20,000 events per repetition; ${SERVER}`;

/** Events appended through the adapter in batches of 100, each batch a new stream. */
export const esdbAppendsPerSecond: Figure = fromChild((r) => r.appendRates, {
  name: 'esdb_appends_per_s_batch100',
  unit: 'events/s',
  better: 'higher',
  workload: `eventStoreDbStore.append of 100 batches of 100 generated events (one new stream each, expected revision no_stream; the client uses BatchAppend); ${SERVER}`,
});

/** The read data through the adapter's `readStream` (events mapped and checked, collected in an array). */
export const esdbAdapterReadsPerSecond: Figure = fromChild((r) => r.adapterReadRates, {
  name: 'esdb_adapter_reads_per_s',
  unit: 'events/s',
  better: 'higher',
  workload: `eventStoreDbStore.readStream of ${READS}`,
});

/** The same data through the raw client's own `readStream`, iterated. */
export const esdbRawReadsPerSecond: Figure = fromChild((r) => r.rawReadRates, {
  name: 'esdb_raw_reads_per_s',
  unit: 'events/s',
  better: 'higher',
  workload: `client.readStream (@eventstore/db-client, for await over every event) of ${READS}`,
});

/** Adapter events/s over raw events/s, measured back to back in each repetition (alternating which goes first). */
export const esdbAdapterReadRatio: Figure = fromChild((r) => r.ratios, {
  name: 'esdb_adapter_read_ratio',
  unit: 'ratio',
  better: 'higher',
  target: 0.9,
  workload: 'esdb_adapter_reads_per_s / esdb_raw_reads_per_s of the same repetition: same data, same server, same client',
});
