import { accountPackageAggregate, clientPackageAggregate, creditPackAggregate, loadStream, type EventStore, type RecordedEvent } from '@packledger/application';
import { ACCOUNT_PACKAGE_STREAM_PREFIX, CLIENT_PACKAGE_STREAM_PREFIX, CREDIT_PACK_STREAM_PREFIX } from '@packledger/domain';
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import { isDeepStrictEqual } from 'node:util';
import { finalAnswer, isSettled, type Answer, type SentCommand } from './clients';

/** Every event of a store, in position order. */
export const readAllEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

const byStream = (events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const list = streams.get(e.stream);
    if (list === undefined) streams.set(e.stream, [e]);
    else list.push(e);
  }
  return streams;
};

type Data = Readonly<Record<string, unknown>>;
const dataOf = (e: RecordedEvent): Data => e.data as Data;
const dec = (u: unknown): Decimal => new Decimal(String(u));
const str = (u: unknown): string => String(u);

/**
 * "Every accepted command's events are stored exactly once; nothing of a refused command
 * is stored": counts the events of each command id (from their metadata) against what its
 * clients were answered, over every send of that id. Also: a command's events sit
 * together in one stream (no command is recorded twice), event ids are unique, a command
 * is handled as new at most once, and every duplicate answer repeats what is stored.
 */
export const exactlyOnceBreaks = (events: readonly RecordedEvent[], sent: readonly SentCommand[]): string[] => {
  const breaks: string[] = [];
  const byCommand = new Map<string, RecordedEvent[]>();
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.id)) breaks.push(`event id ${e.id} is stored twice (position ${e.position})`);
    ids.add(e.id);
    const key = `${e.stream} ${e.metadata.commandId}`;
    const list = byCommand.get(key);
    if (list === undefined) byCommand.set(key, [e]);
    else list.push(e);
  }
  for (const [key, recorded] of byCommand) {
    const revisions = recorded.map((e) => e.revision);
    if (revisions.some((r, i) => i > 0 && r !== (revisions[i - 1] as bigint) + 1n)) {
      breaks.push(`command ${key} is recorded twice: its events are at revisions ${revisions.join(', ')}, not one run`);
    }
  }
  // Every send of one command id together: a refusal is not recorded, so the same id sent later may be accepted.
  const sends = new Map<string, SentCommand[]>();
  for (const s of sent) {
    const key = `${s.stream} ${s.commandId}`;
    const list = sends.get(key);
    if (list === undefined) sends.set(key, [s]);
    else list.push(s);
  }
  for (const [key, group] of sends) {
    const recorded = byCommand.get(key) ?? [];
    const first = group[0] as SentCommand;
    const where = `${String(first.json.type)} ${first.commandId} on ${first.stream}`;
    const answers = group.flatMap((s) => s.answers);
    const accepted = answers.filter((a): a is Extract<Answer, { kind: 'accepted' }> => a.kind === 'accepted');
    // Answers that carry the command's events: the first handling, or a duplicate repeating it.
    const withEvents = accepted.filter((a) => a.events.length > 0 || a.duplicate);
    const settled = group.map(finalAnswer).filter((a) => a !== undefined && isSettled(a));
    if (withEvents.length === 0 && settled.length > 0 && recorded.length > 0) {
      breaks.push(`${where} was answered only ${settled.map((a) => (a?.kind === 'accepted' ? 'accepted with no events' : a?.kind)).join(', ')} but ${recorded.length} of its events are stored`);
    }
    let recordedBefore = false;
    for (const answer of accepted) {
      // A command that changed nothing is not recorded; once it has been, no answer may be empty.
      if (answer.events.length === 0 && !answer.duplicate) {
        if (recordedBefore) breaks.push(`${where} was decided again as a change of nothing after it had been recorded`);
        continue;
      }
      recordedBefore = true;
      if (answer.events.length !== recorded.length) {
        breaks.push(`${where} was accepted with ${answer.events.length} event(s)${answer.duplicate ? ' (duplicate)' : ''} but ${recorded.length} are stored`);
        continue;
      }
      const stored = recorded.map((e) => ({ type: e.type, data: e.data }));
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(stored)), answer.events)) breaks.push(`${where}: the answer's events differ from the stored ones`);
      const tail = recorded[recorded.length - 1];
      if (tail !== undefined && (answer.position !== tail.position || answer.nextRevision !== tail.revision)) {
        breaks.push(`${where}: answered revision ${String(answer.nextRevision)} position ${String(answer.position)}, stored at ${tail.revision}/${tail.position}`);
      }
    }
    const firsts = accepted.filter((a) => !a.duplicate && a.events.length > 0);
    if (firsts.length > 1) breaks.push(`${where} was handled as new ${firsts.length} times`);
  }
  return breaks;
};

