import { InMemoryEventStore, type EventStore } from '@packledger/application';
import { faultyEventStore, seededRandom, type EventStoreFaults, type FaultyEventStore, type InjectedFaults } from '@packledger/application/testing';
import { InMemoryReadModelStore } from '@packledger/projections';
import { clientOf, finalAnswer, isSettled, type AggregateName, type Client, type SentCommand } from './clients';
import {
  BILL_PERIODS,
  addAccountPackage,
  assignClientPackage,
  billPackage,
  cancelPack,
  consumeCredits,
  correctCreditValue,
  issuePack,
  rateMinutes,
  rateMoney,
  recordUsage,
  refundConsumption,
  runPackageManagerCommand,
  setCreditStatus,
  stopAtPeriodEnd,
  suspendInternet,
  type JsonCommand,
} from './commands';
import { billRunJob, packageManagerJob, type JobOutcome } from './hosts';
import { exactlyOnceBreaks, ledgerBreaks, readAllEvents } from './ledger';
import { settledViewBreaks, superviseProjections } from './projections';
import { diceOf, type Dice } from './random';

/** What one run of a workload found. */
export interface RunReport {
  readonly scenario: string;
  readonly seed: number;
  /** Every invariant the run broke, in words; empty when it held. */
  readonly breaks: readonly string[];
  /** Commands (and scheduled jobs) sent. */
  readonly commands: number;
  readonly faults: InjectedFaults | undefined;
  /** Times the projections closed and were started again. */
  readonly restarts: number;
  /** How the commands ended: `accepted`, `duplicate`, `nothing` (accepted, no events), or the refusal code. */
  readonly outcomes: Readonly<Record<string, number>>;
}

