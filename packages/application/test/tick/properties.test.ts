// Properties of time-driven work with a simulated clock: random packs expiring on month ends
// and leap days, random ticks (sometimes skipped for days, sometimes repeated, sometimes with
// a clock running late), and random uses of credits.
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { addDaysToInstant, epochMs, warningKey, type ExpiryWarning, type Instant } from '@packledger/domain';
import {
  InMemoryEventStore,
  commandHandler,
  creditPackAggregate,
  expirySource,
  openPacksFromCreditBalances,
  openPacksFromEventScan,
  tick,
  type EventStore,
  type OpenPacks,
  type TickReport,
} from '@packledger/application';
import { InMemoryReadModelStore, creditBalances, eventDecoder, packledgerStreams, startProjections } from '@packledger/projections';
import { allEvents, consume, issue } from './fixtures';

const ISSUE_INSTANTS = ['2027-10-31T10:00:00.000Z', '2027-11-30T08:00:00.000Z', '2027-12-31T23:00:00.000Z', '2028-01-31T00:00:00.000Z'];
const FIXED_EXPIRIES = ['2027-12-31T23:59:59.000Z', '2028-01-31T12:00:00.000Z', '2028-02-29T00:00:00.000Z', '2028-02-29T23:59:59.000Z', '2028-03-01T00:00:00.000Z', '2028-12-31T00:00:00.000Z'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const packArb = fc.record({
  issuedAt: fc.constantFrom(...ISSUE_INSTANTS),
  expiry: fc.oneof(
    fc.record({ type: fc.constant('on' as const), at: fc.constantFrom(...FIXED_EXPIRIES) }),
    fc.record({ type: fc.constant('monthsAfterIssue' as const), months: fc.integer({ min: 1, max: 13 }) }),
  ),
  credits: fc.integer({ min: 1, max: 40 }),
});

const warningsArb: fc.Arbitrary<ExpiryWarning[]> = fc.record({
  before: fc.subarray([60, 30, 7, 1]),
  after: fc.boolean(),
}).map(({ before, after }) => [...before.map((daysBefore) => ({ type: 'before_expiry' as const, daysBefore })), ...(after ? [{ type: 'after_expiry' as const }] : [])]);

/** What happens next: the clock moves on and a tick runs (maybe twice, maybe with a clock running late), or someone uses credits. */
const actionArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('tick' as const), advance: fc.oneof(fc.integer({ min: 1, max: 6 * HOUR }), fc.integer({ min: HOUR, max: 3 * DAY }), fc.integer({ min: 3 * DAY, max: 40 * DAY })), twice: fc.boolean(), lateBy: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * DAY }) }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('consume' as const), pack: fc.nat(), credits: fc.integer({ min: 1, max: 15 }), offset: fc.integer({ min: -2 * DAY, max: 2 * DAY }) }) },
);

