import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  Json,
  JsonObject,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '../event-store';

/** The two functions of a test framework the contract suite declares its tests with (jest, vitest, mocha, node:test all have them). */
export interface TestFramework {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: () => Promise<void>, timeout?: number) => void;
}

/** Options of {@link eventStoreContract}. */
export interface ContractOptions {
  /** Where `describe` and `it` come from; the globals of the running test framework by default. */
  readonly framework?: TestFramework;
  /** Time limit of each test in milliseconds, for stores over a network; the framework's default when absent. */
  readonly timeoutMs?: number;
}

const globalFramework = (): TestFramework => {
  const g = globalThis as { describe?: TestFramework['describe']; it?: TestFramework['it'] };
  if (typeof g.describe !== 'function' || typeof g.it !== 'function') {
    throw new Error('eventStoreContract: no global describe/it; run it under a test framework or pass { framework: { describe, it } }');
  }
  return { describe: g.describe, it: g.it };
};

/** Names unique to one test run, so the suite can run against a store shared with other tests and runs. */
const runId = randomUUID().slice(0, 8);
let streamCounter = 0;
const uniquePrefix = (): string => `contract${runId}x${++streamCounter}-`;

let eventCounter = 0;
const newEvent = (type: string, data: JsonObject = {}): EventToAppend => {
  const n = ++eventCounter;
  return {
    id: randomUUID(),
    type,
    data: { n, ...data },
    metadata: { schemaVersion: 1, commandId: `command-${n}`, correlationId: `correlation-${runId}`, causationId: `command-${n}`, actor: 'system:contract', occurredAt: '2026-01-31T10:00:00.000Z' },
  };
};

const appended = async (
  store: EventStore,
  stream: string,
  events: ReadonlyNonEmptyArray<EventToAppend>,
  expectedRevision: ExpectedRevision = 'any',
): Promise<AppendResult> => {
  const result = await store.append(stream, events, { expectedRevision });
  if (E.isLeft(result)) assert.fail(`append to ${stream} expecting ${String(expectedRevision)} was refused: ${result.left.message}`);
  return result.right;
};

const streamOf = async (store: EventStore, stream: string): Promise<readonly RecordedEvent[]> => {
  const read = await store.readStream(stream);
  if (E.isLeft(read)) assert.fail(`stream ${stream} was not found`);
  return read.right;
};

const allOf = async (store: EventStore, options: ReadAllOptions): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll(options)) out.push(e);
  return out;
};

const idsOf = (events: readonly { readonly id: string }[]): string[] => events.map((e) => e.id);

const assertWrongExpectedVersion = (result: E.Either<{ readonly code: string; readonly facts: unknown }, unknown>, facts: Record<string, unknown>): void => {
  assert.ok(E.isLeft(result), 'expected the append to be refused with wrong_expected_version');
  assert.equal(result.left.code, 'wrong_expected_version');
  assert.deepEqual(result.left.facts, facts);
};