/** A pack's ledger: never overdrawn, each consumption and refund id once, refunds within what was consumed. */
const creditPackBreaks = (stream: string, events: readonly RecordedEvent[]): string[] => {
  const breaks: string[] = [];
  const consumed = new Map<string, Decimal>();
  const refunded = new Map<string, Decimal>();
  const refundIds = new Set<string>();
  for (const e of events) {
    const d = dataOf(e);
    if ('remaining' in d && dec(d.remaining).isNegative()) breaks.push(`${stream} is overdrawn at revision ${e.revision}: remaining ${str(d.remaining)}`);
    if (e.type === 'CreditsConsumed') {
      if (consumed.has(str(d.consumptionId))) breaks.push(`${stream}: consumption ${str(d.consumptionId)} is counted twice`);
      consumed.set(str(d.consumptionId), dec(d.credits));
    }
    if (e.type === 'CreditsRefunded') {
      if (refundIds.has(str(d.refundId))) breaks.push(`${stream}: refund ${str(d.refundId)} is counted twice`);
      refundIds.add(str(d.refundId));
      const total = (refunded.get(str(d.consumptionId)) ?? new Decimal(0)).plus(dec(d.credits));
      refunded.set(str(d.consumptionId), total);
      if (total.gt(consumed.get(str(d.consumptionId)) ?? 0)) breaks.push(`${stream}: consumption ${str(d.consumptionId)} is refunded more than was consumed`);
    }
  }
  return breaks;
};

/** A client package: usage counted once, never consumed beyond a period's limit, consumed + overflow = requested. */
const clientPackageBreaks = (stream: string, events: readonly RecordedEvent[]): string[] => {
  const breaks: string[] = [];
  const limits = new Map<string, Decimal>();
  const used = new Map<string, Decimal>();
  const usageIds = new Set<string>();
  for (const e of events) {
    const d = dataOf(e);
    if (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed') {
      const period = (d.period as Data).number;
      for (const l of d.limits as readonly Data[]) {
        const key = `${str(period)} ${l.type === 'volume' ? 'minutes' : `money ${str((l.amount as Data).currency)}`} ${str(l.prefix)}`;
        limits.set(key, l.type === 'volume' ? dec(l.minutes) : dec((l.amount as Data).amount));
      }
    }
    if (e.type === 'UsageRatedAgainstLimits') {
      if (usageIds.has(str(d.usageId))) breaks.push(`${stream}: usage ${str(d.usageId)} is counted twice`);
      usageIds.add(str(d.usageId));
      const consumedNow = dec(d.consumed);
      if (consumedNow.isNegative() || !consumedNow.plus(dec(d.overflow)).eq(dec(d.requested))) {
        breaks.push(`${stream}: usage ${str(d.usageId)} rated ${str(d.consumed)} + ${str(d.overflow)} for ${str(d.requested)} requested`);
      }
      if (d.prefix === undefined) continue;
      const key = `${str(d.periodNumber)} ${d.usageType === 'minutes' ? 'minutes' : `money ${str(d.currency)}`} ${str(d.prefix)}`;
      const total = (used.get(key) ?? new Decimal(0)).plus(consumedNow);
      used.set(key, total);
      const limit = limits.get(key);
      if (limit === undefined || total.gt(limit)) breaks.push(`${stream}: limit ${key} consumed ${total.toFixed()} of ${limit?.toFixed() ?? 'no limit'}`);
    }
  }
  return breaks;
};

