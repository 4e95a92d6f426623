#!/usr/bin/env node
import { exportJsonl, saveJsonlFile } from '@packledger/application';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import * as E from 'fp-ts/Either';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { runDemo } from './demo/run';
import { buildReport, render, REPORTS, type Format, type ReportName } from './reports';
import { replayInto } from './replay';
import { EXIT, openSource } from './sources';
import { parseWarnings, runTick, tickLines } from './tick';

const fail = (exitCode: number, message: string): never => {
  process.stderr.write(`packledger: ${message}\n`);
  process.exit(exitCode);
};

const instant = (value: string): string => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected an ISO-8601 instant such as 2026-08-01T00:00:00Z');
  return new Date(ms).toISOString();
};

/** Progress on a terminal as a bar (events done, events/s, time left); plain lines otherwise. */
const progress = () => {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: 'replaying [{bar}] {value}/{total} events | {speed} events/s | {eta}s left', stream: process.stderr, hideCursor: true });
    let started = false;
    return {
      update: (p: { done: number; total: number | undefined; eventsPerSecond: number }) => {
        if (!started) { bar.start(p.total ?? p.done, 0, { speed: 0 }); started = true; }
        bar.update(p.done, { speed: Math.round(p.eventsPerSecond) });
      },
      stop: () => { if (started) bar.stop(); },
    };
  }
  return {
    update: (p: { done: number; total: number | undefined; eventsPerSecond: number }) =>
      process.stderr.write(`replayed ${p.done}${p.total === undefined ? '' : `/${p.total}`} events, ${Math.round(p.eventsPerSecond)} events/s\n`),
    stop: () => undefined,
  };
};

const program = new Command('packledger')
  .description('Credit packs, account packages and client packages as event-sourced ledgers: run the demo, replay reports, move stores.')
  .version('0.1.0');

program.command('demo')
  .description('run the agency, VoIP and ISP scenarios on the embedded store and print every report')
  .option('--export <file.jsonl>', 'also write the demo\'s events to a JSONL file (for replay)')
  .option('--store <store>', 'run in this (empty) store instead of the embedded one: postgres://…?schema=demo or esdb://…')
  .action(async (opts: { export?: string; store?: string }) => {
    const store = opts.store === undefined ? undefined : await openSource(opts.store);
    if (store !== undefined && E.isLeft(store)) return fail(store.left.exitCode, store.left.message);
    process.stdout.write(`${await runDemo({ ...(opts.export === undefined ? {} : { exportTo: opts.export }), ...(store === undefined ? {} : { store: store.right }) })}\n`);
  });

program.command('replay')
  .description('rebuild a report by replaying the event streams of a store')
  .requiredOption('--from <source>', 'file.jsonl, postgres://… or esdb://…')
  .addOption(new Option('--report <name>', 'the report to print').choices([...REPORTS]).makeOptionMandatory())
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
  .option('--out <file>', 'write the report to a file instead of standard output')
  .option('--at <instant>', 'the instant time-dependent reports are as of (default: the last event\'s)', instant)
  .option('--office <id>', 'only this office (office report)')
  .option('--account <id>', 'only this account (billing report)')
  .action(async (opts: { from: string; report: ReportName; format: Format; out?: string; at?: string; office?: string; account?: string }) => {
    const source = await openSource(opts.from);
    if (E.isLeft(source)) return fail(source.left.exitCode, source.left.message);
    const bar = progress();
    const { readModels, lastOccurredAt } = await replayInto(source.right, bar.update);
    bar.stop();
    const sections = await buildReport(opts.report, readModels, {
      at: opts.at ?? lastOccurredAt ?? new Date(0).toISOString(),
      ...(opts.office === undefined ? {} : { officeId: opts.office }),
      ...(opts.account === undefined ? {} : { accountId: opts.account }),
    });
    const text = `${render(sections, opts.format)}\n`;
    if (opts.out === undefined) process.stdout.write(text);
    else await writeFile(opts.out, text);
  });

program.command('export')
  .description('write every event of a store to a JSONL file')
  .requiredOption('--from <source>', 'file.jsonl, postgres://… or esdb://…')
  .requiredOption('--out <file.jsonl>', 'the file to write')
  .action(async (opts: { from: string; out: string }) => {
    const source = await openSource(opts.from);
    if (E.isLeft(source)) return fail(source.left.exitCode, source.left.message);
    const file = createWriteStream(opts.out);
    let lines = 0;
    for await (const line of exportJsonl(source.right)) {
      if (!file.write(`${line}\n`)) await new Promise<void>((r) => { file.once('drain', () => r()); });
      lines++;
    }
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    process.stderr.write(`exported ${lines} events to ${opts.out}\n`);
  });

program.command('import')
  .description('append the events of a JSONL file to a store (postgres://… or esdb://…), stream by stream, revisions checked')
  .requiredOption('--from <file.jsonl>', 'the file to read')
  .requiredOption('--to <store>', 'postgres://… or esdb://…')
  .action(async (opts: { from: string; to: string }) => {
    const source = await openSource(opts.from);
    if (E.isLeft(source)) return fail(source.left.exitCode, source.left.message);
    const target = await openSource(opts.to);
    if (E.isLeft(target)) return fail(target.left.exitCode, target.left.message);
    let n = 0;
    for await (const e of source.right.readAll()) {
      const appended = await target.right.append(e.stream, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], { expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n });
      if (E.isLeft(appended)) return fail(EXIT.badInput, `${e.stream} at revision ${e.revision}: ${appended.left.message}`);
      n++;
    }
    process.stderr.write(`imported ${n} events into ${opts.to.replace(/\/\/[^@/]*@/, '//***@')}\n`);
  });

program.command('tick')
  .description('run the time-driven work once: expiry warnings, expiry, pending credit-order steps (safe to repeat)')
  .requiredOption('--store <store>', 'file.jsonl (rewritten in place), postgres://… or esdb://…')
  .option('--now <instant>', 'the instant to run at (default: the clock)', instant)
  .option('--warn <list>', 'warnings: days before expiry and/or "after"', '30,7,after')
  .action(async (opts: { store: string; now?: string; warn: string }) => {
    const warnings = parseWarnings(opts.warn);
    if (E.isLeft(warnings)) return fail(EXIT.usage, warnings.left);
    const store = await openSource(opts.store);
    if (E.isLeft(store)) return fail(store.left.exitCode, store.left.message);
    const report = await runTick(store.right, opts.now ?? new Date().toISOString(), warnings.right);
    for (const line of tickLines(report)) process.stdout.write(`${line}\n`);
    if (opts.store.endsWith('.jsonl')) await saveJsonlFile(store.right, opts.store.startsWith('file://') ? new URL(opts.store).pathname : opts.store);
  });

program
  .parseAsync(process.argv)
  // Server sources keep connections open; once output is flushed, the command is done.
  .then(() => process.stdout.write('', () => process.exit(process.exitCode ?? 0)))
  .catch((error: unknown) => fail(1, error instanceof Error ? error.message : String(error)));
