/**
 * Model-based tests: random sequences of bill runs, repeated runs, cancellations,
 * bill-day changes and status changes run against the decider and against a reference
 * model written independently of it (dates by scanning days with JS Date, amounts with
 * decimal.js). After every step the billing invariants of docs/invariants.md are checked.
 */
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { accountPackage, fold, type AccountPackageCommand, type AccountPackageEvent, type AccountPackageState } from '../../src';
import { sameValue } from '../../src/testing';
import { addJson, billJson, command, singleService } from './fixtures';

const DAY = 86_400_000;
const toDate = (s: string): Date => new Date(`${s}T00:00:00Z`);
const fmt = (d: Date): string => d.toISOString().slice(0, 10);
const plusDays = (s: string, n: number): string => fmt(new Date(toDate(s).getTime() + n * DAY));
const daysFrom = (a: string, b: string): number => Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);
const monthNo = (s: string): number => toDate(s).getUTCFullYear() * 12 + toDate(s).getUTCMonth();
const lastDay = (s: string): number => new Date(Date.UTC(toDate(s).getUTCFullYear(), toDate(s).getUTCMonth() + 1, 0)).getUTCDate();
const onDay = (s: string, day: number): boolean => toDate(s).getUTCDate() === Math.min(day, lastDay(s));
const firstOfNextMonth = (s: string): string => fmt(new Date(Date.UTC(toDate(s).getUTCFullYear(), toDate(s).getUTCMonth() + 1, 1)));
const minOf = (...xs: (string | undefined)[]): string => xs.filter((x): x is string => x !== undefined).sort()[0] ?? '';

interface Anchor {
  readonly from: string;
  readonly day: number;
  readonly firstMonth: number;
}

interface Model {
  readonly start: string;
  readonly months: number;
  readonly postpaid: boolean;
  readonly price: Decimal;
  readonly quantity: number;
  anchors: Anchor[];
  billedThrough: string | undefined;
  cancelOn: string | undefined;
  cancelled: boolean;
  billable: boolean;
  today: string;
  runCursor: string;
  lastRun: [string, string] | undefined;
  invoice: number;
}

const anchor = (from: string, day: number): Anchor => {
  let d = from;
  while (!onDay(d, day)) d = plusDays(d, 1);
  return { from, day, firstMonth: monthNo(d) };
};
const isBoundary = (m: Model, a: Anchor, d: string): boolean => onDay(d, a.day) && (((monthNo(d) - a.firstMonth) % m.months) + m.months) % m.months === 0;
const anchorAt = (m: Model, d: string): Anchor => m.anchors.filter((a) => a.from <= d).pop() ?? (m.anchors[0] as Anchor);
const nextBoundary = (m: Model, a: Anchor, d: string): string => {
  let x = plusDays(d, 1);
  while (!isBoundary(m, a, x)) x = plusDays(x, 1);
  return x;
};
const boundaryOnOrBefore = (m: Model, a: Anchor, d: string): string => {
  let x = d;
  while (!isBoundary(m, a, x)) x = plusDays(x, -1);
  return x;
};

interface ModelSegment {
  readonly start: string;
  readonly end: string;
  readonly baseStart: string;
  readonly baseEnd: string;
}
const segmentAt = (m: Model, pos: string): ModelSegment => {
  const a = anchorAt(m, pos);
  const nb = nextBoundary(m, a, pos);
  const nextAnchor = m.anchors.find((x) => x.from > pos)?.from;
  const end = minOf(nb, nextAnchor, m.cancelOn !== undefined && m.cancelOn > pos ? m.cancelOn : undefined);
  return isBoundary(m, a, end)
    ? { start: pos, end, baseStart: boundaryOnOrBefore(m, a, plusDays(end, -1)), baseEnd: end }
    : { start: pos, end, baseStart: boundaryOnOrBefore(m, a, pos), baseEnd: nb };
};
const position = (m: Model): string => m.billedThrough ?? m.start;
const nextBill = (m: Model): string | undefined => {
  if (m.cancelled) return undefined;
  const pos = position(m);
  if (m.cancelOn !== undefined && pos >= m.cancelOn) return m.cancelOn;
  return m.postpaid ? segmentAt(m, pos).end : pos;
};