/** Counts how sent commands ended, for the report. */
export const outcomesOf = (sent: readonly SentCommand[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const s of sent) {
    const a = finalAnswer(s);
    const key = a === undefined ? 'unsent' : a.kind === 'accepted' ? (a.duplicate ? 'duplicate' : a.events.length === 0 ? 'nothing' : 'accepted') : a.kind === 'refused' ? a.code : a.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

export const PACKS = ['p0', 'p1', 'p2'] as const;
export const CLIENT_PACKAGES = ['cp0', 'cp1'] as const;
export const ACCOUNT_PACKAGES = ['ap0', 'ap1', 'ap2'] as const;

/** One step of a client of the workload. */
export type Step =
  | { readonly kind: 'send'; readonly aggregate: AggregateName; readonly json: JsonCommand }
  | { readonly kind: 'resend' }
  | { readonly kind: 'bill_run'; readonly period: 0 | 1; readonly day: number }
  | { readonly kind: 'manager_run'; readonly day: number };

/**
 * A random step. Ids come from small pools shared by every client, so clients contend
 * for the same packs, consumptions and usage records; a reused usage id usually carries
 * the same content (a redelivered record), sometimes other content (a refused reuse).
 */
export const randomStep = (dice: Dice, day: number): Step => {
  const pack = dice.pick(PACKS);
  const cp = dice.pick(CLIENT_PACKAGES);
  const ap = dice.pick(ACCOUNT_PACKAGES);
  const roll = dice.int(0, 99);
  const usage = dice.int(0, 15);
  if (roll < 24) return { kind: 'send', aggregate: 'creditPack', json: consumeCredits(pack, `c${dice.int(0, 11)}`, dice.chance(0.2) ? '2.5' : String(dice.int(1, 12)), day) };
  if (roll < 30) return { kind: 'send', aggregate: 'creditPack', json: refundConsumption(pack, `r${dice.int(0, 7)}`, `c${dice.int(0, 11)}`, String(dice.int(1, 5)), day) };
  if (roll < 33) return { kind: 'send', aggregate: 'creditPack', json: correctCreditValue(pack, String(dice.int(10, 80)), day) };
  if (roll < 35) return { kind: 'send', aggregate: 'creditPack', json: setCreditStatus(pack, `note ${dice.int(0, 3)}`, day) };
  if (roll < 36) return { kind: 'send', aggregate: 'creditPack', json: cancelPack(pack, day) };
  if (roll < 50) return { kind: 'send', aggregate: 'clientPackage', json: rateMinutes(cp, `u${usage}`, String(dice.chance(0.9) ? 1 + ((usage * 7) % 30) : 99), day) };
  if (roll < 56) return { kind: 'send', aggregate: 'clientPackage', json: rateMoney(cp, `m${usage}`, `${1 + (usage % 6)}.50`, day) };
  if (roll < 57) return { kind: 'send', aggregate: 'clientPackage', json: stopAtPeriodEnd(cp, day) };
  if (roll < 61) return { kind: 'manager_run', day: dice.int(31, 40) };
  if (roll < 72) return { kind: 'send', aggregate: 'accountPackage', json: recordUsage(ap, `v${usage}`, day, String(1 + (usage % 4))) };
  if (roll < 76) return { kind: 'send', aggregate: 'accountPackage', json: suspendInternet(ap, dice.chance(0.5) ? 'suspended' : 'active', day) };
  if (roll < 84) return { kind: 'bill_run', period: dice.chance(0.7) ? 0 : 1, day: 31 };
  if (roll < 88) {
    const period = BILL_PERIODS[dice.chance(0.7) ? 0 : 1];
    return { kind: 'send', aggregate: 'accountPackage', json: billPackage(ap, period, `${ap}-direct-${period.start}`, 31) };
  }
  return { kind: 'resend' };
};

/** Chances of each fault for a seed: each from none up to a few percent, so some seeds are calm and some stormy. */
export const randomFaults = (dice: Dice): EventStoreFaults => ({
  appendFailsBeforeWrite: dice.next() * 0.1,
  appendFailsAfterWrite: dice.next() * 0.1,
  appendTimesOut: dice.next() * 0.1,
  readFails: dice.next() * 0.05,
  subscriptionDrops: dice.next() * 0.05,
  redelivery: dice.next() * 0.2,
  maxDelayTurns: dice.int(0, 6),
});

/** Sizes of a workload. */
export interface WorkloadSize {
  readonly clients: number;
  readonly stepsPerClient: number;
}

/** Issues the packs, assigns and activates the client packages, adds the account packages. */
export const setUp = async (client: Client, sent: SentCommand[], dice: Dice): Promise<void> => {
  const send = async (aggregate: AggregateName, json: JsonCommand, id: string): Promise<void> => {
    sent.push(await client.send(aggregate, json, id, 200));
  };
  await Promise.all([
    ...PACKS.map((p) => send('creditPack', issuePack(p, String(dice.int(20, 60))), `issue-${p}`)),
    ...CLIENT_PACKAGES.map(async (cp) => {
      await send('clientPackage', assignClientPackage(cp), `assign-${cp}`);
      await send('clientPackage', runPackageManagerCommand(cp, '1000', 0), `activate-${cp}`);
    }),
    ...ACCOUNT_PACKAGES.map((ap, i) => send('accountPackage', addAccountPackage(ap, i < 2 ? 'acc-a' : 'acc-b'), `add-${ap}`)),
  ]);
};

/** A plan per client: its steps in order, each with its command id. */
export type Plan = readonly { readonly step: Step; readonly commandId: string }[];

/** Random plans: each client's steps on increasing days of January. */
export const randomPlans = (dice: Dice, size: WorkloadSize): Plan[] =>
  Array.from({ length: size.clients }, (_c, client) => {
    const days = Array.from({ length: size.stepsPerClient }, () => dice.int(1, 28)).sort((a, b) => a - b);
    return days.map((day, i) => ({ step: randomStep(dice, day), commandId: `k${client}-${i}` }));
  });

/**
 * Runs the plans concurrently, one client (one host process) per plan, over the store;
 * every command sent goes to `sent`, every scheduled job's outcome to `jobs`.
 */
export const runClients = async (store: EventStore, plans: readonly Plan[], maxRetries: number, sent: SentCommand[], jobs: JobOutcome[]): Promise<void> => {
  await Promise.all(plans.map(async (plan) => {
    const client = clientOf(store, maxRetries);
    const mine: SentCommand[] = [];
    for (const { step, commandId } of plan) {
      if (step.kind === 'send') mine.push(await client.send(step.aggregate, step.json, commandId));
      else if (step.kind === 'bill_run') jobs.push(await billRunJob(store, ACCOUNT_PACKAGES, BILL_PERIODS[step.period], step.day));
      else if (step.kind === 'manager_run') jobs.push(await packageManagerJob(store, CLIENT_PACKAGES, step.day));
      else {
        // A request sent again after it was answered (a client that missed the answer): the same command id.
        const earlier = mine.find((s) => s.answers.some((a) => a.kind === 'accepted' && a.events.length > 0));
        if (earlier !== undefined) mine.push(await client.send(earlier.aggregate, earlier.json, earlier.commandId));
      }
    }
    sent.push(...mine);
  }));
};

/** The breaks every workload checks at its end: exactly once, ledger rules, every command answered, every job done. */
export const storeBreaks = async (store: EventStore, sent: readonly SentCommand[], jobs: readonly JobOutcome[]): Promise<string[]> => {
  const events = await readAllEvents(store);
  const breaks = [...exactlyOnceBreaks(events, sent), ...(await ledgerBreaks(store, events))];
  for (const s of sent) if (!isSettled(finalAnswer(s))) breaks.push(`${String(s.json.type)} ${s.commandId} was never answered in ${s.answers.length} attempts`);
  for (const j of jobs) if (!j.done) breaks.push(`a scheduled job never completed in ${j.attempts} attempts: ${j.lastProblem ?? ''}`);
  return breaks;
};

/**
 * Random workloads over all three aggregates through a {@link faultyEventStore}: several
 * clients, each a host process with its own handlers, send JSON commands concurrently and
 * retry with the same command id after every fault; bill runs and package-manager runs
 * are rerun after faults; projections run live and are restarted whenever they close.
 * Afterwards: every accepted command's events are stored exactly once (nothing of a
 * refused one), no ledger rule is broken, and the live views equal a clean rebuild.
 */
export const faultedWorkload = async (seed: number, size: WorkloadSize = { clients: 4, stepsPerClient: 8 }): Promise<RunReport> => {
  const dice = diceOf(seed);
  const faults = randomFaults(dice);
  const inner = new InMemoryEventStore();
  // The store draws from its own sequence, so the plan below does not depend on when faults strike.
  const store: FaultyEventStore = faultyEventStore(inner, faults, seededRandom(seed ^ 0x5bd1e995));
  const readModels = new InMemoryReadModelStore();
  const projections = superviseProjections({ events: store, readModels, batchSize: dice.int(1, 16), maxRestarts: 10_000 });
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  const maxRetries = dice.int(0, 3);

  await setUp(clientOf(store, maxRetries), sent, dice);

  await runClients(store, randomPlans(dice, size), maxRetries, sent, jobs);

  await store.settled();
  const breaks = await storeBreaks(inner, sent, jobs);
  breaks.push(...(await settledViewBreaks(inner, projections, readModels)));
  return { scenario: 'faults', seed, breaks, commands: sent.length + jobs.length, faults: store.injected(), restarts: projections.restarts(), outcomes: outcomesOf(sent) };
};
