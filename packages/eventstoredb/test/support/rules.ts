// The rules of the EventStoreDB adapter beyond the shared contract, run against each client over
// the in-process test server. Each test file imports one client's harness and passes it here.
import { randomUUID } from 'node:crypto';
import {
  commandHandler,
  creditPackAggregate,
  eventIdFor,
  type EventToAppend,
  type GlobalPosition,
  type RecordedEvent,
  type SubscriptionClosed,
  type SubscriptionMessage,
} from '@packledger/application';
import { decodeCreditPackCommand, type CreditPackCommand } from '@packledger/domain';
import { StreamTombstoned, type EventStoreDbStore, type EventStoreDbStoreOptions, type ReconnectAttempt } from '@packledger/eventstoredb';
import { InMemoryReadModelStore, availableToClient, creditBalances, eventDecoder, packledgerStreams, startProjections, type CreditBalance } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import type { Harness, HarnessOptions, StartHarness } from './harness';

const runId = randomUUID().slice(0, 8);
let counter = 0;
const unique = (): string => `rules${runId}x${++counter}-`;

const newEvent = (type = 'Changed', id: string = randomUUID()): EventToAppend => ({
  id,
  type,
  data: { n: ++counter },
  metadata: { schemaVersion: 1, commandId: `command-${counter}`, correlationId: runId, causationId: `command-${counter}`, actor: 'system:rules', occurredAt: '2026-01-31T10:00:00.000Z' },
});