type Verdict = 'accept' | 'nothing' | string;

interface Real {
  events: AccountPackageEvent[];
  state: AccountPackageState;
}

const at = (day: string) => `${day}T08:00:00.000Z`;
const staff = { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] };

const step = (real: Real, cmd: AccountPackageCommand, expected: Verdict): readonly AccountPackageEvent[] => {
  const before = real.events.length;
  const outcome = accountPackage.decide(cmd, real.state);
  const actual = E.isLeft(outcome) ? outcome.left.code : outcome.right.length === 0 ? 'nothing' : 'accept';
  if (actual !== expected) throw new Error(`${cmd.type}: model expected ${expected}, decider said ${actual}${E.isLeft(outcome) ? ` (${outcome.left.message})` : ''}`);
  if (E.isLeft(outcome)) {
    expect(real.events.length).toBe(before);
    return [];
  }
  for (const e of outcome.right) {
    real.events.push(e);
    real.state = accountPackage.evolve(real.state, e);
  }
  return outcome.right;
};

/** Billed recurring periods are contiguous from the start, never overlap, and end at the cancellation once cancelled. */
const checkInvariants = (real: Real, m: Model): void => {
  const periods = real.events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.periods.map((p) => p.period) : []));
  let expectedStart = m.start;
  for (const p of periods) {
    expect(p.start).toBe(expectedStart);
    expect(p.end > p.start).toBe(true);
    expectedStart = p.end;
  }
  if (m.cancelled) expect(expectedStart).toBe(m.cancelOn);
  if (real.state.kind === 'package') expect(real.state.billedThrough).toBe(periods.length === 0 ? undefined : expectedStart);
  expect(sameValue(fold(accountPackage, real.events), real.state)).toBe(true);
};

const bill = (m: Model, real: Real, start: string, end: string): void => {
  m.invoice += 1;
  const cmd = command(billJson(start, end, { invoiceNumber: `INV-${m.invoice}`, at: at(m.today) }));
  const due = nextBill(m);
  if (due !== undefined && due < start) {
    step(real, cmd, 'bill_date_missed');
    return;
  }
  const expectedLines: string[] = [];
  const billedBefore = m.billedThrough;
  let closes = false;
  for (let guard = 0; guard < 2_000; guard += 1) {
    const d = nextBill(m);
    if (d === undefined || d >= end) break;
    const pos = position(m);
    if (m.cancelOn !== undefined && pos >= m.cancelOn) {
      closes = true;
      break;
    }
    const s = segmentAt(m, pos);
    if (m.billable) {
      const amount = m.price.times(daysFrom(s.start, s.end)).times(m.quantity).div(daysFrom(s.baseStart, s.baseEnd)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (!amount.isZero()) expectedLines.push(`${s.start}..${s.end}/${s.baseStart}..${s.baseEnd} ${amount.toFixed(2)}`);
    }
    m.billedThrough = s.end;
  }
  const changed = closes || expectedLines.length > 0 || m.billedThrough !== billedBefore;
  const events = step(real, cmd, changed ? 'accept' : 'nothing');
  const lines = events.flatMap((e) => (e.type === 'PackageBilled'
    ? e.data.charges.flatMap((l) => (l.kind === 'recurring' ? [`${l.period.start}..${l.period.end}/${e.data.periods.find((p) => p.period.start === l.period.start)?.billingPeriod.start}..${e.data.periods.find((p) => p.period.start === l.period.start)?.billingPeriod.end} ${l.amount.amount.toFixed(2)}`] : []))
    : []));
  expect(lines).toEqual(expectedLines);
  if (closes) {
    m.cancelled = true;
    expect(events[events.length - 1]?.type).toBe('AccountPackageCancelled');
  }
  m.lastRun = [start, end];
};

class BillNextMonth implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real) {
    const start = m.runCursor;
    const end = firstOfNextMonth(start);
    m.runCursor = end;
    if (m.today < start) m.today = start;
    bill(m, r, start, end);
    checkInvariants(r, m);
  }
  toString = () => 'BillNextMonth';
}

