import { InMemoryEventStore, type EventStore } from '@packledger/application';
import { faultyEventStore, seededRandom } from '@packledger/application/testing';
import Decimal from 'decimal.js';
import { clientOf, finalAnswer, type Answer, type AnswerObserver, type SentCommand } from './clients';
import {
  BILL_PERIODS,
  addAccountPackage,
  assignClientPackage,
  consumeCredits,
  issuePack,
  rateMinutes,
  rateMoney,
  recordUsage,
  refundConsumption,
  runPackageManagerCommand,
  suspendInternet,
} from './commands';
import { outcomesOf, storeBreaks, type RunReport } from './faulted-workload';
import { billRunJob, packageManagerJob, type JobOutcome } from './hosts';
import { readAllEvents } from './ledger';
import { diceOf, type Dice } from './random';

/**
 * How big a load run is: `full` for the runs that check much per run, `small` (a few
 * concurrent writers, one or two commands each) for the many runs that search the
 * interleavings themselves.
 */
export type LoadSize = 'small' | 'full';

/** Counts the conflicts clients met (and retried past): a load run that never conflicts proves little. */
const withConflicts = (sent: readonly SentCommand[]): Record<string, number> => ({
  ...outcomesOf(sent),
  'conflicts retried': sent.reduce((n, s) => n + s.answers.filter((a) => a.kind === 'conflict').length, 0),
});

/**
 * "A conflict that outlives the retries is a clean refusal": checked the moment a client
 * is told `conflict`, before it sends again, nothing of the command may be in the store.
 */
const conflictsLeaveNothing = (inner: EventStore, breaks: string[]): AnswerObserver => async (sent, answer: Answer) => {
  if (answer.kind !== 'conflict') return;
  const read = await inner.readStream(sent.stream);
  const stored = read._tag === 'Right' ? read.right.filter((e) => e.metadata.commandId === sent.commandId).length : 0;
  if (stored > 0) breaks.push(`${sent.commandId} was answered conflict but ${stored} of its events are stored`);
};

/**
 * Hot credit packs: many clients at once consume from one or two packs with a small
 * balance, each in its own process (its own handler and cache), with conflict retries
 * bounded low; some send a consumption twice (the same command id, or a double click
 * under a new id), some refund. Holds: never overdrawn; every accepted consumption stored
 * once and none lost (the credits the packs show consumed are exactly those accepted);
 * a conflict leaves nothing behind and the client's later attempt is answered.
 */
export const hotPacks = async (seed: number, size: LoadSize = 'full'): Promise<RunReport> => {
  const dice = diceOf(seed);
  const small = size === 'small';
  const inner = new InMemoryEventStore();
  const store = faultyEventStore(inner, { maxDelayTurns: dice.int(1, 8) }, seededRandom(seed ^ 0x7f4a7c15));
  const packs = small || dice.chance(0.5) ? ['hot'] : ['hot', 'warm'];
  const sent: SentCommand[] = [];
  const breaks: string[] = [];
  const setup = clientOf(inner, 3);
  for (const p of packs) sent.push(await setup.send('creditPack', issuePack(p, String(dice.int(10, 40))), `issue-${p}`));

  const clients = small ? dice.int(2, 5) : dice.int(4, 16);
  const plans = Array.from({ length: clients }, (_c, c) => Array.from({ length: small ? dice.int(1, 2) : dice.int(1, 3) }, (_s, k) => ({
    pack: dice.pick(packs), credits: String(dice.int(1, 9)), id: `c${c}-${k}`, twice: dice.pick(['no', 'no', 'no', 'same id', 'new id', 'refund'] as const),
  })));
  await Promise.all(plans.map(async (plan) => {
    const client = clientOf(store, dice.int(0, 2), conflictsLeaveNothing(inner, breaks));
    for (const { pack, credits, id, twice } of plan) {
      const json = consumeCredits(pack, id, credits, 1);
      sent.push(await client.send('creditPack', json, `cmd-${id}`, 60));
      if (twice === 'same id') sent.push(await client.send('creditPack', json, `cmd-${id}`, 60));
      if (twice === 'new id') sent.push(await client.send('creditPack', json, `cmd-${id}-again`, 60));
      if (twice === 'refund') sent.push(await client.send('creditPack', refundConsumption(pack, `r-${id}`, id, '1', 2), `refund-${id}`, 60));
    }
  }));

  breaks.push(...(await storeBreaks(inner, sent, [])));
  // No lost update: what each pack shows consumed is exactly what was accepted.
  const events = await readAllEvents(inner);
  for (const p of packs) {
    const accepted = sent
      .filter((s) => s.stream === `creditPack-${p}` && s.json.type === 'ConsumeCredits')
      .flatMap((s) => s.answers.filter((a): a is Extract<Answer, { kind: 'accepted' }> => a.kind === 'accepted' && !a.duplicate).flatMap((a) => a.events))
      .filter((e) => e.type === 'CreditsConsumed')
      .reduce((sum, e) => sum.plus(String(e.data.credits)), new Decimal(0));
    const stored = events
      .filter((e) => e.stream === `creditPack-${p}` && e.type === 'CreditsConsumed')
      .reduce((sum, e) => sum.plus(String(e.data.credits)), new Decimal(0));
    if (!accepted.eq(stored)) breaks.push(`pack ${p}: ${accepted.toFixed()} credits consumed by accepted commands, ${stored.toFixed()} stored`);
  }
  return { scenario: `hot credit packs${small ? ' (small)' : ''}`, seed, breaks, commands: sent.length, faults: store.injected(), restarts: 0, outcomes: withConflicts(sent) };
};