/** An account package: billed at most once per bill period and per invoice, no recurring day billed twice, usage billed once. */
const accountPackageBreaks = (stream: string, events: readonly RecordedEvent[]): string[] => {
  const breaks: string[] = [];
  const billPeriods = new Set<string>();
  const invoices = new Set<string>();
  const billedDays: { start: string; end: string }[] = [];
  const usageIds = new Set<string>();
  const recordedPerInstance = new Map<string, number>();
  const billedPerInstance = new Map<string, number>();
  for (const e of events) {
    const d = dataOf(e);
    if (e.type === 'UsageRecorded') {
      if (usageIds.has(str(d.usageId))) breaks.push(`${stream}: usage ${str(d.usageId)} is recorded twice`);
      usageIds.add(str(d.usageId));
      recordedPerInstance.set(str(d.instanceId), (recordedPerInstance.get(str(d.instanceId)) ?? 0) + 1);
    }
    if (e.type !== 'PackageBilled') continue;
    const period = d.billPeriod as Data;
    const key = `${str(period.start)}..${str(period.end)}`;
    if (billPeriods.has(key)) breaks.push(`${stream} is billed twice for the bill period ${key}`);
    billPeriods.add(key);
    if (invoices.has(str(d.invoiceNumber))) breaks.push(`${stream} is billed twice on invoice ${str(d.invoiceNumber)}`);
    invoices.add(str(d.invoiceNumber));
    for (const p of d.periods as readonly Data[]) {
      const days = p.period as { start: string; end: string };
      const overlap = billedDays.find((b) => b.start < days.end && days.start < b.end);
      if (overlap !== undefined) breaks.push(`${stream}: the days ${days.start}..${days.end} are billed again (already in ${overlap.start}..${overlap.end})`);
      billedDays.push(days);
    }
    for (const line of d.charges as readonly Data[]) {
      if (line.kind !== 'usage') continue;
      const n = (billedPerInstance.get(str(line.instanceId)) ?? 0) + Number(line.records);
      billedPerInstance.set(str(line.instanceId), n);
      if (n > (recordedPerInstance.get(str(line.instanceId)) ?? 0)) breaks.push(`${stream}: ${n} usage records of ${str(line.instanceId)} billed, ${recordedPerInstance.get(str(line.instanceId)) ?? 0} recorded`);
    }
  }
  return breaks;
};

/**
 * The ledger rules over a whole store: every stream folds (no unreadable stream); no pack
 * is overdrawn; no client package consumes beyond its limits or counts a usage twice; no
 * account package is billed twice for a period or counts usage twice.
 */
export const ledgerBreaks = async (store: EventStore, events: readonly RecordedEvent[]): Promise<string[]> => {
  const breaks: string[] = [];
  for (const [stream, list] of byStream(events)) {
    if (stream.startsWith(CREDIT_PACK_STREAM_PREFIX)) {
      breaks.push(...creditPackBreaks(stream, list));
      const loaded = await loadStream(store, creditPackAggregate, stream);
      if (E.isLeft(loaded)) breaks.push(`${stream} cannot be read: ${loaded.left.message}`);
      else if (loaded.right.state.kind === 'issued') {
        const s = loaded.right.state;
        if (s.remaining.isNegative()) breaks.push(`${stream} folds to a negative balance ${s.remaining.toFixed()}`);
        if (!s.remaining.eq(s.creditValue.plus(s.refunded).minus(s.consumed).minus(s.transferred))) breaks.push(`${stream}: remaining is not value + refunded - consumed - transferred`);
      }
    } else if (stream.startsWith(CLIENT_PACKAGE_STREAM_PREFIX)) {
      breaks.push(...clientPackageBreaks(stream, list));
      const loaded = await loadStream(store, clientPackageAggregate, stream);
      if (E.isLeft(loaded)) breaks.push(`${stream} cannot be read: ${loaded.left.message}`);
    } else if (stream.startsWith(ACCOUNT_PACKAGE_STREAM_PREFIX)) {
      breaks.push(...accountPackageBreaks(stream, list));
      const loaded = await loadStream(store, accountPackageAggregate, stream);
      if (E.isLeft(loaded)) breaks.push(`${stream} cannot be read: ${loaded.left.message}`);
    } else {
      breaks.push(`an event in an unexpected stream ${stream}`);
    }
  }
  return breaks;
};