/** Billing the period of the last run again, with nothing changed since, adds nothing. */
class BillSamePeriodAgain implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>) => m.lastRun !== undefined;
  run(m: Model, r: Real) {
    if (m.lastRun === undefined) return;
    m.invoice += 1;
    step(r, command(billJson(m.lastRun[0], m.lastRun[1], { invoiceNumber: `INV-${m.invoice}`, at: at(m.today) })), 'nothing');
    checkInvariants(r, m);
  }
  toString = () => 'BillSamePeriodAgain';
}

class BillPeriod implements fc.Command<Model, Real> {
  constructor(readonly offset: number, readonly length: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    const start = plusDays(m.today, this.offset);
    bill(m, r, start, plusDays(start, this.length));
    checkInvariants(r, m);
  }
  toString = () => `BillPeriod(today${this.offset >= 0 ? '+' : ''}${this.offset}, ${this.length} days)`;
}

class Cancel implements fc.Command<Model, Real> {
  constructor(readonly offset: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    const date = plusDays(m.today, this.offset);
    const verdict: Verdict = m.cancelOn === date ? 'nothing'
      : m.cancelled ? 'package_cancelled'
        : date <= m.start ? 'cancellation_before_effective_date'
          : m.billedThrough !== undefined && date < m.billedThrough ? 'cancellation_in_billed_period' : 'accept';
    step(r, command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: date, billingOption: 'prorate', actor: staff, at: at(m.today) }), verdict);
    if (verdict === 'accept') {
      m.cancelOn = date;
      m.lastRun = undefined;
    }
    checkInvariants(r, m);
  }
  toString = () => `Cancel(today+${this.offset})`;
}

class ChangeBillDay implements fc.Command<Model, Real> {
  constructor(readonly day: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    const latest = m.anchors[m.anchors.length - 1]?.day;
    const verdict: Verdict = m.cancelled ? 'package_cancelled' : latest === this.day ? 'nothing' : 'accept';
    let from: string | undefined;
    if (verdict === 'accept') {
      if (m.billedThrough === undefined && m.today < m.start) from = m.start;
      else {
        const pos = position(m);
        const committed: Model = { ...m, anchors: m.anchors.filter((a) => a.from <= pos) };
        from = pos > m.today ? pos : nextBoundary(committed, anchorAt(committed, m.today), m.today);
      }
    }
    step(r, command({ type: 'ChangeBillDay', accountPackageId: 'ap-1', billDay: this.day, actor: staff, at: at(m.today) }), verdict);
    if (verdict === 'accept' && from !== undefined) {
      const f = from;
      m.anchors = [...m.anchors.filter((a) => a.from < f), anchor(f, this.day)];
      m.lastRun = undefined;
    }
    checkInvariants(r, m);
  }
  toString = () => `ChangeBillDay(${this.day})`;
}

class ToggleBillable implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real) {
    const billable = !m.billable;
    const verdict: Verdict = m.cancelled ? 'package_cancelled' : 'accept';
    step(r, command({ type: 'ChangePackageStatus', accountPackageId: 'ap-1', status: { code: billable ? 'active' : 'on_hold', billable, readOnly: false }, actor: staff, at: at(m.today) }), verdict);
    if (verdict === 'accept') {
      m.billable = billable;
      m.lastRun = undefined;
    }
    checkInvariants(r, m);
  }
  toString = () => 'ToggleBillable';
}

