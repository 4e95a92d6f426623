import { InMemoryEventStore, saveJsonlFile, type EventStore } from '@packledger/application';
import { nanoid } from 'nanoid';
import { buildReport, render, REPORTS } from '../reports';
import { replayInto } from '../replay';
import { runAgencyScenario } from './agency';
import { runIspScenario } from './isp';
import { runOrdersScenario } from './orders';
import { runVoipScenario } from './voip';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Ids for packs, orders and commands (nanoid by default; sequential ones make the output reproducible). */
  readonly newId?: () => string;
  /** Also write the demo's event store to this JSONL file, for `packledger replay`. */
  readonly exportTo?: string;
  /** The store to run the scenarios in (an empty one: PostgreSQL, EventStoreDB); the embedded store by default. */
  readonly store?: EventStore;
}

/**
 * `packledger demo`: the agency (credit packs), VoIP (client packages), ISP (account
 * packages) and credit-order scenarios on one embedded store, then every report rebuilt from its events.
 * Returns the text to print.
 */
export const runDemo = async (options: DemoOptions = {}): Promise<string> => {
  const newId = options.newId ?? (() => nanoid());
  const store = options.store ?? new InMemoryEventStore();
  const agency = await runAgencyScenario(store, newId);
  const voip = await runVoipScenario(store, newId);
  const isp = await runIspScenario(store);
  const orders = await runOrdersScenario(store);
  if (options.exportTo !== undefined) await saveJsonlFile(store, options.exportTo);
  const { readModels, events, lastOccurredAt } = await replayInto(store);
  const at = lastOccurredAt ?? new Date(0).toISOString();

  const out: string[] = ['packledger demo, on the embedded event store', ''];
  out.push("== An agency's credit packs: commands", ...agency.map((s) => `  ${s.outcome === 'accepted' ? 'ok     ' : 'refused'} ${s.command.padEnd(20)} ${s.detail}`), '');
  out.push("== A VoIP operator's client packages: commands", ...voip.map((s) => `  ${s.at.slice(0, 16).replace('T', ' ')}  ${s.command.padEnd(20)} ${s.outcome}`), '');
  out.push("== An ISP's account: bill runs");
  for (const r of isp.reports) {
    const billed = r.accounts.flatMap((a) => a.packagesBilled);
    out.push(`  ${r.billPeriod.start} .. ${r.billPeriod.end}: ${billed.length === 0 ? 'nothing to bill (already billed)' : `billed ${billed.join(', ')} on ${r.accounts.flatMap((a) => a.invoiceNumbers).join(', ')}`}`);
  }
  out.push(...isp.refusals.map((r) => `  refused: ${r}`), '');
  out.push("== A client admin's credit order, then the scheduler (tick) and the outbox", ...orders.map((l) => `  ${l}`), '');
  out.push(`== Reports, rebuilt from the ${events} stored events, as of ${at}`, '');
  for (const report of REPORTS) {
    out.push(`-- ${report} (packledger replay --report ${report})`, render(await buildReport(report, readModels, { at }), 'table'), '');
  }
  return out.join('\n');
};