const right = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left: ${e.left.message}`);
  return e.right;
};

const appended = async (store: EventStoreDbStore, stream: string, events: readonly [EventToAppend, ...EventToAppend[]]): Promise<GlobalPosition> =>
  right(await store.append(stream, events, { expectedRevision: 'any' })).position;

const idsOf = (events: readonly { readonly id: string }[]): string[] => events.map((e) => e.id);

const allOf = async (store: EventStoreDbStore, streamPrefixes?: string[]): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll(streamPrefixes === undefined ? {} : { filter: { streamPrefixes } })) out.push(e);
  return out;
};

/** Something a test starts that keeps running until stopped: a subscription, a projection runner. */
interface Running {
  stop(): Promise<void>;
}

/**
 * A harness whose `dispose` first stops what the test opened on it. A test that fails before it
 * stops its subscription would otherwise leave it reconnecting, with backoff, for ever: Jest could
 * not exit.
 */
interface TestHarness extends Harness {
  /** Registers `running`, to be stopped (again, if the test stopped it) before the client and the server are disposed. */
  opened<R extends Running>(running: R): R;
}

const tracked = (harness: Harness): TestHarness => {
  const open: Running[] = [];
  return {
    ...harness,
    opened: (running) => {
      open.push(running);
      return running;
    },
    dispose: async () => {
      await Promise.allSettled(open.splice(0).map((running) => running.stop()));
      await harness.dispose();
    },
  };
};

/** A subscription that records its messages and lets a test wait, without timers, for what it expects. */
const record = (h: TestHarness, options: Parameters<EventStoreDbStore['subscribeToAll']>[0], onEvent?: (event: RecordedEvent, seen: number) => void | Promise<void>) => {
  const messages: SubscriptionMessage[] = [];
  const waiters: { until: () => boolean; resolve: () => void }[] = [];
  const events = (): RecordedEvent[] => messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  const subscription = h.opened(h.store.subscribeToAll(options, async (message) => {
    messages.push(message);
    if (message.kind === 'event') await onEvent?.(message.event, events().length);
    for (const w of [...waiters]) if (w.until()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  }));
  const until = (condition: () => boolean): Promise<void> => (condition() ? Promise.resolve() : new Promise((resolve) => waiters.push({ until: condition, resolve })));
  return {
    subscription,
    messages,
    events,
    shape: (): string[] => messages.map((m) => (m.kind === 'event' ? m.event.id : 'caught_up')),
    caughtUp: () => until(() => messages.some((m) => m.kind === 'caught_up')),
    received: (count: number) => until(() => events().length >= count),
  };
};

/** A `sleep` for the reconnect policy that records each delay and runs `then` before returning. */
const recordingSleep = (then: (delays: number[]) => Promise<void> | void) => {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => { delays.push(ms); await then(delays); } };
};

const credits = (json: Record<string, unknown>): CreditPackCommand => {
  const decoded = decodeCreditPackCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};
const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
const issuePack = (packId: string, amount: string) => credits({
  type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: 'Production pack', owner: { type: 'office', officeId: 'london', companyId: `acme-${packId}` },
  credits: amount, price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'], relationshipManagerId: 'sam', projectManagerId: 'pat',
  invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: 6 }, actor: sales, at: '2026-01-31T10:00:00.000Z',
});
const consume = (packId: string, consumptionId: string, amount: string) => credits({
  type: 'ConsumeCredits', packId, consumptionId, credits: amount, productId: 'edit-day',
  project: { projectId: 'brand-film', companyId: `acme-${packId}`, officeId: 'london', contactUserIds: [] },
  actor: { kind: 'staff', userId: 'pat', roles: ['project_manager'] }, at: '2026-02-10T12:00:00.000Z',
});

/** Declares the adapter's rules for the client `start` connects. */
export const adapterRules = (clientName: string, startClient: StartHarness): void => {
  const start = async (options: HarnessOptions, storeOptions: EventStoreDbStoreOptions): Promise<TestHarness> => tracked(await startClient(options, storeOptions));
  const withHarness = (options: HarnessOptions, storeOptions: EventStoreDbStoreOptions, body: (h: TestHarness) => Promise<void>) => async () => {
    const harness = await start(options, storeOptions);
    try {
      await body(harness);
    } finally {
      await harness.dispose();
    }
  };
  const given = (body: (h: TestHarness) => Promise<void>) => withHarness({}, {}, body);

  describe(`EventStoreDB adapter over ${clientName}`, () => {
    describe('optimistic concurrency is really enforced', () => {
      it('the raw client silently ignores the other client package’s option name and appends with no check (the trap)', given(async (h) => {
        const stream = `${unique()}pack`;
        right(await h.store.append(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' }));
        // "no_stream" on a stream that has an event, under the wrong name: written anyway, as "any".
        expect(await h.appendWithTheOtherClientsOption(stream, 'Opened', 'no_stream')).toBe(1n);
        expect(await h.appendWithTheOtherClientsOption(stream, 'Opened', 7n)).toBe(2n);
      }));

      it('the adapter refuses a second creation of a stream (no_stream) and names the actual revision', given(async (h) => {
        const stream = `${unique()}pack`;
        right(await h.store.append(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' }));
        const again = await h.store.append(stream, [newEvent('Opened')], { expectedRevision: 'no_stream' });
        expect(E.isLeft(again) && again.left).toMatchObject({ code: 'wrong_expected_version', facts: { stream, expected: 'no_stream', actual: 0n } });
      }));

      it('the adapter refuses an exact revision the stream has moved past, through Append as well as BatchAppend', withHarness({ server: { batchAppend: false } }, {}, async (h) => {
        const stream = `${unique()}pack`;
        right(await h.store.append(stream, [newEvent('Opened'), newEvent('Changed')], { expectedRevision: 'no_stream' }));
        const stale = await h.store.append(stream, [newEvent('Changed')], { expectedRevision: 0n });
        expect(E.isLeft(stale) && stale.left).toMatchObject({ code: 'wrong_expected_version', facts: { stream, expected: 0n, actual: 1n } });
        expect(E.isLeft(await h.store.append(`${unique()}none`, [newEvent('Changed')], { expectedRevision: 'stream_exists' }))).toBe(true);
      }));

      it('with a client told not to throw on append failures (throwOnAppendFailure=false), a conflict is still wrong_expected_version naming the actual revision', given(async (h) => {
        const lenient = h.connectAgain('throwOnAppendFailure=false');
        try {
          const stream = `${unique()}pack`;
          right(await lenient.store.append(stream, [newEvent('Opened'), newEvent('Changed')], { expectedRevision: 'no_stream' }));
          const stale = await lenient.store.append(stream, [newEvent('Changed')], { expectedRevision: 0n });
          expect(E.isLeft(stale) && stale.left.facts).toEqual({ stream, expected: 0n, actual: 1n });
        } finally {
          await lenient.dispose();
        }
      }));

      it('refuses to be built over a client of the other package, whose expected revisions it would not send', given(async (h) => {
        expect(() => h.buildWithTheOtherFactory()).toThrow(TypeError);
      }));
    });

    describe('event ids from the command id make retries safe', () => {
      it('an append retried with the same event ids and the same expected revision is written once and answers as the first did', given(async (h) => {
        const stream = `${unique()}pack`;
        const events = [newEvent('Opened', eventIdFor(stream, 'cmd-1', 0)), newEvent('Changed', eventIdFor(stream, 'cmd-1', 1))] as const;
        const first = right(await h.store.append(stream, events, { expectedRevision: 'no_stream' }));
        const retry = right(await h.store.append(stream, events, { expectedRevision: 'no_stream' }));
        expect(retry).toEqual(first);
        const retryAny = right(await h.store.append(stream, events, { expectedRevision: 'any' }));
        expect(retryAny).toEqual(first);
        expect(idsOf(right(await h.store.readStream(stream)))).toEqual(idsOf(events));
      }));

      it('a retry whose ids match only in part is refused as a wrong expected version, as EventStoreDB does', given(async (h) => {
        const stream = `${unique()}pack`;
        const a = newEvent('Opened');
        right(await h.store.append(stream, [a, newEvent('Changed')], { expectedRevision: 'no_stream' }));
        const partial = await h.store.append(stream, [a, newEvent('Changed')], { expectedRevision: 'no_stream' });
        expect(E.isLeft(partial) && partial.left.code).toBe('wrong_expected_version');
      }));

      it('an append whose answer was lost is written once: the retry is deduplicated by the server, and the command handler reports the first outcome', given(async (h) => {
        const packId = unique().slice(0, -1);
        const handle = commandHandler(h.store, creditPackAggregate);
        h.server.failNextAppend('lost-answer');
        await expect(handle(issuePack(packId, '40'), { commandId: 'issue-1' })).rejects.toMatchObject({ type: 'unavailable' });
        const retried = await handle(issuePack(packId, '40'), { commandId: 'issue-1' });
        expect(E.isRight(retried) && retried.right).toMatchObject({ duplicate: true, nextRevision: 0n });
        const stream = `creditPack-${packId}`;
        const stored = right(await h.store.readStream(stream));
        expect(stored.map((e) => e.id)).toEqual([eventIdFor(stream, 'issue-1', 0)]);
        // The server's own deduplication: the same append again, same ids, same expected revision.
        const again = await h.store.append(stream, [{ ...(stored[0] as RecordedEvent) }], { expectedRevision: 'no_stream' });
        expect(right(again)).toEqual({ nextRevision: 0n, position: (stored[0] as RecordedEvent).position });
      }));
    });

    describe('reading $all', () => {
      it('filters on the server by stream-name prefix and never reads a $ce- category stream', given(async (h) => {
        const prefix = unique();
        const wanted = newEvent();
        await appended(h.store, `${prefix}pack-1`, [wanted]);
        await appended(h.store, `${prefix}order-1`, [newEvent()]);
        const before = h.server.reads.length;
        expect(idsOf(await allOf(h.store, [`${prefix}pack-`]))).toEqual([wanted.id]);
        const reads = h.server.reads.slice(before);
        expect(reads.length).toBeGreaterThan(0);
        expect(reads.every((r) => r.target === 'all')).toBe(true);
        expect(reads.some((r) => r.filter?.on === 'stream' && r.filter.prefixes.includes(`${prefix}pack-`))).toBe(true);
        expect(h.server.reads.some((r) => r.stream?.startsWith('$ce-') === true)).toBe(false);
      }));

      it('never gives readers system events: the server’s own, soft-delete metadata, tombstones', given(async (h) => {
        const prefix = unique();
        await appended(h.store, `${prefix}pack-1`, [newEvent()]);
        await appended(h.store, `${prefix}pack-2`, [newEvent()]);
        right(await h.store.deleteStream(`${prefix}pack-1`));
        right(await h.store.deleteStream(`${prefix}pack-2`, { tombstone: true }));
        const everything = await allOf(h.store);
        expect(everything.length).toBeGreaterThan(0);
        expect(everything.filter((e) => e.type.startsWith('$') || e.stream.startsWith('$'))).toEqual([]);
        expect(h.server.log.all.some((e) => e.type === '$metadata' && e.stream === `$$${prefix}pack-1`)).toBe(true);
        expect((await allOf(h.store, [prefix])).map((e) => e.type)).toEqual(['Changed', 'Changed']);
      }));
    });

    describe('subscriptions for the projection runner', () => {
      it('subscribes with a server-side stream-prefix filter and takes checkpoints from checkpointReached, past events it skips', async () => {
        let skippedUpTo = -1n;
        let searchedPast: () => void = () => undefined;
        const searched = new Promise<void>((resolve) => { searchedPast = resolve; });
        const checkpoints: GlobalPosition[] = [];
        const onCheckpoint = (p: GlobalPosition): void => {
          checkpoints.push(p);
          if (skippedUpTo >= 0n && p >= skippedUpTo) searchedPast();
        };
        const h = await start({}, { subscriptions: { maxSearchWindow: 1, checkpointInterval: 1, onCheckpoint } });
        try {
          const prefix = unique();
          const wanted = newEvent();
          const wantedAt = await appended(h.store, `${prefix}pack-1`, [wanted]);
          for (let i = 0; i < 6; i++) skippedUpTo = await appended(h.store, `${prefix}other-${i}`, [newEvent()]);
          const s = record(h, { filter: { streamPrefixes: [`${prefix}pack-`] } });
          await s.caughtUp();
          expect(h.server.reads.some((r) => r.subscription && r.filter?.on === 'stream' && r.filter.prefixes.includes(`${prefix}pack-`))).toBe(true);
          // The server searched past the skipped events and said so: the subscription can resume after them.
          await searched;
          expect(s.subscription.resumePosition).toBeGreaterThanOrEqual(skippedUpTo);
          expect(checkpoints).toContain(wantedAt);
          await s.subscription.stop();
          expect(s.shape()).toEqual([wanted.id, 'caught_up']);
          // What the port reports is the last event the handler finished.
          expect((await s.subscription.closed).checkpoint).toBe(wantedAt);
        } finally {
          await h.dispose();
        }
      });

      it('signals caught_up after the last stored matching event when the server sends no CaughtUp (before 23.10)', withHarness({ server: { caughtUpMessages: false } }, {}, async (h) => {
        const prefix = unique();
        const before = [newEvent(), newEvent()] as const;
        await appended(h.store, `${prefix}pack-1`, before);
        await appended(h.store, `${prefix}other-1`, [newEvent()]);
        const s = record(h, { filter: { streamPrefixes: [`${prefix}pack-`] } });
        await s.caughtUp();
        const live = newEvent();
        await appended(h.store, `${prefix}pack-2`, [live]);
        await s.received(3);
        await s.subscription.stop();
        expect(s.shape()).toEqual([before[0].id, before[1].id, 'caught_up', live.id]);
        const nothing = record(h, { filter: { streamPrefixes: [`${unique()}none-`] } });
        await nothing.caughtUp();
        await nothing.subscription.stop();
        expect(nothing.shape()).toEqual(['caught_up']);
      }));

      it('without CaughtUp and with more unmatched events at the end than it searches, signals caught_up once the server checkpoints past them', async () => {
        const h = await start({ server: { caughtUpMessages: false } }, { subscriptions: { caughtUpScanLimit: 3, maxSearchWindow: 1 } });
        try {
          const prefix = unique();
          const wanted = [newEvent(), newEvent()] as const;
          await appended(h.store, `${prefix}pack-1`, wanted);
          for (let i = 0; i < 5; i++) await appended(h.store, `${prefix}other-${i}`, [newEvent()]);
          const s = record(h, { filter: { streamPrefixes: [`${prefix}pack-`] } });
          await s.caughtUp();
          await s.subscription.stop();
          expect(s.shape()).toEqual([wanted[0].id, wanted[1].id, 'caught_up']);
        } finally {
          await h.dispose();
        }
      });

      it('when the server dies mid-subscription and comes back, it reconnects with backoff and delivers every event exactly once', async () => {
        const reconnects: ReconnectAttempt[] = [];
        const started: { harness?: Harness } = {};
        let back: () => void = () => undefined;
        const restarted = new Promise<void>((resolve) => { back = resolve; });
        const { delays, sleep } = recordingSleep(async () => {
          // The server is down for the first attempt; it is back for the second.
          if (delays.length !== 2) return;
          await started.harness?.server.restart();
          back();
        });
        const h = await start({}, { subscriptions: { reconnect: { initialDelayMs: 10, maxDelayMs: 1_000, sleep }, onReconnect: (a) => reconnects.push(a) } });
        started.harness = h;
        try {
          const prefix = unique();
          const written: string[] = [];
          for (let i = 0; i < 8; i++) {
            const e = newEvent();
            written.push(e.id);
            await appended(h.store, `${prefix}pack-${i % 3}`, [e]);
          }
          let killed = false;
          const s = record(h, { filter: { streamPrefixes: [`${prefix}pack-`] } }, async (_e, seen) => {
            if (seen === 3 && !killed) {
              killed = true;
              await h.server.kill();
            }
          });
          // caught_up does not say the server is back: the client may have received every stored event
          // and CaughtUp before it noticed the connection was gone (it does on Node 24), and delivers them.
          // The live events are written once the server is back; an append to a dead server fails.
          await s.caughtUp();
          await restarted;
          for (let i = 0; i < 4; i++) {
            const e = newEvent();
            written.push(e.id);
            await appended(h.store, `${prefix}pack-${i % 3}`, [e]);
          }
          await s.received(written.length);
          await s.subscription.stop();
          expect(idsOf(s.events())).toEqual(written);
          expect(s.messages.filter((m) => m.kind === 'caught_up')).toHaveLength(1);
          expect(delays.slice(0, 2)).toEqual([10, 20]);
          expect(reconnects.length).toBeGreaterThanOrEqual(2);
          expect((await s.subscription.closed).reason).toBe('stopped');
        } finally {
          await h.dispose();
        }
      });

      it('gives up after maxAttempts failed reconnections in a row and ends as dropped, with the checkpoint of the last event handled', async () => {
        const { delays, sleep } = recordingSleep(() => undefined);
        const h = await start({}, { subscriptions: { reconnect: { initialDelayMs: 5, maxAttempts: 3, sleep } } });
        try {
          const prefix = unique();
          const first = await appended(h.store, `${prefix}pack-1`, [newEvent()]);
          const s = record(h, { filter: { streamPrefixes: [`${prefix}pack-`] } });
          await s.caughtUp();
          await h.server.kill();
          const closed: SubscriptionClosed = await s.subscription.closed;
          expect(closed).toMatchObject({ reason: 'dropped', checkpoint: first });
          expect(delays).toEqual([5, 10, 20]);
        } finally {
          // The server stays down: dispose() stops it for good.
          await h.dispose();
        }
      });

      it('a projection runner fed by it survives a server restart: the view counts every event once', async () => {
        const started: { harness?: Harness } = {};
        let back: () => void = () => undefined;
        const restarted = new Promise<void>((resolve) => { back = resolve; });
        const { sleep } = recordingSleep(async (delays) => {
          if (delays.length !== 1) return;
          await started.harness?.server.restart();
          back();
        });
        const h = await start({}, { subscriptions: { reconnect: { initialDelayMs: 1, sleep } } });
        started.harness = h;
        try {
          const packId = unique().slice(0, -1);
          const handle = commandHandler(h.store, creditPackAggregate);
          right(await handle(issuePack(packId, '40'), { commandId: `${packId}-issue` }) as E.Either<{ message: string }, unknown>);
          right(await handle(consume(packId, 'use-1', '5'), { commandId: `${packId}-use-1` }) as E.Either<{ message: string }, unknown>);
          const readModels = new InMemoryReadModelStore();
          const running = h.opened(await startProjections({ events: h.store, readModels, views: [creditBalances], decode: eventDecoder(packledgerStreams) }));
          await running.caughtUp;
          await h.server.kill();
          // The subscription notices, waits its first backoff delay, in which the server comes back.
          await restarted;
          const outcome = await handle(consume(packId, 'use-2', '7'), { commandId: `${packId}-use-2` });
          const position = E.isRight(outcome) ? outcome.right.position : undefined;
          if (position === undefined) throw new Error('the consumption was not recorded');
          await running.reached(position);
          await running.stop();
          const balances = (await readModels.all('credit_balances')) as unknown as CreditBalance[];
          expect(availableToClient(balances, `acme-${packId}`, '2026-03-01T00:00:00Z')).toBe('28');
        } finally {
          await h.dispose();
        }
      });
    });

    describe('faults on append', () => {
      it('UNAVAILABLE on append: the command handler rejects, nothing is half-written, and the same command succeeds once the server answers', given(async (h) => {
        const packId = unique().slice(0, -1);
        const handle = commandHandler(h.store, creditPackAggregate);
        h.server.failNextAppend('unavailable');
        await expect(handle(issuePack(packId, '40'), { commandId: 'issue-1' })).rejects.toMatchObject({ type: 'unavailable' });
        expect(E.isLeft(await h.store.readStream(`creditPack-${packId}`))).toBe(true);
        const retried = await handle(issuePack(packId, '40'), { commandId: 'issue-1' });
        expect(E.isRight(retried) && retried.right).toMatchObject({ duplicate: false, nextRevision: 0n });
      }));

      it('an append past its deadline rejects as deadline exceeded and writes nothing', withHarness({}, { deadlineMs: 50 }, async (h) => {
        const stream = `${unique()}pack`;
        h.server.failNextAppend('deadline');
        await expect(h.store.append(stream, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ type: 'deadline-exceeded' });
        expect(E.isLeft(await h.store.readStream(stream))).toBe(true);
      }));
    });

    describe('deleting a stream', () => {
      it('soft delete: reads say stream_not_found, and the next append expecting no_stream recreates it, revisions continuing', given(async (h) => {
        const stream = `${unique()}clientPackage`;
        right(await h.store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' }));
        const deleted = right(await h.store.deleteStream(stream, { expectedRevision: 1n }));
        expect(typeof deleted.position).toBe('bigint');
        expect(E.isLeft(await h.store.readStream(stream))).toBe(true);
        const recreated = newEvent();
        expect(right(await h.store.append(stream, [recreated], { expectedRevision: 'no_stream' })).nextRevision).toBe(2n);
        expect(right(await h.store.readStream(stream)).map((e) => [e.id, e.revision])).toEqual([[recreated.id, 2n]]);
      }));

      it('tombstone (delete entirely): the stream can never be read or written again, and deleting it again succeeds', given(async (h) => {
        const stream = `${unique()}clientPackage`;
        right(await h.store.append(stream, [newEvent()], { expectedRevision: 'no_stream' }));
        right(await h.store.deleteStream(stream, { tombstone: true }));
        expect(E.isLeft(await h.store.readStream(stream))).toBe(true);
        await expect(h.store.append(stream, [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamTombstoned);
        expect(right(await h.store.deleteStream(stream, { tombstone: true }))).toEqual({ position: undefined });
      }));

      it('a delete expecting a revision the stream is not at is refused and deletes nothing', given(async (h) => {
        const stream = `${unique()}clientPackage`;
        right(await h.store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' }));
        const refused = await h.store.deleteStream(stream, { expectedRevision: 0n, tombstone: true });
        expect(E.isLeft(refused) && refused.left).toMatchObject({ code: 'wrong_expected_version', facts: { stream, expected: 0n, actual: 1n } });
        expect(right(await h.store.readStream(stream))).toHaveLength(2);
      }));
    });
  });
};