const scenarioArb = fc.record({
  packs: fc.array(packArb, { minLength: 1, maxLength: 4 }),
  warnings: warningsArb,
  actions: fc.array(actionArb, { minLength: 1, maxLength: 40 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** Where the expiry source learns of open packs: a catch-up scan, or the projections' credit-balances view kept up to date. */
interface Candidates {
  readonly packs: OpenPacks;
  /** Brings the candidates up to date with the store before a tick. */
  readonly catchUp: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

const eventScan = async (store: EventStore): Promise<Candidates> => ({ packs: openPacksFromEventScan(store), catchUp: async () => undefined, stop: async () => undefined });

const creditBalancesView = async (store: EventStore): Promise<Candidates> => {
  const readModels = new InMemoryReadModelStore();
  const running = await startProjections({ events: store, readModels, views: [creditBalances], decode: eventDecoder(packledgerStreams) });
  await running.caughtUp;
  return {
    packs: openPacksFromCreditBalances(readModels),
    catchUp: async () => {
      const events = await allEvents(store);
      const last = events[events.length - 1];
      if (last !== undefined) await running.reached(last.position);
    },
    stop: () => running.stop(),
  };
};

const iso = (ms: number): Instant => new Date(ms).toISOString() as Instant;

const run = async (s: Scenario, candidatesOf: (store: EventStore) => Promise<Candidates>) => {
  const store = new InMemoryEventStore();
  const packs = commandHandler(store, creditPackAggregate);
  const expiresAt: Instant[] = [];
  for (const [i, p] of s.packs.entries()) {
    const expiry = p.expiry.type === 'on' && epochMs(p.expiry.at as Instant) <= epochMs(p.issuedAt as Instant) ? { type: 'monthsAfterIssue', months: 1 } : p.expiry;
    const outcome = await packs(issue(`p${i}`, p.issuedAt, expiry, String(p.credits)), { commandId: `issue-p${i}` });
    if (E.isLeft(outcome) || outcome.right.events[0]?.type !== 'CreditPackIssued') throw new Error('fixture broken');
    expiresAt.push(outcome.right.events[0].data.expiresAt);
  }
  const candidates = await candidatesOf(store);
  const source = expirySource({ store, packs: candidates.packs, warnings: s.warnings });
  const reports: TickReport[] = [];
  const ticks: Instant[] = [];
  const tickAt = async (now: Instant) => {
    await candidates.catchUp();
    ticks.push(now);
    reports.push(await tick(now, { sources: [source] }));
  };
  const attempts: { packIndex: number; at: Instant; accepted: boolean; code: string | undefined }[] = [];
  let clock = Math.max(...s.packs.map((p) => epochMs(p.issuedAt as Instant)));
  for (const [n, action] of s.actions.entries()) {
    if (action.kind === 'tick') {
      clock += action.advance;
      await tickAt(iso(action.lateBy === null ? clock : clock - action.lateBy));
      if (action.twice) await tickAt(iso(clock));
    } else {
      const packIndex = action.pack % s.packs.length;
      const at = iso(clock + action.offset);
      const outcome = await packs(consume(`p${packIndex}`, `use-${n}`, String(action.credits), at), { commandId: `use-${n}` });
      attempts.push({ packIndex, at, accepted: E.isRight(outcome), code: E.isLeft(outcome) && outcome.left.kind === 'refused' ? outcome.left.refusal.code : undefined });
    }
  }
  // The host comes back after everything has expired, and its tick runs twice.
  const end = Math.max(clock, ...expiresAt.map((e) => epochMs(e))) + DAY;
  await tickAt(iso(end));
  const settled = (await allEvents(store)).length;
  await tickAt(iso(end));
  const after = await allEvents(store);
  await candidates.stop();
  return { expiresAt, reports, ticks, attempts, events: after, settled };
};

describe.each([
  ['a catch-up scan of the events', eventScan, 100],
  ['the credit-balances view', creditBalancesView, 40],
] as const)('expiry driven by tick, with candidates from %s', (_name, candidatesOf, numRuns) => {
  test('each pack gets each warning at most once, in its window, and expires exactly once, never before its expiry instant', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async (scenario) => {
      const { expiresAt, events, settled } = await run(scenario, candidatesOf);
      expect(events.length).toBe(settled);
      for (const [i, expiry] of expiresAt.entries()) {
        const stream = events.filter((e) => e.stream === `creditPack-p${i}`);
        const expired = stream.filter((e) => e.type === 'CreditPackExpired');
        expect(expired).toHaveLength(1);
        for (const e of expired) expect(epochMs(e.data.at as Instant)).toBeGreaterThanOrEqual(epochMs(expiry));
        const warnings = stream.filter((e) => e.type === 'ExpiryWarningRecorded');
        const keys = warnings.map((e) => warningKey(e.data.warning as ExpiryWarning));
        expect(new Set(keys).size).toBe(keys.length);
        for (const w of warnings) {
          const warning = w.data.warning as ExpiryWarning;
          const recordedAt = epochMs(w.data.at as Instant);
          if (warning.type === 'before_expiry') {
            expect(recordedAt).toBeGreaterThanOrEqual(epochMs(addDaysToInstant(expiry, -warning.daysBefore)));
            expect(recordedAt).toBeLessThan(epochMs(expiry));
            // Before-expiry warnings come before the expiry, the most urgent last.
            expect(stream.indexOf(w)).toBeLessThan(stream.indexOf(expired[0] as typeof w));
          } else {
            expect(recordedAt).toBeGreaterThanOrEqual(epochMs(expiry));
          }
        }
        const before = warnings.map((w) => w.data.warning as ExpiryWarning).flatMap((w) => (w.type === 'before_expiry' ? [w.daysBefore] : []));
        expect(before).toEqual([...before].sort((a, b) => b - a));
      }
    }), { numRuns });
  });

  test('a warning is not lost: a never-used pack gets its most urgent warning when a tick runs in that window before it expires, and the one after expiry', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async (scenario) => {
      const { expiresAt, attempts, events, ticks } = await run(scenario, candidatesOf);
      const before = scenario.warnings.flatMap((w) => (w.type === 'before_expiry' ? [w.daysBefore] : []));
      const mostUrgent = before.length === 0 ? undefined : Math.min(...before);
      for (const [i, expiry] of expiresAt.entries()) {
        if (attempts.some((a) => a.packIndex === i && a.accepted)) continue;
        const keys = events.filter((e) => e.stream === `creditPack-p${i}` && e.type === 'ExpiryWarningRecorded').map((e) => warningKey(e.data.warning as ExpiryWarning));
        // Ticks before the pack expired (a clock running late after the expiry finds it expired: no warning then).
        const expiredAt = ticks.findIndex((t) => epochMs(t) >= epochMs(expiry));
        const open = expiredAt === -1 ? ticks : ticks.slice(0, expiredAt);
        if (mostUrgent !== undefined && open.some((t) => epochMs(t) >= epochMs(addDaysToInstant(expiry, -mostUrgent)))) {
          expect(keys).toContain(`before_expiry:${mostUrgent}`);
        }
        if (scenario.warnings.some((w) => w.type === 'after_expiry')) expect(keys).toContain('after_expiry');
      }
    }), { numRuns: Math.ceil(numRuns / 2) });
  });

  test('running tick again, late, or twice sends each command once: no piece of work is done twice', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async (scenario) => {
      const { reports } = await run(scenario, candidatesOf);
      const done = reports.flatMap((r) => r.sources.flatMap((s) => s.work)).filter((w) => w.outcome.kind === 'done').map((w) => w.id);
      expect(new Set(done).size).toBe(done.length);
      expect(reports.flatMap((r) => r.sources.flatMap((s) => s.work)).filter((w) => w.outcome.kind === 'failed')).toEqual([]);
    }), { numRuns: Math.ceil(numRuns / 2) });
  });

  test('no credits are used at or after the expiry instant, whether or not a tick has run', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async (scenario) => {
      const { expiresAt, attempts, events } = await run(scenario, candidatesOf);
      for (const a of attempts) {
        if (epochMs(a.at) >= epochMs(expiresAt[a.packIndex] as Instant)) expect([a.accepted, a.code]).toEqual([false, 'pack_expired']);
      }
      for (const e of events.filter((x) => x.type === 'CreditsConsumed')) {
        const i = Number(e.stream.slice('creditPack-p'.length));
        expect(epochMs(e.data.at as Instant)).toBeLessThan(epochMs(expiresAt[i] as Instant));
      }
    }), { numRuns: Math.ceil(numRuns / 2) });
  });
});
