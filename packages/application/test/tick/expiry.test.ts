import * as E from 'fp-ts/Either';
import type { Instant } from '@packledger/domain';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  dueExpiryWork,
  expirySource,
  openPacksFromEventScan,
  tick,
  warningDueAt,
  type TickWorkReport,
} from '@packledger/application';
import { WARNINGS, consume, history, issue, packCommand, packsOf, sales } from './fixtures';

const at = (s: string) => s as Instant;
const pack = (expiresAt: string, remaining = '40') => ({ packId: 'p1', expiresAt: at(expiresAt), remaining });
const ids = (steps: readonly { readonly commandId: string }[]) => steps.map((s) => s.commandId);

describe('what is due for a pack', () => {
  test.each([
    ['before any warning window opens', '2026-06-30T09:59:59.999Z', []],
    ['the 30-day window has opened', '2026-07-01T10:00:00.000Z', ['warn:p1:before_expiry:30']],
    ['both windows have opened: only the most urgent warning', '2026-07-25T00:00:00.000Z', ['warn:p1:before_expiry:7']],
    ['a millisecond before the expiry instant: no expiry yet', '2026-07-31T09:59:59.999Z', ['warn:p1:before_expiry:7']],
    ['at the expiry instant: the warning after expiry, then the expiry', '2026-07-31T10:00:00.000Z', ['warn:p1:after_expiry', 'expire:p1']],
    ['days after the expiry (downtime): the same, no stale warnings', '2026-08-20T00:00:00.000Z', ['warn:p1:after_expiry', 'expire:p1']],
  ])('%s', (_rule, now, expected) => {
    expect(ids(dueExpiryWork(pack('2026-07-31T10:00:00.000Z'), at(now), WARNINGS))).toEqual(expected);
  });

  test('a warning as urgent or more already recorded is not followed by a less urgent one (a clock running late)', () => {
    const warned = { ...pack('2026-07-31T10:00:00.000Z'), warningsRecorded: ['before_expiry:7'] };
    expect(ids(dueExpiryWork(warned, at('2026-07-20T00:00:00.000Z'), WARNINGS))).toEqual([]);
    expect(ids(dueExpiryWork({ ...warned, warningsRecorded: ['before_expiry:30'] }, at('2026-07-25T00:00:00.000Z'), WARNINGS))).toEqual(['warn:p1:before_expiry:7']);
    expect(ids(dueExpiryWork({ ...warned, warningsRecorded: ['after_expiry'] }, at('2026-08-01T00:00:00.000Z'), WARNINGS))).toEqual(['expire:p1']);
  });

  test('a pack with nothing left gets no warning, and still expires', () => {
    expect(ids(dueExpiryWork(pack('2026-07-31T10:00:00.000Z', '0'), at('2026-07-30T00:00:00.000Z'), WARNINGS))).toEqual([]);
    expect(ids(dueExpiryWork(pack('2026-07-31T10:00:00.000Z', '0'), at('2026-07-31T10:00:00.000Z'), WARNINGS))).toEqual(['expire:p1']);
  });

  test.each([
    ['Feb 29 2028, 30 days before', '2028-02-29T00:00:00.000Z', 30, '2028-01-30T00:00:00.000Z'],
    ['Mar 1 2028, 1 day before: the leap day', '2028-03-01T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
    ['Mar 1 2027, 1 day before: Feb 28', '2027-03-01T00:00:00.000Z', 1, '2027-02-28T00:00:00.000Z'],
    ['Jan 1 2028, 7 days before: across the year end', '2028-01-01T00:00:00.000Z', 7, '2027-12-25T00:00:00.000Z'],
    ['Dec 31 2027 23:59:59, 30 days before', '2027-12-31T23:59:59.000Z', 30, '2027-12-01T23:59:59.000Z'],
  ])('a warning falls due whole days before the expiry: %s', (_case, expiresAt, daysBefore, dueAt) => {
    expect(warningDueAt(at(expiresAt), { type: 'before_expiry', daysBefore })).toBe(dueAt);
  });
});

describe('the expiry source in a tick', () => {
  const setUp = async () => {
    const store = new InMemoryEventStore();
    const send = packsOf(store);
    await send(issue('p1', '2026-01-31T10:00:00Z', { type: 'monthsAfterIssue', months: 6 }), 'issue-p1');
    const expiry = expirySource({ store, packs: openPacksFromEventScan(store), warnings: WARNINGS });
    const run = async (now: string): Promise<readonly TickWorkReport[]> => (await tick(now, { sources: [expiry] })).sources[0]?.work ?? [];
    return { store, send, run };
  };

  test('a warning is recorded once, however often the tick runs in its window', async () => {
    const { store, run } = await setUp();
    expect((await run('2026-07-02T00:00:00Z')).map((w) => [w.id, w.outcome.kind])).toEqual([['warn:p1:before_expiry:30', 'done']]);
    expect(await run('2026-07-02T00:00:00Z')).toEqual([]);
    expect(await run('2026-07-10T00:00:00Z')).toEqual([]);
    expect(await history(store, 'p1')).toEqual(['CreditPackIssued', 'ExpiryWarningRecorded before_expiry:30']);
  });

  test('the pack expires once, at or after its expiry instant, and never before', async () => {
    const { store, run } = await setUp();
    await run('2026-07-31T09:59:59.999Z');
    expect(await history(store, 'p1')).not.toContain('CreditPackExpired');
    await run('2026-07-31T10:00:00Z');
    await run('2026-07-31T10:00:00Z');
    await run('2026-08-02T00:00:00Z');
    const events = await history(store, 'p1');
    expect(events.filter((e) => e === 'CreditPackExpired')).toHaveLength(1);
  });

  test('after days of downtime the tick catches up in order: the warning after expiry, then the expiry', async () => {
    const { store, run } = await setUp();
    const work = await run('2026-08-15T00:00:00Z');
    expect(work.map((w) => [w.id, w.outcome.kind])).toEqual([['warn:p1:after_expiry', 'done'], ['expire:p1', 'done']]);
    expect(await history(store, 'p1')).toEqual(['CreditPackIssued', 'ExpiryWarningRecorded after_expiry', 'CreditPackExpired']);
    expect(await run('2026-08-16T00:00:00Z')).toEqual([]);
  });

  test('a pack cancelled before its expiry is neither warned nor expired', async () => {
    const { store, send, run } = await setUp();
    await send(packCommand({ type: 'CancelPack', packId: 'p1', reason: 'Order cancelled', actor: sales, at: '2026-03-01T00:00:00Z' }), 'cancel-p1');
    expect(await run('2026-09-01T00:00:00Z')).toEqual([]);
    expect(await history(store, 'p1')).toEqual(['CreditPackIssued', 'CreditPackCancelled']);
  });

  test('a used-up pack expires without warnings', async () => {
    const { store, send, run } = await setUp();
    await send(consume('p1', 'use-1', '40', '2026-02-10T12:00:00Z'), 'use-1');
    await run('2026-07-25T00:00:00Z');
    await run('2026-08-01T00:00:00Z');
    expect(await history(store, 'p1')).toEqual(['CreditPackIssued', 'CreditsConsumed', 'CreditPackExhausted', 'CreditPackExpired']);
  });

  test('no credits are used after the expiry instant, even when no tick has run', async () => {
    const { store } = await setUp();
    const refused = await commandHandler(store, creditPackAggregate)(consume('p1', 'late', '1', '2026-07-31T10:00:00Z'), { commandId: 'late' });
    expect(E.isLeft(refused) && refused.left.kind === 'refused' && refused.left.refusal.code).toBe('pack_expired');
    expect(await history(store, 'p1')).toEqual(['CreditPackIssued']);
  });
});

describe('tick', () => {
  test('refuses an instant it cannot read', async () => {
    await expect(tick('yesterday', { sources: [] })).rejects.toThrow(TypeError);
  });

  test('runs a source\'s work oldest first, reports a failing piece and goes on', async () => {
    const done: string[] = [];
    const report = await tick('2026-01-10T00:00:00Z', {
      sources: [
        { name: 'broken', due: () => Promise.reject(new Error('view store down')) },
        {
          name: 'bills',
          due: async () => [
            { id: 'b', dueAt: at('2026-01-05T00:00:00.000Z'), run: async () => { done.push('b'); return { kind: 'done', events: ['X'] }; } },
            { id: 'fails', dueAt: at('2026-01-02T00:00:00.000Z'), run: () => Promise.reject(new Error('store down')) },
            { id: 'a', dueAt: at('2026-01-01T00:00:00.000Z'), run: async () => { done.push('a'); return { kind: 'already_done' }; } },
          ],
        },
      ],
    });
    expect(done).toEqual(['a', 'b']);
    expect(report.sources).toEqual([
      { name: 'broken', work: [], error: 'view store down' },
      {
        name: 'bills',
        work: [
          { id: 'a', dueAt: '2026-01-01T00:00:00.000Z', outcome: { kind: 'already_done' } },
          { id: 'fails', dueAt: '2026-01-02T00:00:00.000Z', outcome: { kind: 'failed', error: 'store down' } },
          { id: 'b', dueAt: '2026-01-05T00:00:00.000Z', outcome: { kind: 'done', events: ['X'] } },
        ],
      },
    ]);
  });
});