class Wait implements fc.Command<Model, Real> {
  constructor(readonly days: number) {}
  check = () => true;
  run(m: Model) {
    m.today = plusDays(m.today, this.days);
  }
  toString = () => `Wait(${this.days}d)`;
}

const commands = [
  fc.constant(new BillNextMonth()),
  fc.constant(new BillNextMonth()),
  fc.constant(new BillNextMonth()),
  fc.constant(new BillSamePeriodAgain()),
  fc.tuple(fc.integer({ min: -40, max: 60 }), fc.integer({ min: 1, max: 120 })).map(([o, l]) => new BillPeriod(o, l)),
  fc.integer({ min: -30, max: 200 }).map((o) => new Cancel(o)),
  fc.integer({ min: 1, max: 31 }).map((d) => new ChangeBillDay(d)),
  fc.constant(new ToggleBillable()),
  fc.integer({ min: 1, max: 45 }).map((d) => new Wait(d)),
];

const setup = fc.record({
  start: fc.date({ min: new Date('2011-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map(fmt),
  billDay: fc.integer({ min: 1, max: 31 }),
  frequency: fc.constantFrom('monthly', 'bimonthly', 'quarterly', 'semiannual', 'yearly'),
  postpaid: fc.boolean(),
  cents: fc.integer({ min: 1, max: 999_999 }),
  quantity: fc.integer({ min: 1, max: 20 }),
});
const MONTHS: Record<string, number> = { monthly: 1, bimonthly: 2, quarterly: 3, semiannual: 6, yearly: 12 };

interface Setup {
  readonly start: string;
  readonly billDay: number;
  readonly frequency: string;
  readonly postpaid: boolean;
  readonly cents: number;
  readonly quantity: number;
}

const begin = (s: Setup) => {
  const price = new Decimal(s.cents).div(100);
  const real: Real = { events: [], state: accountPackage.initialState };
  step(real, command(addJson({
    effectiveDate: s.start, billDay: s.billDay, frequency: s.frequency, quantity: s.quantity, definition: singleService(price.toFixed(2)),
    options: { chargeFullPeriod: false, postpaid: s.postpaid, chargeRecurringOnlyIfUsage: false }, at: at(s.start),
  })), 'accept');
  const model: Model = {
    start: s.start, months: MONTHS[s.frequency] ?? 1, postpaid: s.postpaid, price, quantity: s.quantity, anchors: [anchor(s.start, s.billDay)],
    billedThrough: undefined, cancelOn: undefined, cancelled: false, billable: true, today: s.start, runCursor: `${s.start.slice(0, 7)}-01`, lastRun: undefined, invoice: 0,
  };
  return { model, real };
};

describe('account-package billing (model-based)', () => {
  test('billed periods never overlap and leave no gap until cancellation; billing a period twice adds nothing; a refusal appends nothing; every line agrees with the reference model', () => {
    fc.assert(
      fc.property(setup, fc.commands(commands, { maxCommands: 40 }), (s, cmds) => {
        fc.modelRun(() => begin(s), cmds);
      }),
      { numRuns: 200 },
    );
  });

  test('the generator reaches the interesting states (billing, cancellation, bill-day alignment, refusals)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(setup, fc.commands(commands, { maxCommands: 40 }), (s, cmds) => {
        const run = begin(s);
        fc.modelRun(() => run, cmds);
        for (const e of run.real.events) {
          seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
          if (e.type === 'PackageBilled') for (const p of e.data.periods) seen.set(p.periodKind, (seen.get(p.periodKind) ?? 0) + 1);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
    const never = ['PackageBilled', 'AccountPackageCancellationScheduled', 'AccountPackageCancelled', 'BillDayChangeScheduled', 'AccountPackageStatusChanged', 'full', 'leading', 'trailing', 'alignment']
      .filter((k) => (seen.get(k) ?? 0) === 0);
    expect(never).toEqual([]);
  });
});
