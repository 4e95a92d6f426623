// The EventStoreDB figures, in a process that loads one client package only (@eventstore/db-client
// v6: the two client packages register their protobuf messages in one global namespace).
// argv: <payloads.json> <repetitions> [server: process | in-process]
// The test server (a protocol fake) runs in a forked process of its own by default, as a real server
// would; `in-process` runs it on this process's event loop instead. Prints one JSON line:
// { appendRates, adapterReadRates, rawReadRates, ratios, ... } with one entry per measured repetition.
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { EventToAppend, JsonObject } from '@packledger/application';
import { eventStoreDbStore } from '@packledger/eventstoredb';
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/Either';
// The same generated modules the client loads (one package, one copy): no second protobuf namespace.
import { eventStoreDbClientProtocol } from '../../packages/eventstoredb/test/support/test-server/protocol-eventstore-db-client';
import { TestEventStoreServer } from '../../packages/eventstoredb/test/support/test-server/server';

/** Batches of 100 events appended per repetition (each batch creates a stream). */
const APPEND_BATCHES = 100;
const BATCH = 100;
/** Streams read per repetition, and events in each. */
const READ_STREAMS = 20;
const READ_STREAM_LENGTH = 1_000;

interface Payload { readonly type: string; readonly data: JsonObject; readonly metadata: EventToAppend['metadata'] }

/** A deterministic UUID for the n-th event of a run (EventStoreDB ids are UUIDs). */
const uuid = (run: number, n: number): string => `00000000-${run.toString(16).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;

const startServer = async (where: string): Promise<{ url: string; stop: () => Promise<void> }> => {
  if (where === 'in-process') {
    const server = await TestEventStoreServer.start(eventStoreDbClientProtocol);
    return { url: server.connectionString(), stop: () => server.stop() };
  }
  const child: ChildProcess = fork(join(__dirname, 'server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the test server exited with ${String(code)} before listening`)));
  });
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    }),
  };
};

const main = async () => {
  const [file, reps, where = 'process'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: client <payloads.json> [repetitions] [process|in-process]');
  const payloads = JSON.parse(await readFile(file, 'utf8')) as Payload[];
  if (payloads.length < READ_STREAMS * READ_STREAM_LENGTH) throw new Error(`need ${READ_STREAMS * READ_STREAM_LENGTH} payloads, got ${payloads.length}`);
  const repetitions = Number(reps ?? 5);
  const server = await startServer(where);
  const client = EventStoreDBClient.connectionString(server.url);
  const store = eventStoreDbStore(client);
  let run = 0;
  const eventsOf = (from: number, count: number): [EventToAppend, ...EventToAppend[]] => {
    run++;
    const events = Array.from({ length: count }, (_, i): EventToAppend => {
      const p = payloads[(from + i) % payloads.length] as Payload;
      return { id: uuid(run, i), type: p.type, data: p.data, metadata: p.metadata };
    });
    return events as [EventToAppend, ...EventToAppend[]];
  };
  const appended = async (stream: string, events: [EventToAppend, ...EventToAppend[]]): Promise<void> => {
    const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
    if (E.isLeft(result)) throw new Error(`append to ${stream}: ${result.left.message}`);
  };

  try {
    // The read data: READ_STREAMS streams of READ_STREAM_LENGTH generated events, appended in batches.
    const readStreams = Array.from({ length: READ_STREAMS }, (_, s) => `benchRead-s${s}`);
    for (const [s, stream] of readStreams.entries()) {
      for (let at = 0; at < READ_STREAM_LENGTH; at += BATCH) {
        const result = await store.append(stream, eventsOf(s * READ_STREAM_LENGTH + at, BATCH), { expectedRevision: at === 0 ? 'no_stream' : BigInt(at - 1) });
        if (E.isLeft(result)) throw new Error(`append to ${stream}: ${result.left.message}`);
      }
    }
    const total = READ_STREAMS * READ_STREAM_LENGTH;

    const appendOnce = async (rep: number): Promise<number> => {
      const batches = Array.from({ length: APPEND_BATCHES }, (_, b) => eventsOf(b * BATCH, BATCH));
      const start = performance.now();
      for (const [b, batch] of batches.entries()) await appended(`benchAppend-r${rep}-s${b}`, batch);
      return (APPEND_BATCHES * BATCH) / ((performance.now() - start) / 1000);
    };
    /** Reads one stream through the adapter: milliseconds taken. */
    const adapterRead = async (stream: string): Promise<number> => {
      const start = performance.now();
      const read = await store.readStream(stream);
      const ms = performance.now() - start;
      if (E.isLeft(read) || read.right.length !== READ_STREAM_LENGTH) throw new Error(`the adapter did not read the ${READ_STREAM_LENGTH} events of ${stream}`);
      return ms;
    };
    /** Reads one stream through the raw client, iterating every event: milliseconds taken. */
    const rawRead = async (stream: string): Promise<number> => {
      let n = 0;
      const start = performance.now();
      for await (const resolved of client.readStream(stream, { fromRevision: START, direction: FORWARDS })) if (resolved.event !== undefined) n++;
      const ms = performance.now() - start;
      if (n !== READ_STREAM_LENGTH) throw new Error(`the raw client read ${n} events of ${stream}, not ${READ_STREAM_LENGTH}`);
      return ms;
    };

    const appendRates: number[] = [];
    const adapterReadRates: number[] = [];
    const rawReadRates: number[] = [];
    const ratios: number[] = [];
    // Repetition 0 warms up. Each stream is read both ways back to back, alternating which goes
    // first, so that drift (other load on the machine, GC) favours neither.
    for (let rep = 0; rep <= repetitions; rep++) {
      const appendRate = await appendOnce(rep);
      let adapterMs = 0;
      let rawMs = 0;
      for (const [s, stream] of readStreams.entries()) {
        if ((s + rep) % 2 === 0) {
          adapterMs += await adapterRead(stream);
          rawMs += await rawRead(stream);
        } else {
          rawMs += await rawRead(stream);
          adapterMs += await adapterRead(stream);
        }
      }
      if (rep === 0) continue;
      appendRates.push(appendRate);
      adapterReadRates.push(total / (adapterMs / 1000));
      rawReadRates.push(total / (rawMs / 1000));
      ratios.push(rawMs / adapterMs);
    }
    console.log(JSON.stringify({ appendRates, adapterReadRates, rawReadRates, ratios, readEvents: total, appendEvents: APPEND_BATCHES * BATCH, server: where }));
  } finally {
    await client.dispose();
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
