import { InMemoryEventStore, type EventStore } from '@packledger/application';
import { faultyEventStore, seededRandom } from '@packledger/application/testing';
import { InMemoryReadModelStore, type ReadModelStore } from '@packledger/projections';
import { decodeCreditPackCommand } from '@packledger/domain';
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import { clientOf, type SentCommand } from '../src/clients';
import { addAccountPackage, consumeCredits, issuePack } from '../src/commands';
import { billRunJob } from '../src/hosts';
import { exactlyOnceBreaks, ledgerBreaks, readAllEvents } from '../src/ledger';
import { checkCommandInput, fuzzTargets } from '../src/hostile-input';
import { cleanRebuild, superviseProjections, viewBreaks, viewsOf } from '../src/projections';

// The checks are only worth their silence if they speak up: each is shown a broken system here.

/** A store that ignores the expected revision: every append goes through (no optimistic concurrency). */
const withoutConcurrencyCheck = (inner: EventStore): EventStore => ({
  ...inner,
  append: (stream, events) => inner.append(stream, events, { expectedRevision: 'any' }),
  readStream: (...args) => inner.readStream(...args),
  readAll: (...args) => inner.readAll(...args),
  subscribeToAll: (...args) => inner.subscribeToAll(...args),
});

describe('the invariant checks catch broken systems', () => {
  test('the exactly-once check catches a store that writes every append twice', async () => {
    const inner = new InMemoryEventStore();
    const doubling: EventStore = {
      append: async (stream, events, options) => {
        const first = await inner.append(stream, events, options);
        await inner.append(stream, events, { expectedRevision: 'any' });
        return first;
      },
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      subscribeToAll: (...args) => inner.subscribeToAll(...args),
    };
    const client = clientOf(doubling, 3);
    const sent = [await client.send('creditPack', issuePack('p0', '40'), 'issue'), await client.send('creditPack', consumeCredits('p0', 'c1', '3', 1), 'consume')];
    expect(exactlyOnceBreaks(await readAllEvents(inner), sent).length).toBeGreaterThan(0);
  });

  test('the exactly-once check catches one command id handled as new twice (a handler blind to command ids, retried after a failure after the write)', async () => {
    const inner = new InMemoryEventStore();
    const blind: EventStore = {
      ...withoutConcurrencyCheck(inner),
      append: (...args) => inner.append(...args),
      readStream: async (stream, options) => {
        const read = await inner.readStream(stream, options);
        return read._tag === 'Left' ? read : { _tag: 'Right', right: read.right.map((e) => ({ ...e, metadata: { ...e.metadata, commandId: 'forgotten' } })) };
      },
    };
    const sent: SentCommand[] = [await clientOf(inner, 3).send('creditPack', issuePack('p0', '40'), 'issue')];
    sent.push(await clientOf(faultyEventStore(blind, { appendFailsAfterWrite: 1 }, seededRandom(1)), 3).send('creditPack', consumeCredits('p0', 'c1', '3', 1), 'consume', 1));
    sent.push(await clientOf(blind, 3).send('creditPack', consumeCredits('p0', 'c2', '3', 1), 'consume'));
    const merged = [sent[0] as SentCommand, { ...(sent[2] as SentCommand), answers: [...(sent[1] as SentCommand).answers, ...(sent[2] as SentCommand).answers] }];
    expect(exactlyOnceBreaks(await readAllEvents(inner), merged).length).toBeGreaterThan(0);
  });

  test('the exactly-once check catches a retry that does not answer the stored original outcome (the same command, re-decided as a change of nothing)', async () => {
    const inner = new InMemoryEventStore();
    const blind: EventStore = {
      ...withoutConcurrencyCheck(inner),
      append: (...args) => inner.append(...args),
      readStream: async (stream, options) => {
        const read = await inner.readStream(stream, options);
        return read._tag === 'Left' ? read : { _tag: 'Right', right: read.right.map((e) => ({ ...e, metadata: { ...e.metadata, commandId: 'forgotten' } })) };
      },
    };
    const consume = consumeCredits('p0', 'c1', '3', 1);
    const issued = await clientOf(inner, 3).send('creditPack', issuePack('p0', '40'), 'issue');
    const failed = await clientOf(faultyEventStore(blind, { appendFailsAfterWrite: 1 }, seededRandom(1)), 3).send('creditPack', consume, 'consume', 1);
    const retried = await clientOf(blind, 3).send('creditPack', consume, 'consume');
    expect(exactlyOnceBreaks(await readAllEvents(inner), [issued, { ...retried, answers: [...failed.answers, ...retried.answers] }])).toEqual([
      expect.stringMatching(/answered only accepted with no events but 1 of its events are stored/),
    ]);
  });

  test('the ledger check catches a pack overdrawn by writers without optimistic concurrency', async () => {
    const inner = new InMemoryEventStore();
    await clientOf(inner, 3).send('creditPack', issuePack('p0', '10'), 'issue');
    const racing = faultyEventStore(withoutConcurrencyCheck(inner), { maxDelayTurns: 3 }, seededRandom(2));
    await Promise.all(Array.from({ length: 4 }, (_c, i) => clientOf(racing, 3).send('creditPack', consumeCredits('p0', `c${i}`, '6', 1), `consume-${i}`)));
    expect(await ledgerBreaks(inner, await readAllEvents(inner))).toEqual(expect.arrayContaining([expect.stringMatching(/overdrawn|negative|not value/)]));
  });

  test('the ledger check catches a package billed twice for a period by bill runs without optimistic concurrency', async () => {
    const inner = new InMemoryEventStore();
    await clientOf(inner, 3).send('accountPackage', addAccountPackage('ap0', 'acc-a'), 'add');
    const racing = faultyEventStore(withoutConcurrencyCheck(inner), { maxDelayTurns: 3 }, seededRandom(3));
    await Promise.all([billRunJob(racing, ['ap0'], { start: '2026-01-01', end: '2026-02-01' }, 31), billRunJob(racing, ['ap0'], { start: '2026-01-01', end: '2026-02-01' }, 31)]);
    expect(await ledgerBreaks(inner, await readAllEvents(inner))).toEqual(expect.arrayContaining([expect.stringMatching(/billed twice|billed again/)]));
  });

  test('the view check catches a read-model store that loses a document', async () => {
    const inner = new InMemoryEventStore();
    const client = clientOf(inner, 3);
    for (const p of ['p0', 'p1', 'p2']) await client.send('creditPack', issuePack(p, '40'), `issue-${p}`);
    const store = new InMemoryReadModelStore();
    let changes = 0;
    const forgetful: ReadModelStore = {
      ...store,
      get: (...args) => store.get(...args),
      checkpoint: (...args) => store.checkpoint(...args),
      all: (...args) => store.all(...args),
      drop: (...args) => store.drop(...args),
      commit: (view, docs, checkpoint) => store.commit(view, docs.filter(() => ++changes !== 2), checkpoint),
    };
    const projections = superviseProjections({ events: inner, readModels: forgetful, batchSize: 1, maxRestarts: 10 });
    await projections.reach((await readAllEvents(inner)).at(-1)?.position ?? 0n);
    await projections.stop();
    expect(viewBreaks(await viewsOf(store), await cleanRebuild(inner)).length).toBeGreaterThan(0);
  });

  test('the hostile-input check catches a codec that accepts a negative amount, one that throws, and one that sends a command to a system stream', async () => {
    const target = (await fuzzTargets()).commands[0];
    if (target === undefined) throw new Error('no credit-pack codec');
    const valid = decodeCreditPackCommand(consumeCredits('p0', 'c1', '3', 1));
    if (E.isLeft(valid)) throw new Error(valid.left.message);
    const negative = { ...target, decode: () => E.right({ ...(valid.right as object), credits: new Decimal(-3) }) };
    const throwing = { ...target, decode: (): never => { throw new RangeError('Maximum call stack size exceeded'); } };
    const system = { ...target, aggregate: { ...target.aggregate, streamOf: () => '$all' } };
    expect(checkCommandInput(negative, {}).breaks).toEqual(expect.arrayContaining([expect.stringMatching(/credits is negative/)]));
    expect(checkCommandInput(throwing, {}).breaks).toEqual(['decoding threw RangeError: Maximum call stack size exceeded']);
    expect(checkCommandInput(system, consumeCredits('p0', 'c1', '3', 1)).breaks).toEqual(expect.arrayContaining([expect.stringMatching(/stream "\$all" is not creditPack-<id>/)]));
  });
});
