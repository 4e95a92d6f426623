import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { clientPackage, decodeClientPackageCommand, findLimit, fold, indexLimits, matchingLimit, type ClientPackageCommand, type ClientPackageEvent, type ClientPackageState, type PeriodLimit, type UsageRecord } from '../../src';
import { sameValue } from '../../src/testing';
import { assignJson, command, noOptions, operator, runJson, seedPackage } from './fixtures';

const T0 = Date.parse('2017-10-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface Real { events: ClientPackageEvent[]; state: ClientPackageState; now: number; usageSeen: Map<string, ClientPackageCommand> }

const apply = (r: Real, cmd: ClientPackageCommand): void => {
  const before = r.events.length;
  const outcome = clientPackage.decide(cmd, r.state);
  if (E.isLeft(outcome)) {
    expect(r.events.length).toBe(before); // a refusal appends nothing
    expect(outcome.left.message.length).toBeGreaterThan(0);
    return;
  }
  for (const e of outcome.right) {
    r.events.push(e);
    r.state = clientPackage.evolve(r.state, e);
    if (e.type === 'ClientPackageStoppedAtPeriodStart') checkStopLeavesPeriodClean(r, e);
  }
  checkInvariants(r);
};

type Granted = Extract<ClientPackageEvent, { type: 'ClientPackageActivated' | 'ClientPackageRenewed' }>;
type Rated = Extract<ClientPackageEvent, { type: 'UsageRatedAgainstLimits' }>;

const checkInvariants = (r: Real): void => {
  const periods = new Map<number, Granted>();
  for (const e of r.events) if (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed') periods.set(e.data.period.number, e);
  const rated = r.events.filter((e): e is Rated => e.type === 'UsageRatedAgainstLimits');
  // a usage id is counted once
  expect(new Set(rated.map((e) => e.data.usageId)).size).toBe(rated.length);
  const used = new Map<string, Decimal>();
  for (const e of rated) {
    const period = periods.get(e.data.periodNumber);
    if (period === undefined) throw new Error(`usage in unknown period ${e.data.periodNumber}`);
    // a period's usage never leaks into another: every rating falls inside its own period
    expect(Date.parse(e.data.at)).toBeGreaterThanOrEqual(Date.parse(period.data.period.start));
    expect(Date.parse(e.data.at)).toBeLessThan(Date.parse(period.data.period.end));
    expect(e.data.consumed.plus(e.data.overflow).eq(e.data.requested)).toBe(true);
    if (e.data.prefix === undefined) continue;
    const key = `${e.data.periodNumber}:${e.data.usageType}:${e.data.prefix}:${e.data.currency ?? ''}`;
    used.set(key, (used.get(key) ?? new Decimal(0)).plus(e.data.consumed));
  }
  // consumption in a period never exceeds that period's limit (limit x quantity, as granted)
  for (const [key, total] of used) {
    const [number, type, prefix, currency] = key.split(':');
    const limit = periods.get(Number(number))?.data.limits.find((l) =>
      l.prefix === prefix && (type === 'minutes' ? l.type === 'volume' : l.type === 'money' && l.amount.currency === currency));
    if (limit === undefined) throw new Error(`usage drew on a limit the period does not have: ${key}`);
    expect(total.lte(limit.type === 'volume' ? limit.minutes : limit.amount.amount)).toBe(true);
  }
  expect(sameValue(fold(clientPackage, r.events), r.state)).toBe(true);
};

/** Stop at the beginning: the period is as if no usage and no fees had been charged. */
const checkStopLeavesPeriodClean = (r: Real, stop: Extract<ClientPackageEvent, { type: 'ClientPackageStoppedAtPeriodStart' }>): void => {
  const inPeriod = r.events.filter((e): e is Rated => e.type === 'UsageRatedAgainstLimits' && e.data.periodNumber === stop.data.periodNumber);
  expect([...stop.data.returnedUsageIds].sort()).toEqual(inPeriod.map((e) => e.data.usageId).sort());
  const granted = r.events.find((e): e is Granted => (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed') && e.data.period.number === stop.data.periodNumber);
  const charged = [...(granted?.data.fees ?? []), ...inPeriod.flatMap((e) => e.data.fees)].reduce((s, f) => s.plus(f.amount), new Decimal(0));
  expect(stop.data.refundedFees.reduce((s, f) => s.plus(f.amount), new Decimal(0)).eq(charged)).toBe(true);
  const s = r.state;
  if (s.kind !== 'assigned') throw new Error('not assigned');
  expect(s.current?.limits.every((l) => l.used.isZero())).toBe(true);
  expect(s.current?.fees).toEqual([]);
};

const destinations = ['380441234', '38044', '3805551', '380', '4420712', '1201555'];

class Run implements fc.Command<Real, Real> {
  constructor(readonly rich: boolean) {}
  check = () => true;
  run(_m: Real, r: Real) { apply(r, command(runJson(iso(r.now), this.rich ? '10000' : '1'))); }
  toString = () => `Run(${this.rich ? 'rich' : 'poor'})`;
}
class Use implements fc.Command<Real, Real> {
  constructor(readonly id: number, readonly destination: string, readonly quantity: number, readonly money: boolean) {}
  check = () => true;
  run(_m: Real, r: Real) {
    const usage = this.money
      ? { type: 'money', usageId: `u${this.id}`, destination: this.destination, amount: { amount: (this.quantity / 4).toFixed(2), currency: 'USD' } }
      : { type: 'minutes', usageId: `u${this.id}`, destination: this.destination, minutes: String(this.quantity) };
    apply(r, command({ type: 'RateUsage', clientPackageId: 'cp-1', usage, actor: { kind: 'system', name: 'rater' }, at: iso(r.now) }));
  }
  toString = () => `Use(u${this.id}, ${this.destination}, ${this.quantity}, ${this.money ? 'money' : 'minutes'})`;
}
class Manage implements fc.Command<Real, Real> {
  constructor(readonly type: string) {}
  check = () => true;
  run(_m: Real, r: Real) { apply(r, command({ type: this.type, clientPackageId: 'cp-1', actor: operator, at: iso(r.now) })); }
  toString = () => this.type;
}
class Wait implements fc.Command<Real, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  run(_m: Real, r: Real) { r.now += this.hours * HOUR; }
  toString = () => `Wait(${this.hours}h)`;
}

const commands = [
  fc.boolean().map((rich) => new Run(rich)),
  fc.constant(new Run(true)),
  fc.tuple(fc.nat(30), fc.constantFrom(...destinations), fc.integer({ min: 1, max: 60 }), fc.boolean()).map(([id, d, q, m]) => new Use(id, d, q, m)),
  fc.tuple(fc.nat(30), fc.constantFrom(...destinations), fc.integer({ min: 1, max: 60 }), fc.boolean()).map(([id, d, q, m]) => new Use(id, d, q, m)),
  fc.oneof(
    { arbitrary: fc.constantFrom('StopAtPeriodStart', 'StopAtPeriodEnd', 'CancelClientPackage', 'ArchiveClientPackage').map((t): fc.Command<Real, Real> => new Manage(t)), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 48 }).map((h): fc.Command<Real, Real> => new Wait(h)), weight: 3 },
  ),
  fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 300, max: 800 })).map((h) => new Wait(h)),
  fc.integer({ min: 300, max: 800 }).map((h) => new Wait(h)),
];