const daysOf = (period: { readonly start: string; readonly end: string }): number => (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;

/**
 * One account billed by two bill runs at once (and sometimes a third, for another
 * period), while usage workers record usage on the same packages and staff suspend and
 * resume services; the store fails now and then, and every job is rerun until it
 * completes. Then January and February are run once more. Holds: each package billed at
 * most once per bill period and per invoice, no day of service billed twice, no usage
 * recorded or billed twice, and every package billed for every day of January and
 * February exactly once.
 */
export const twoBillRuns = async (seed: number, size: LoadSize = 'full'): Promise<RunReport> => {
  const dice = diceOf(seed);
  const small = size === 'small';
  const inner = new InMemoryEventStore();
  const store = faultyEventStore(inner, { maxDelayTurns: dice.int(1, 8), appendFailsAfterWrite: dice.next() * 0.05, appendFailsBeforeWrite: dice.next() * 0.05, readFails: dice.next() * 0.02 }, seededRandom(seed ^ 0x4cf5ad43));
  const ids = [...Array.from({ length: small ? dice.int(1, 2) : dice.int(2, 4) }, (_p, i) => `a${i}`), ...Array.from({ length: small ? dice.int(0, 1) : dice.int(1, 2) }, (_p, i) => `b${i}`)];
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  const setup = clientOf(inner, 3);
  for (const id of ids) sent.push(await setup.send('accountPackage', addAccountPackage(id, id.startsWith('a') ? 'acc-a' : 'acc-b'), `add-${id}`));

  const runs: (typeof BILL_PERIODS)[number][] = [BILL_PERIODS[0], BILL_PERIODS[0], ...(dice.chance(0.5) ? [dice.pick(BILL_PERIODS)] : [])];
  const workers = Array.from({ length: small ? dice.int(0, 2) : dice.int(1, 4) }, (_w, w) => Array.from({ length: small ? dice.int(1, 3) : dice.int(2, 6) }, (_u, k) => {
    const shared = dice.chance(0.3);
    const usageId = shared ? `s${k}` : `w${w}-${k}`;
    return { id: dice.pick(ids), usageId, day: shared ? 3 + k : dice.int(1, 58), quantity: shared ? '2' : String(dice.int(1, 5)), commandId: `w${w}-${k}`, suspend: dice.chance(0.15) };
  }));
  await Promise.all([
    ...runs.map(async (period) => { jobs.push(await billRunJob(store, ids, period, 31)); }),
    ...workers.map(async (work) => {
      const client = clientOf(store, dice.int(0, 3));
      for (const u of work) {
        sent.push(await client.send('accountPackage', recordUsage(u.id, u.usageId, u.day, u.quantity), u.commandId));
        if (u.suspend) sent.push(await client.send('accountPackage', suspendInternet(u.id, dice.chance(0.5) ? 'suspended' : 'active', u.day), `${u.commandId}-status`));
      }
    }),
  ]);
  await store.settled();
  for (const period of BILL_PERIODS) jobs.push(await billRunJob(inner, ids, period, 60));

  const breaks = await storeBreaks(inner, sent, jobs);
  const events = await readAllEvents(inner);
  for (const id of ids) {
    const billed = events.filter((e) => e.stream === `accountPackage-${id}` && e.type === 'PackageBilled')
      .flatMap((e) => (e.data.periods as readonly { period: { start: string; end: string } }[]).map((p) => p.period));
    const days = billed.reduce((n, p) => n + daysOf(p), 0);
    const wanted = daysOf({ start: BILL_PERIODS[0].start, end: BILL_PERIODS[1].end });
    if (days !== wanted || billed.some((p) => p.start < BILL_PERIODS[0].start || p.end > BILL_PERIODS[1].end)) {
      breaks.push(`package ${id} is billed for ${days} days of ${wanted} in January and February: ${billed.map((p) => `${p.start}..${p.end}`).join(', ')}`);
    }
  }
  return { scenario: `two bill runs at once${small ? ' (small)' : ''}`, seed, breaks, commands: sent.length + jobs.length, faults: store.injected(), restarts: 0, outcomes: withConflicts(sent) };
};

const usageOf = (dice: Dice, id: string, day: number) =>
  dice.chance(0.7) ? rateMinutes('cp', id, String(dice.int(1, 40)), day) : rateMoney('cp', id, `${dice.int(0, 9)}.50`, day);

/**
 * Usage rated for one client package by several workers at once: each rates its own
 * records, and some records reach two workers (a redelivered usage file), which send it
 * under their own command ids; sometimes the package manager renews the package at the
 * same time. Holds: no usage counted twice; a period's limits never consumed beyond
 * them; every record either rated once or refused; and the rest of the store's rules.
 */
export const usageWorkers = async (seed: number, size: LoadSize = 'full'): Promise<RunReport> => {
  const dice = diceOf(seed);
  const small = size === 'small';
  const inner = new InMemoryEventStore();
  const store = faultyEventStore(inner, { maxDelayTurns: dice.int(1, 8), appendFailsAfterWrite: dice.next() * 0.03, appendTimesOut: dice.next() * 0.03 }, seededRandom(seed ^ 0x3c6ef372));
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  const setup = clientOf(inner, 3);
  sent.push(await setup.send('clientPackage', assignClientPackage('cp'), 'assign'));
  sent.push(await setup.send('clientPackage', runPackageManagerCommand('cp', '1000', 0), 'activate'));

  const redelivered = Array.from({ length: small ? dice.int(0, 2) : dice.int(0, 4) }, (_r, k) => usageOf(dice, `shared-${k}`, 2 + k));
  const workers = Array.from({ length: small ? dice.int(2, 4) : dice.int(2, 8) }, (_w, w) => [
    ...Array.from({ length: small ? dice.int(1, 3) : dice.int(2, 6) }, (_u, k) => ({ json: usageOf(dice, `w${w}-u${k}`, dice.int(1, 29)), commandId: `w${w}-u${k}` })),
    ...redelivered.filter(() => dice.chance(0.5)).map((json, k) => ({ json, commandId: `w${w}-shared-${k}` })),
  ]);
  await Promise.all([
    ...workers.map(async (work) => {
      const client = clientOf(store, dice.int(0, 3));
      for (const { json, commandId } of dice.shuffle(work)) sent.push(await client.send('clientPackage', json, commandId));
    }),
    ...(dice.chance(0.2) ? [(async () => { jobs.push(await packageManagerJob(store, ['cp'], 31)); })()] : []),
  ]);
  await store.settled();
  const breaks = await storeBreaks(inner, sent, jobs);
  // A record some worker saw accepted (rated, or already rated) is rated exactly once.
  const events = await readAllEvents(inner);
  for (const json of redelivered) {
    const usageId = (json.usage as { usageId: string }).usageId;
    const accepted = sent.some((s) => (s.json.usage as { usageId?: string } | undefined)?.usageId === usageId && finalAnswer(s)?.kind === 'accepted');
    const rated = events.filter((e) => e.type === 'UsageRatedAgainstLimits' && e.data.usageId === usageId).length;
    if (accepted && rated !== 1) breaks.push(`usage ${usageId} was accepted but rated ${rated} times`);
  }
  return { scenario: `usage from several workers${small ? ' (small)' : ''}`, seed, breaks, commands: sent.length + jobs.length, faults: store.injected(), restarts: 0, outcomes: withConflicts(sent) };
};