/** A subscription that records what it receives and lets a test wait, without timers, for what it expects. */
const subscribe = (store: EventStore, options: SubscribeOptions, onEvent?: (event: RecordedEvent, seen: number) => void | Promise<void>) => {
  const messages: SubscriptionMessage[] = [];
  const waiters: { readonly until: () => boolean; readonly resolve: () => void }[] = [];
  let active = 0;
  let mostActive = 0;
  const subscription: Subscription = store.subscribeToAll(options, async (message) => {
    active++;
    mostActive = Math.max(mostActive, active);
    messages.push(message);
    // Yield a few turns: a store that delivered the next message now would be caught overlapping.
    for (let i = 0; i < 3; i++) await Promise.resolve();
    if (message.kind === 'event') await onEvent?.(message.event, events().length);
    active--;
    for (const w of [...waiters]) {
      if (w.until()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const events = (): RecordedEvent[] => messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  const until = (condition: () => boolean): Promise<void> =>
    condition() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ until: condition, resolve }));
  return {
    subscription,
    messages,
    events,
    mostActive: () => mostActive,
    caughtUp: () => until(() => messages.some((m) => m.kind === 'caught_up')),
    received: (count: number) => until(() => events().length >= count),
    sawEvent: (id: string) => until(() => events().some((e) => e.id === id)),
  };
};

/**
 * The contract every {@link EventStore} implementation must pass: expected revisions,
 * atomic appends, one winner among concurrent appends, stream reads, `$all` order,
 * positions and filters, and subscriptions (catch-up, `caught_up`, live delivery one
 * message at a time, exclusive resume from any checkpoint, stop, handler failure).
 *
 * Call it at the top level of a test file. It declares its tests with the running test
 * framework's global `describe` and `it` (or those you pass) and asserts with
 * `node:assert`, so it needs no particular framework. Every test uses streams and event
 * types unique to the run: the store may be shared with other tests, and never needs emptying.
 *
 * @example
 * // packages/eventstoredb/test/contract.test.ts
 * import { eventStoreContract } from '@packledger/application/testing';
 * eventStoreContract('EventStoreDB', () => eventStoreDbStore(client), { timeoutMs: 20_000 });
 */
export const eventStoreContract = (name: string, makeStore: () => EventStore | Promise<EventStore>, options: ContractOptions = {}): void => {
  const { describe, it: declare } = options.framework ?? globalFramework();
  const it = (title: string, body: (store: EventStore) => Promise<void>): void =>
    declare(title, async () => body(await makeStore()), options.timeoutMs);

  describe(`EventStore contract: ${name}`, () => {
    describe('appending with an expected revision', () => {
      it('no_stream creates the stream; its first event has revision 0', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const result = await store.append(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
        assert.ok(E.isRight(result));
        assert.equal(result.right.nextRevision, 0n);
        assert.equal(typeof result.right.position, 'bigint');
      });

      it('no_stream is refused when the stream has events, naming the actual revision', async (store) => {
        const stream = `${uniquePrefix()}s`;
        await appended(store, stream, [newEvent('Opened'), newEvent('Changed')]);
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' }), { stream, expected: 'no_stream', actual: 1n });
      });

      it('stream_exists is refused when the stream has no events', async (store) => {
        const stream = `${uniquePrefix()}s`;
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Changed')], { expectedRevision: 'stream_exists' }), { stream, expected: 'stream_exists', actual: 'no_stream' });
        assert.ok(E.isLeft(await store.readStream(stream)), 'the refused append created the stream');
      });

      it('stream_exists appends to a stream that has events', async (store) => {
        const stream = `${uniquePrefix()}s`;
        await appended(store, stream, [newEvent('Opened')]);
        assert.equal((await appended(store, stream, [newEvent('Changed')], 'stream_exists')).nextRevision, 1n);
      });

      it('any appends whether the stream exists or not', async (store) => {
        const stream = `${uniquePrefix()}s`;
        assert.equal((await appended(store, stream, [newEvent('Opened')], 'any')).nextRevision, 0n);
        assert.equal((await appended(store, stream, [newEvent('Changed')], 'any')).nextRevision, 1n);
      });

      it('an exact revision appends when it is the revision of the last event, as a bigint or a number', async (store) => {
        const stream = `${uniquePrefix()}s`;
        await appended(store, stream, [newEvent('Opened')], 'no_stream');
        assert.equal((await appended(store, stream, [newEvent('Changed')], 0n)).nextRevision, 1n);
        assert.equal((await appended(store, stream, [newEvent('Changed')], 1)).nextRevision, 2n);
      });

      it('an exact revision is refused when the stream is behind it or ahead of it, naming the actual revision', async (store) => {
        const stream = `${uniquePrefix()}s`;
        await appended(store, stream, [newEvent('Opened'), newEvent('Changed')], 'no_stream');
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Changed')], { expectedRevision: 0n }), { stream, expected: 0n, actual: 1n });
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Changed')], { expectedRevision: 5n }), { stream, expected: 5n, actual: 1n });
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Changed')], { expectedRevision: 0 }), { stream, expected: 0n, actual: 1n });
      });

      it('an exact revision is refused on a stream with no events', async (store) => {
        const stream = `${uniquePrefix()}s`;
        assertWrongExpectedVersion(await store.append(stream, [newEvent('Changed')], { expectedRevision: 0n }), { stream, expected: 0n, actual: 'no_stream' });
      });

      it('a refused append writes none of its events', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const first = newEvent('Opened');
        await appended(store, stream, [first], 'no_stream');
        assert.ok(E.isLeft(await store.append(stream, [newEvent('Changed'), newEvent('Changed'), newEvent('Changed')], { expectedRevision: 'no_stream' })));
        assert.deepEqual(idsOf(await streamOf(store, stream)), [first.id]);
      });

      it('the events of one append get consecutive revisions and increasing positions; the result names the last', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const events = [newEvent('Opened'), newEvent('Changed'), newEvent('Changed')] as const;
        const result = await appended(store, stream, events, 'no_stream');
        const read = await streamOf(store, stream);
        assert.deepEqual(read.map((e) => e.revision), [0n, 1n, 2n]);
        assert.ok((read[0] as RecordedEvent).position < (read[1] as RecordedEvent).position && (read[1] as RecordedEvent).position < (read[2] as RecordedEvent).position);
        assert.deepEqual(result, { nextRevision: 2n, position: (read[2] as RecordedEvent).position });
      });

      it('of concurrent appends expecting the same revision, exactly one wins and the others write nothing', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const opened = newEvent('Opened');
        await appended(store, stream, [opened], 'no_stream');
        const contenders = Array.from({ length: 8 }, () => [newEvent('Changed'), newEvent('Changed')] as const);
        const results = await Promise.all(contenders.map((events) => store.append(stream, events, { expectedRevision: 0n })));
        const winners = results.flatMap((r, i) => (E.isRight(r) ? [i] : []));
        assert.equal(winners.length, 1, `${winners.length} of 8 concurrent appends expecting revision 0 were accepted`);
        for (const r of results) if (E.isLeft(r)) assert.deepEqual(r.left.facts, { stream, expected: 0n, actual: 2n });
        const winner = contenders[winners[0] as number] as readonly EventToAppend[];
        assert.deepEqual(idsOf(await streamOf(store, stream)), [opened.id, ...idsOf(winner)]);
      });

      it('of concurrent appends creating the same stream (no_stream), exactly one wins', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const contenders = Array.from({ length: 8 }, () => newEvent('Opened'));
        const results = await Promise.all(contenders.map((e) => store.append(stream, [e], { expectedRevision: 'no_stream' })));
        const winners = contenders.filter((_, i) => E.isRight(results[i] as E.Either<unknown, unknown>));
        assert.equal(winners.length, 1);
        assert.deepEqual(idsOf(await streamOf(store, stream)), idsOf(winners));
      });
    });

    describe('reading a stream', () => {
      it('a stream with no events is stream_not_found', async (store) => {
        const stream = `${uniquePrefix()}missing`;
        const read = await store.readStream(stream);
        assert.ok(E.isLeft(read));
        assert.equal(read.left.code, 'stream_not_found');
        assert.deepEqual(read.left.facts, { stream });
      });

      it('gives back every appended event in revision order: id, type, data, metadata, stream, revision, position', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const events = [newEvent('Opened', { credits: '12.50', nested: { list: [1, 'two', null, true] } }), newEvent('Changed', { note: 'é ✓ "quoted"' })] as const;
        const result = await appended(store, stream, events, 'no_stream');
        const read = await streamOf(store, stream);
        assert.deepEqual(read.map(({ id, type, data, metadata, stream: s, revision }) => ({ id, type, data, metadata, stream: s, revision })), events.map((e, i) => ({ ...e, stream, revision: BigInt(i) })));
        assert.equal((read[1] as RecordedEvent).position, result.position);
      });

      it('reads from a revision on (inclusive); past the end it reads nothing', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const events = [newEvent('Opened'), newEvent('Changed'), newEvent('Changed'), newEvent('Changed')] as const;
        await appended(store, stream, events, 'no_stream');
        const from2 = await store.readStream(stream, { fromRevision: 2n });
        assert.ok(E.isRight(from2));
        assert.deepEqual(idsOf(from2.right), idsOf(events.slice(2)));
        const fromNumber = await store.readStream(stream, { fromRevision: 3 });
        assert.ok(E.isRight(fromNumber));
        assert.deepEqual(idsOf(fromNumber.right), [events[3].id]);
        const past = await store.readStream(stream, { fromRevision: 4n });
        assert.ok(E.isRight(past));
        assert.deepEqual(past.right, []);
      });

      it('reads backwards from the end or from a revision, at most maxCount events', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const events = [newEvent('Opened'), newEvent('Changed'), newEvent('Changed')] as const;
        await appended(store, stream, events, 'no_stream');
        const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        assert.ok(E.isRight(last));
        assert.deepEqual(idsOf(last.right), [events[2].id]);
        const fromOne = await store.readStream(stream, { direction: 'backwards', fromRevision: 1n });
        assert.ok(E.isRight(fromOne));
        assert.deepEqual(idsOf(fromOne.right), [events[1].id, events[0].id]);
        const firstTwo = await store.readStream(stream, { maxCount: 2 });
        assert.ok(E.isRight(firstTwo));
        assert.deepEqual(idsOf(firstTwo.right), [events[0].id, events[1].id]);
      });

      it('stores a copy: changing an appended or a read object changes nothing stored', async (store) => {
        const stream = `${uniquePrefix()}s`;
        const data = { list: [1, 2], inner: { credits: '10' } };
        const event = { ...newEvent('Opened'), data };
        await appended(store, stream, [event], 'no_stream');
        data.list.push(3);
        data.inner.credits = '999';
        const first = (await streamOf(store, stream))[0] as RecordedEvent;
        // A store may hand out fresh copies or frozen objects: either the change is refused or it stays local.
        const tryTo = (change: () => void) => { try { change(); } catch (error) { assert.ok(error instanceof TypeError, `a refused change must be a TypeError, got ${String(error)}`); } };
        tryTo(() => (first.data.list as Json[]).push(4));
        tryTo(() => { (first.metadata as { actor: string }).actor = 'tampered'; });
        const again = (await streamOf(store, stream))[0] as RecordedEvent;
        assert.deepEqual(again.data, { list: [1, 2], inner: { credits: '10' } });
        assert.equal(again.metadata.actor, 'system:contract');
      });
    });

    describe('reading $all', () => {
      it('keeps one global order across streams: positions strictly increase in append order and match the append results', async (store) => {
        const prefix = uniquePrefix();
        const plan = [`${prefix}a`, `${prefix}b`, `${prefix}a`, `${prefix}c`, `${prefix}b`, `${prefix}a`];
        const appendedEvents: { id: string; position: GlobalPosition; stream: string }[] = [];
        for (const stream of plan) {
          const e = newEvent('Changed');
          const result = await appended(store, stream, [e]);
          appendedEvents.push({ id: e.id, position: result.position, stream });
        }
        const all = await allOf(store, { filter: { streamPrefixes: [prefix] } });
        assert.deepEqual(all.map(({ id, position, stream }) => ({ id, position, stream })), appendedEvents);
        for (let i = 1; i < all.length; i++) assert.ok((all[i - 1] as RecordedEvent).position < (all[i] as RecordedEvent).position);
        assert.deepEqual(all.filter((e) => e.stream === `${prefix}a`).map((e) => e.revision), [0n, 1n, 2n]);
      });

      it('reads after a position, never the event at it (a checkpoint is exclusive)', async (store) => {
        const prefix = uniquePrefix();
        const events = [newEvent('Changed'), newEvent('Changed'), newEvent('Changed')] as const;
        const positions: GlobalPosition[] = [];
        for (const e of events) positions.push((await appended(store, `${prefix}s`, [e])).position);
        assert.deepEqual(idsOf(await allOf(store, { fromPosition: positions[0], filter: { streamPrefixes: [prefix] } })), [events[1].id, events[2].id]);
        assert.deepEqual(idsOf(await allOf(store, { fromPosition: positions[2], filter: { streamPrefixes: [prefix] } })), []);
      });

      it('filters by stream prefix', async (store) => {
        const prefix = uniquePrefix();
        const pack = newEvent('Changed');
        const order = newEvent('Changed');
        const otherPack = newEvent('Changed');
        await appended(store, `${prefix}pack-1`, [pack]);
        await appended(store, `${prefix}order-1`, [order]);
        await appended(store, `${prefix}pack-2`, [otherPack]);
        assert.deepEqual(idsOf(await allOf(store, { filter: { streamPrefixes: [`${prefix}pack-`] } })), [pack.id, otherPack.id]);
        assert.deepEqual(idsOf(await allOf(store, { filter: { streamPrefixes: [`${prefix}order-`, `${prefix}pack-2`] } })), [order.id, otherPack.id]);
      });

      it('filters by event type', async (store) => {
        const prefix = uniquePrefix();
        const opened = `${prefix.replace(/-/g, '')}Opened`;
        const closed = `${prefix.replace(/-/g, '')}Closed`;
        const a = newEvent(opened);
        const b = newEvent(closed);
        const c = newEvent(opened);
        await appended(store, `${prefix}x`, [a, b]);
        await appended(store, `${prefix}y`, [c]);
        assert.deepEqual(idsOf(await allOf(store, { filter: { eventTypes: [opened] } })), [a.id, c.id]);
        assert.deepEqual(idsOf(await allOf(store, { filter: { eventTypes: [closed], streamPrefixes: [`${prefix}x`] } })), [b.id]);
        assert.deepEqual(idsOf(await allOf(store, { filter: { eventTypes: [closed], streamPrefixes: [`${prefix}y`] } })), []);
      });

      it('reads at most maxCount matching events', async (store) => {
        const prefix = uniquePrefix();
        const events = [newEvent('Changed'), newEvent('Changed'), newEvent('Changed')] as const;
        await appended(store, `${prefix}s`, events);
        assert.deepEqual(idsOf(await allOf(store, { filter: { streamPrefixes: [prefix] }, maxCount: 2 })), [events[0].id, events[1].id]);
      });
    });

    describe('subscribing to $all', () => {
      it('catches up, signals caught_up once, then delivers live events in order', async (store) => {
        const prefix = uniquePrefix();
        const before = [newEvent('Changed'), newEvent('Changed')] as const;
        await appended(store, `${prefix}a`, before);
        const s = subscribe(store, { filter: { streamPrefixes: [prefix] } });
        await s.caughtUp();
        const live = [newEvent('Changed'), newEvent('Changed'), newEvent('Changed')] as const;
        await appended(store, `${prefix}b`, [live[0]]);
        await appended(store, `${prefix}a`, [live[1], live[2]]);
        await s.received(5);
        await s.subscription.stop();
        assert.deepEqual(
          s.messages.map((m) => (m.kind === 'event' ? m.event.id : 'caught_up')),
          [before[0].id, before[1].id, 'caught_up', live[0].id, live[1].id, live[2].id],
        );
      });

      it('signals caught_up even when there is nothing to catch up on', async (store) => {
        const s = subscribe(store, { filter: { streamPrefixes: [uniquePrefix()] } });
        await s.caughtUp();
        await s.subscription.stop();
        assert.deepEqual(s.messages, [{ kind: 'caught_up' }]);
      });

      it('delivers to a subscriber one message at a time, never the next before the handler has finished', async (store) => {
        const prefix = uniquePrefix();
        await appended(store, `${prefix}a`, [newEvent('Changed'), newEvent('Changed'), newEvent('Changed')]);
        const s = subscribe(store, { filter: { streamPrefixes: [prefix] } });
        await s.caughtUp();
        await Promise.all([appended(store, `${prefix}b`, [newEvent('Changed'), newEvent('Changed')]), appended(store, `${prefix}c`, [newEvent('Changed')])]);
        await s.received(6);
        await s.subscription.stop();
        assert.equal(s.mostActive(), 1);
      });

      it('applies its filter to catch-up and live events alike', async (store) => {
        const prefix = uniquePrefix();
        const wanted = `${prefix.replace(/-/g, '')}Wanted`;
        const a = newEvent(wanted);
        await appended(store, `${prefix}pack-1`, [a, newEvent('Other')]);
        await appended(store, `${prefix}order-1`, [newEvent(wanted)]);
        const s = subscribe(store, { filter: { streamPrefixes: [`${prefix}pack-`], eventTypes: [wanted] } });
        await s.caughtUp();
        const b = newEvent(wanted);
        await appended(store, `${prefix}order-2`, [newEvent(wanted)]);
        await appended(store, `${prefix}pack-2`, [newEvent('Other'), b]);
        await s.sawEvent(b.id);
        await s.subscription.stop();
        assert.deepEqual(idsOf(s.events()), [a.id, b.id]);
      });

      it('resuming from any checkpoint delivers exactly the events after it: none twice, none skipped', async (store) => {
        const prefix = uniquePrefix();
        const marker = await appended(store, `${prefix}marker`, [newEvent('Marker')]);
        const events: { id: string; position: GlobalPosition }[] = [];
        for (const stream of ['a', 'b', 'a', 'c', 'b', 'a']) {
          const e = newEvent('Changed');
          events.push({ id: e.id, position: (await appended(store, `${prefix}${stream}`, [e])).position });
        }
        const filter = { streamPrefixes: [`${prefix}a`, `${prefix}b`, `${prefix}c`] };
        const checkpoints = [marker.position, ...events.map((e) => e.position)];
        for (const [k, checkpoint] of checkpoints.entries()) {
          const s = subscribe(store, { fromPosition: checkpoint, filter });
          await s.caughtUp();
          await s.subscription.stop();
          assert.deepEqual(idsOf(s.events()), idsOf(events.slice(k)), `resuming after checkpoint ${k}`);
        }
      });

      it('stopped at any point and resumed from its checkpoint while writers keep appending, it neither repeats nor skips an event', async (store) => {
        const total = 6;
        for (let stopAfter = 1; stopAfter <= total; stopAfter++) {
          const prefix = uniquePrefix();
          const marker = await appended(store, `${prefix}marker`, [newEvent('Marker')]);
          const filter = { streamPrefixes: [`${prefix}a`, `${prefix}b`] };
          const written: string[] = [];
          const write = async (count: number): Promise<void> => {
            for (let i = 0; i < count; i++) {
              const e = newEvent('Changed');
              written.push(e.id);
              await appended(store, `${prefix}${i % 2 === 0 ? 'a' : 'b'}`, [e]);
            }
          };
          await write(total / 2);
          // The handler stops its own subscription (without awaiting, as stop() asks) once it has seen `stopAfter` events.
          const stopper: { stop?: () => Promise<void> } = {};
          const first = subscribe(store, { fromPosition: marker.position, filter }, (_event, seen) => {
            if (seen === stopAfter) void stopper.stop?.();
          });
          stopper.stop = () => first.subscription.stop();
          await write(total / 2);
          const closed = await first.subscription.closed;
          assert.equal(closed.reason, 'stopped');
          const delivered = first.events();
          assert.ok(delivered.length >= stopAfter, `stopped after ${delivered.length} events, before the ${stopAfter} it handled`);
          assert.equal(closed.checkpoint, (delivered[delivered.length - 1] as RecordedEvent).position, 'the checkpoint is the position of the last event handled');
          // Every write has finished: once caught up, the second subscription has everything after the checkpoint.
          const second = subscribe(store, { fromPosition: closed.checkpoint, filter });
          await second.caughtUp();
          await second.subscription.stop();
          assert.deepEqual([...idsOf(delivered), ...idsOf(second.events())], written, `stopping after ${stopAfter} events`);
        }
      });

      it('delivers nothing once stop() has resolved', async (store) => {
        const prefix = uniquePrefix();
        const s = subscribe(store, { filter: { streamPrefixes: [prefix] } });
        await s.caughtUp();
        await s.subscription.stop();
        await appended(store, `${prefix}a`, [newEvent('Changed')]);
        const witness = subscribe(store, { filter: { streamPrefixes: [prefix] } });
        await witness.received(1);
        await witness.subscription.stop();
        assert.deepEqual(s.events(), []);
        assert.equal((await s.subscription.closed).reason, 'stopped');
      });

      it('a handler that throws ends the subscription as handler_failed, with the checkpoint of the last event it handled', async (store) => {
        const prefix = uniquePrefix();
        const events = [newEvent('Changed'), newEvent('Poison'), newEvent('Changed')] as const;
        const results = [];
        for (const e of events) results.push(await appended(store, `${prefix}a`, [e]));
        const handled: string[] = [];
        const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } }, (m) => {
          if (m.kind !== 'event') return;
          if (m.event.type === 'Poison') throw new Error('cannot handle poison');
          handled.push(m.event.id);
        });
        const closed = await subscription.closed;
        assert.equal(closed.reason, 'handler_failed');
        assert.equal(closed.checkpoint, (results[0] as AppendResult).position);
        assert.ok(closed.reason === 'handler_failed' && closed.error instanceof Error && closed.error.message === 'cannot handle poison');
        assert.deepEqual(handled, [events[0].id]);
      });
    });
  });
};
