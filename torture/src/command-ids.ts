import { InMemoryEventStore, type EventStore } from '@packledger/application';
import { faultyEventStore, seededRandom, type EventStoreFaults, type FaultyEventStore } from '@packledger/application/testing';
import { isDeepStrictEqual } from 'node:util';
import { clientOf, finalAnswer, type SentCommand } from './clients';
import { outcomesOf, randomPlans, randomStep, runClients, setUp, storeBreaks, type RunReport } from './faulted-workload';
import type { JobOutcome } from './hosts';
import { diceOf } from './random';

/** How the first attempt at the command fails: each leaves the caller unable to tell whether it was stored. */
export const AMBIGUOUS_FAILURES = ['fails before the write', 'fails after the write', 'times out'] as const;
export type AmbiguousFailure = (typeof AMBIGUOUS_FAILURES)[number];

const faultsFor: Record<AmbiguousFailure, EventStoreFaults> = {
  'fails before the write': { appendFailsBeforeWrite: 1 },
  'fails after the write': { appendFailsAfterWrite: 1 },
  'times out': { appendTimesOut: 1, maxDelayTurns: 4 },
};

/** A store whose calls go wherever `target` currently points: the same client process, before and after the network recovers. */
const switchable = (initial: EventStore) => {
  let target = initial;
  const store: EventStore = {
    append: (...args) => target.append(...args),
    readStream: (...args) => target.readStream(...args),
    readAll: (...args) => target.readAll(...args),
    subscribeToAll: (...args) => target.subscribeToAll(...args),
  };
  return { store, switchTo: (next: EventStore) => { target = next; } };
};

/**
 * A command whose first attempt fails ambiguously (before the write, after it, or by a
 * timeout whose write may land later), retried with the SAME command id while other
 * clients write to the same streams. Holds: the command is stored at most once; when
 * the first attempt was stored, every retry answers that original outcome (`duplicate`,
 * the same events, revision and position); a request sent again after the answer gets
 * the same answer; and every other rule of the store.
 */
export const commandIdRetries = async (seed: number): Promise<RunReport & { readonly failure: AmbiguousFailure }> => {
  const dice = diceOf(seed);
  const inner = new InMemoryEventStore();
  const sent: SentCommand[] = [];
  const jobs: JobOutcome[] = [];
  await setUp(clientOf(inner, 3), sent, dice);

  const failure = dice.pick(AMBIGUOUS_FAILURES);
  const failing: FaultyEventStore = faultyEventStore(inner, faultsFor[failure], seededRandom(seed));
  const { store, switchTo } = switchable(failing);
  // Another process may be the one retrying (a load balancer sends the retry elsewhere).
  const sameProcess = dice.chance(0.5);
  const first = clientOf(store, dice.int(0, 3));
  let step = randomStep(dice, dice.int(1, 28));
  while (step.kind !== 'send') step = randomStep(dice, dice.int(1, 28));
  const commandId = `retried-${seed}`;
  const firstTry = await first.send(step.aggregate, step.json, commandId, 1);
  const breaks: string[] = [];
  const firstAnswer = finalAnswer(firstTry);
  const eventsOfCommand = async (): Promise<number> => {
    const read = await inner.readStream(firstTry.stream);
    return read._tag === 'Right' ? read.right.filter((e) => e.metadata.commandId === commandId).length : 0;
  };
  const storedAtFailure = await eventsOfCommand();

  switchTo(faultyEventStore(inner, { maxDelayTurns: dice.int(0, 6) }, seededRandom(seed ^ 0x1b873593)));
  const retrying = sameProcess ? first : clientOf(store, dice.int(0, 3));
  const others = randomPlans(dice, { clients: dice.int(1, 3), stepsPerClient: dice.int(1, 4) });
  const [retried] = await Promise.all([
    retrying.send(step.aggregate, step.json, commandId),
    runClients(store, others, 3, sent, jobs),
  ]);
  const again = await clientOf(store, 3).send(step.aggregate, step.json, commandId);
  await failing.settled();
  // The first attempt and its retries are one command: one list of answers, the last one final.
  sent.push({ ...retried, answers: [...firstTry.answers, ...retried.answers] }, again);

  const answer = finalAnswer(retried);
  if (firstAnswer?.kind === 'ambiguous' && storedAtFailure > 0) {
    if (answer?.kind !== 'accepted' || !answer.duplicate) breaks.push(`${String(step.json.type)} ${commandId} was stored by its first attempt (${failure}) but the retry answered ${JSON.stringify(answer)}`);
  }
  const settledAnswer = finalAnswer(again);
  if (answer?.kind === 'accepted' && answer.events.length > 0) {
    if (settledAnswer?.kind !== 'accepted' || !settledAnswer.duplicate || !isDeepStrictEqual({ ...settledAnswer, duplicate: true }, { ...answer, duplicate: true })) {
      breaks.push(`${String(step.json.type)} ${commandId} sent again after its answer got ${JSON.stringify(settledAnswer)}, not the original ${JSON.stringify(answer)}`);
    }
  }
  breaks.push(...(await storeBreaks(inner, sent, jobs)));
  return { scenario: 'command-id retries', seed, failure, breaks, commands: sent.length + jobs.length, faults: failing.injected(), restarts: 0, outcomes: outcomesOf(sent) };
};
