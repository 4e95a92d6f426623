import * as E from 'fp-ts/Either';
import {
  Actor,
  accountPackage,
  decodeWith,
  decodeAccountPackageCommand,
  decodeAccountPackageEvent,
  fold,
  type AccountPackage,
  type AccountPackageCommand,
  type AccountPackageEvent,
  type AccountPackageState,
  type ChargeLine,
} from '../../src';
import { scenario } from '../../src/testing';

/** given(history).when(command).then(events) / .thenRefuses(code) for account packages. */
export const given = scenario(accountPackage);

/** Decodes a command from JSON, as a host would; a fixture that does not decode is a broken test. */
export const command = (json: Record<string, unknown>): AccountPackageCommand => {
  const decoded = decodeAccountPackageCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

/** Decodes an event from JSON. */
export const event = (json: Record<string, unknown>): AccountPackageEvent => {
  const decoded = decodeAccountPackageEvent(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

export const manager = { kind: 'staff', userId: 'mia', roles: ['project_manager'] } as const;
export const accounts = { kind: 'staff', userId: 'ali', roles: ['accounts'] } as const;
export const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;
export const scheduler = { kind: 'system', name: 'bill-run' } as const;
/** An actor fixture as a typed actor, for the pure helpers that take one. */
export const typedActor = (json: unknown): Actor => {
  const decoded = decodeWith(Actor, json);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};
export const schedulerActor = typedActor(scheduler);
export const clientAdmin = { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' } as const;

export const PKG = 'ap-1';
export const AT = '2026-01-10T09:00:00.000Z';

const money = (amount: string, currency = 'EUR') => ({ amount, currency });

/** A one-service package: the simplest thing to prorate. */
export const singleService = (price: string, currency = 'EUR') => ({
  catalogPackageId: 'plan',
  name: 'Plan',
  allowsGlobalAddOns: false,
  services: [{
    serviceId: 'line', name: 'Line', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
    recurringPrices: [{ status: 'active', price: money(price, currency) }], transitionPrices: [],
  }],
});

/**
 * An ISP package: internet (one, required; 50.00 active, 5.00 suspended; install 99.00;
 * 25.00 to cancel), static IPs (optional, up to 3, 5.00 each), voice (usage-based, one by
 * default, up to 2; 10.00).
 */
export const fibre = {
  catalogPackageId: 'fibre-100',
  name: 'Fibre 100',
  allowsGlobalAddOns: true,
  services: [
    {
      serviceId: 'internet', name: 'Internet 100', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
      recurringPrices: [{ status: 'active', price: money('50.00') }, { status: 'suspended', price: money('5.00') }],
      transitionPrices: [{ to: 'cancelled', price: money('25.00') }],
      oneTimePrice: money('99.00'),
    },
    {
      serviceId: 'static-ip', name: 'Static IP', usageBased: false, defaultInstances: 0, minInstances: 0, maxInstances: 3,
      recurringPrices: [{ status: 'active', price: money('5.00') }], transitionPrices: [],
    },
    {
      serviceId: 'voice', name: 'Voice', usageBased: true, defaultInstances: 1, minInstances: 0, maxInstances: 2,
      recurringPrices: [{ status: 'active', price: money('10.00') }], transitionPrices: [],
    },
  ],
};

export const account = { accountId: 'acc-1', currency: 'EUR', billDay: 1, usageBillDay: 1 };
export const options = { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false };

export const addJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'AddAccountPackage',
  accountPackageId: PKG,
  account,
  definition: singleService('100.00'),
  priceBook: { priceBookId: 'eu', currency: 'EUR' },
  quantity: 1,
  frequency: 'monthly',
  effectiveDate: '2026-01-01',
  options,
  actor: manager,
  at: AT,
  ...overrides,
});

export const billJson = (start: string, end: string, overrides: Record<string, unknown> = {}) => ({
  type: 'BillPackage',
  accountPackageId: PKG,
  invoiceNumber: `INV-${start}`,
  billPeriod: { start, end },
  billCharges: true,
  billUsage: false,
  invoiceTopUp: false,
  runContractCommitment: false,
  actor: scheduler,
  at: `${start}T02:00:00.000Z`,
  ...overrides,
});

/** Decides and applies commands one after another; a refusal is a broken fixture. */
export const play = (commands: readonly AccountPackageCommand[], history: readonly AccountPackageEvent[] = []): AccountPackageEvent[] => {
  const events = [...history];
  let state: AccountPackageState = fold(accountPackage, events);
  for (const c of commands) {
    const outcome = accountPackage.decide(c, state);
    if (E.isLeft(outcome)) throw new Error(`${c.type} refused: ${outcome.left.code}: ${outcome.left.message}`);
    for (const e of outcome.right) {
      events.push(e);
      state = accountPackage.evolve(state, e);
    }
  }
  return events;
};

/** The package a history folds to. */
export const packageOf = (events: readonly AccountPackageEvent[]): AccountPackage => {
  const s = fold(accountPackage, events);
  if (s.kind !== 'package') throw new Error('no package in this history');
  return s;
};

/** Every charge line of a history. */
export const chargesOf = (events: readonly AccountPackageEvent[]): ChargeLine[] => events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.charges : []));

/** Recurring lines as `[start, end, amount]` rows, for tables. */
export const recurringRows = (events: readonly AccountPackageEvent[]): [string, string, string][] =>
  chargesOf(events).flatMap((l) => (l.kind === 'recurring' ? [[l.period.start, l.period.end, l.amount.amount.toFixed(2)] as [string, string, string]] : []));

/** The events of the last decision only. */
export const lastEvents = (before: readonly AccountPackageEvent[], after: readonly AccountPackageEvent[]): AccountPackageEvent[] => after.slice(before.length);

export const addedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'AccountPackageAdded',
  data: {
    accountPackageId: PKG,
    account,
    definition: singleService('100.00'),
    priceBook: { priceBookId: 'eu', currency: 'EUR' },
    quantity: 1,
    frequency: 'monthly',
    status: { code: 'active', billable: true, readOnly: false },
    effectiveDate: '2026-01-01',
    billDay: 1,
    usageBillDay: 1,
    options,
    customFields: {},
    services: [{ instanceId: 'line.1', serviceId: 'line', status: 'active', customFields: {} }],
    nextUsageBillDate: '2026-02-01',
    billingStartsOn: '2026-01-01',
    nextBillDate: '2026-01-01',
    by: manager,
    at: AT,
    ...overrides,
  },
});

/** The one-service package at 100.00 a month from 2026-01-01, bill day 1, prepaid. */
export const added = event(addedJson());

/** The fibre package (see {@link fibre}) from 2026-01-01, voice on +44 20 7946 0000. */
export const fibreAdded = play([command(addJson({ definition: fibre, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: '+442079460000' }] }))]);

/** The events a command is accepted with (a refusal is a broken fixture). */
export const decided = (history: readonly AccountPackageEvent[], c: AccountPackageCommand): readonly AccountPackageEvent[] => {
  const outcome = given(history).when(c).outcome;
  if (E.isLeft(outcome)) throw new Error(`${c.type} refused: ${outcome.left.code}: ${outcome.left.message}`);
  return outcome.right;
};
