import { InMemoryEventStore } from '@packledger/application';
import { faultyEventStore, seededRandom } from '@packledger/application/testing';
import { InMemoryReadModelStore, allViews, applyEvent, eventDecoder, packledgerStreams, startProjections, type Positioned } from '@packledger/projections';
import { clientOf, type SentCommand } from './clients';
import { outcomesOf, randomPlans, runClients, setUp, type RunReport } from './faulted-workload';
import type { JobOutcome } from './hosts';
import { readAllEvents } from './ledger';
import { cleanRebuild, crashingReadModels, settledViewBreaks, superviseProjections, tornReadModels, viewBreaks, viewsOf } from './projections';
import { diceOf } from './random';

/**
 * The projection process killed at random points and restarted, many times, while
 * commands keep arriving: killed before a commit, after a commit it never heard of, in
 * the middle of a non-atomic commit (some documents written, the checkpoint not), while
 * reading documents mid-batch, and by subscriptions that drop or deliver events twice.
 * Every restart resumes from the stored checkpoints. At the end the views equal a clean
 * rebuild.
 */
export const projectionKills = async (seed: number, steps = 40): Promise<RunReport> => {
  const dice = diceOf(seed);
  const inner = new InMemoryEventStore();
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  await setUp(clientOf(inner, 3), sent, dice);

  const killing = diceOf(seed ^ 0x2545f491);
  const faults = { commitKilled: 0.05 + dice.next() * 0.25, readKilled: dice.next() * 0.02 };
  const torn = dice.chance(0.5);
  const readModels = torn ? tornReadModels(faults, killing) : crashingReadModels(new InMemoryReadModelStore(), faults, killing);
  const events = faultyEventStore(inner, { subscriptionDrops: dice.next() * 0.05, redelivery: dice.next() * 0.3, maxDelayTurns: dice.int(0, 4) }, seededRandom(seed ^ 0x68e31da4));
  const projections = superviseProjections({ events, readModels, batchSize: dice.int(1, 30), maxRestarts: 100_000 });

  // The rest of the history arrives while the projections run (and die).
  await runClients(inner, randomPlans(dice, { clients: 2, stepsPerClient: Math.ceil(steps / 2) }), 3, sent, jobs);
  const breaks = await settledViewBreaks(inner, projections, readModels);
  return { scenario: torn ? 'projection kills (non-atomic store)' : 'projection kills (atomic store)', seed, breaks, commands: sent.length + jobs.length, faults: events.injected(), restarts: projections.restarts(), outcomes: outcomesOf(sent) };
};

/**
 * Views are idempotent by position: every event delivered twice (a subscription with
 * redelivery 1) builds the same views as a clean rebuild; and applying any event a
 * second time to the document it made changes nothing.
 */
export const everyEventTwice = async (seed: number): Promise<RunReport> => {
  const dice = diceOf(seed);
  const inner = new InMemoryEventStore();
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  await setUp(clientOf(inner, 3), sent, dice);
  await runClients(inner, randomPlans(dice, { clients: 2, stepsPerClient: 10 }), 3, sent, jobs);
  const history = await readAllEvents(inner);
  const events = faultyEventStore(inner, { redelivery: 1 }, seededRandom(seed));
  const readModels = new InMemoryReadModelStore();
  const running = await startProjections({ events, readModels, views: allViews, decode: eventDecoder(packledgerStreams), batchSize: dice.int(1, 20) });
  const last = history.at(-1);
  // Once live (finding F10: asked while it turns live, reached() can wait forever).
  await running.caughtUp;
  if (last !== undefined) await running.reached(last.position);
  await running.stop();
  const breaks = viewBreaks(await viewsOf(readModels), await cleanRebuild(inner));
  if (events.injected().redeliveries !== history.length) breaks.push(`${events.injected().redeliveries} redeliveries for ${history.length} events: not every event came twice`);

  const decode = eventDecoder(packledgerStreams);
  for (const view of allViews) {
    const docs = new Map<string, Positioned>();
    for (const recorded of history) {
      const decoded = decode(recorded);
      if (decoded._tag === 'Left' || decoded.right === undefined || !view.streamPrefixes.some((p) => recorded.stream.startsWith(p))) continue;
      const id = view.documentId(decoded.right);
      if (id === undefined) continue;
      const once = applyEvent(view, docs.get(id), decoded.right);
      const current = once === undefined ? docs.get(id) : once ?? undefined;
      const twice = applyEvent(view, current, decoded.right);
      if (current !== undefined && twice !== undefined) breaks.push(`view ${view.name}: applying the event at ${recorded.position} twice changed document ${id}`);
      if (once === null) docs.delete(id);
      else if (once !== undefined) docs.set(id, once);
    }
  }
  return { scenario: 'every event twice', seed, breaks, commands: sent.length + jobs.length, faults: events.injected(), restarts: 0, outcomes: outcomesOf(sent) };
};