describe('client-package limits (model-based)', () => {
  test('random runs, usage, stops and waits keep every limit invariant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.commands(commands, { maxCommands: 50 }), (quantity, chargeOnEvent, cmds) => {
        const real: Real = { events: [], state: clientPackage.initialState, now: T0, usageSeen: new Map() };
        apply(real, command(assignJson({ quantity, options: { ...noOptions, chargeOnEvent }, at: iso(T0) })));
        fc.modelRun(() => ({ model: real, real }), cmds);
      }),
      { numRuns: 300 },
    );
  });

  test('the generator reaches every kind of event (guards the property above against vacuous runs)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 50 }), (cmds) => {
        const real: Real = { events: [], state: clientPackage.initialState, now: T0, usageSeen: new Map() };
        apply(real, command(assignJson({ at: iso(T0) })));
        fc.modelRun(() => ({ model: real, real }), cmds);
        for (const e of real.events) seen.add(e.type);
      }),
      { numRuns: 300, seed: 7 },
    );
    const expected = ['ClientPackageActivated', 'ClientPackageRenewed', 'ClientPackageRenewalDeferred', 'UsageRatedAgainstLimits', 'ClientPackageStoppedAtPeriodStart', 'ClientPackageStopScheduled', 'ClientPackageCancelled', 'ClientPackageArchived'];
    expect(expected.filter((t) => !seen.has(t))).toEqual([]);
  });
});

describe('longest-prefix matching', () => {
  const naive = (limits: readonly PeriodLimit[], usage: UsageRecord): string | undefined =>
    limits
      .filter((l) => (usage.type === 'minutes' ? l.type === 'volume' : l.type === 'money' && l.amount.currency === usage.amount.currency))
      .filter((l) => usage.destination.startsWith(l.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.prefix;

  test('agrees with a naive reference for any limits and destination', () => {
    const digits = (min: number, max: number) => fc.array(fc.constantFrom('3', '8', '0', '4'), { minLength: min, maxLength: max }).map((ds) => ds.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(digits(0, 6), { maxLength: 12 }), digits(1, 10), fc.boolean(), (prefixes, destination, money) => {
        const decoded = decodeClientPackageCommand(assignJson({ package: { ...seedPackage, limits: prefixes.map((prefix) => (money
          ? { type: 'money', prefix, amount: { amount: '10', currency: 'USD' } }
          : { type: 'volume', prefix, minutes: '10' })) } }));
        if (E.isLeft(decoded) || decoded.right.type !== 'AssignClientPackage') throw new Error('fixture');
        const limits = decoded.right.package.limits as readonly PeriodLimit[];
        const usage = (money
          ? { type: 'money', usageId: 'u', destination, amount: { amount: new Decimal(1), currency: 'USD' } }
          : { type: 'minutes', usageId: 'u', destination, minutes: new Decimal(1) }) as UsageRecord;
        const index = matchingLimit(limits.map((limit) => ({ limit })), usage);
        expect(index === -1 ? undefined : limits[index]?.prefix).toBe(naive(limits, usage));
        const indexed = findLimit(indexLimits(limits.map((limit) => ({ limit }))), usage);
        expect(indexed === -1 ? undefined : limits[indexed]?.prefix).toBe(naive(limits, usage));
      }),
      { numRuns: 1000 },
    );
  });
});
