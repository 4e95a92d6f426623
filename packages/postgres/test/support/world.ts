import { clientPackageAggregate, commandHandler, creditPackAggregate, type EventStore, type RecordedEvent } from '@packledger/application';
import { decodeClientPackageCommand, decodeCreditPackCommand } from '@packledger/domain';
import { allViews, type Positioned, type ReadModelStore } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';

// Domain histories for the PostgreSQL tests: random commands of both aggregates, sent
// through the command handlers to any event store (refused commands are part of life).

const staff = { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] };
const system = { kind: 'system', name: 'manager' };
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const dayIso = (d: number): string => new Date(T0 + d * DAY).toISOString();

/** Sends JSON commands to the aggregates' handlers over `store`; resolves with the position of the last event written. */
export const commandSender = (store: EventStore) => {
  const packs = commandHandler(store, creditPackAggregate);
  const clientPackages = commandHandler(store, clientPackageAggregate);
  let n = 0;
  return async (json: Record<string, unknown>, prefix = ''): Promise<bigint | undefined> => {
    const commandId = `${prefix}cmd-${++n}`;
    if (String(json.type).includes('Client') || ['RunPackageManager', 'RateUsage', 'StopAtPeriodStart', 'StopAtPeriodEnd'].includes(String(json.type))) {
      const decoded = decodeClientPackageCommand(json);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      const outcome = await clientPackages(decoded.right, { commandId });
      return E.isRight(outcome) ? outcome.right.position : undefined;
    }
    const decoded = decodeCreditPackCommand(json);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const outcome = await packs(decoded.right, { commandId });
    return E.isRight(outcome) ? outcome.right.position : undefined;
  };
};

const issueJson = (packId: string, o: { company: string; office: string; user?: string; credits: string; day: number; pm: string; rm: string }) => ({
  type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: `Pack ${packId}`,
  owner: o.user === undefined ? { type: 'office', officeId: o.office, companyId: o.company } : { type: 'user', userId: o.user, officeId: o.office, companyId: o.company },
  credits: o.credits, price: { amount: '100', currency: 'GBP' }, linkedProducts: ['edit', 'shoot'], relationshipManagerId: o.rm,
  projectManagerId: o.pm, invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: 6 }, actor: staff, at: dayIso(o.day),
});

/** One random step of a history. */
export const randomStep = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), pack: fc.nat(4), credits: fc.integer({ min: 1, max: 60 }), user: fc.boolean(), company: fc.constantFrom('acme', 'globex'), office: fc.constantFrom('london', 'ny'), pm: fc.constantFrom('pat', 'max'), rm: fc.constantFrom('sam', 'rae') }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('consume' as const), pack: fc.nat(2), id: fc.nat(8), credits: fc.integer({ min: 1, max: 25 }), office: fc.constantFrom('london', 'london', 'ny'), company: fc.constantFrom('acme', 'acme', 'globex') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pack: fc.nat(2), id: fc.nat(8), refund: fc.nat(4), credits: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manage' as const), pack: fc.nat(4), action: fc.constantFrom('CancelPack', 'ExpirePack', 'SetCreditStatus', 'EditPackDetails') }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('client' as const), cp: fc.nat(2), action: fc.constantFrom('run', 'run', 'use', 'use', 'use', 'assign', 'StopAtPeriodEnd', 'CancelClientPackage', 'ArchiveClientPackage', 'DeleteClientPackage'), id: fc.nat(10), minutes: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }) },
);
export type Step = typeof randomStep extends fc.Arbitrary<infer T> ? T : never;

/** A random history: a list of steps. */
export const randomHistory = fc.array(randomStep, { minLength: 10, maxLength: 40, size: 'max' });

const cpPackage = {
  catalogPackageId: 'voip', name: 'VoIP 100', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
  period: { unit: 'month', count: 1 }, limits: [{ type: 'volume', prefix: '380', minutes: '100' }, { type: 'money', prefix: '44', amount: { amount: '20.00', currency: 'USD' } }],
};
const options = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };

/** Turns steps into JSON commands; every history starts with packs and client packages in place. */
export const commandsOf = (steps: readonly Step[]): Record<string, unknown>[] => {
  let day = 0;
  const out: Record<string, unknown>[] = [
    issueJson('p0', { company: 'acme', office: 'london', credits: '50', day, pm: 'pat', rm: 'sam' }),
    issueJson('p1', { company: 'acme', office: 'london', user: 'kim', credits: '30', day, pm: 'max', rm: 'sam' }),
    issueJson('p2', { company: 'globex', office: 'ny', credits: '20', day, pm: 'pat', rm: 'rae' }),
    ...['cp0', 'cp1'].flatMap((clientPackageId) => [
      { type: 'AssignClientPackage', clientPackageId, clientId: 'rose', package: cpPackage, startDate: dayIso(0), quantity: 1, activateInPast: false, options, actor: staff, at: dayIso(0) },
      { type: 'RunPackageManager', clientPackageId, clientBalance: { amount: '1000', currency: 'USD' }, actor: system, at: dayIso(0) },
    ]),
  ];
  for (const s of steps) {
    const at = dayIso(day);
    switch (s.kind) {
      case 'wait': day += s.days; break;
      case 'issue': out.push(issueJson(`p${s.pack}`, { company: s.company, office: s.office, credits: String(s.credits), day, pm: s.pm, rm: s.rm, ...(s.user ? { user: 'kim' } : {}) })); break;
      case 'consume':
        out.push({ type: 'ConsumeCredits', packId: `p${s.pack}`, consumptionId: `c${s.id}`, credits: String(s.credits), productId: 'edit', actor: staff, at,
          project: { projectId: 'film', companyId: s.company, officeId: s.office, contactUserIds: ['kim'] } });
        break;
      case 'refund': out.push({ type: 'RefundConsumption', packId: `p${s.pack}`, refundId: `r${s.refund}`, consumptionId: `c${s.id}`, credits: String(s.credits), reason: 'returned', actor: staff, at }); break;
      case 'manage': {
        const base = { type: s.action, packId: `p${s.pack}`, actor: s.action === 'ExpirePack' ? system : staff, at };
        if (s.action === 'CancelPack') out.push({ ...base, reason: 'order cancelled' });
        else if (s.action === 'ExpirePack') out.push(base);
        else if (s.action === 'SetCreditStatus') out.push({ ...base, creditStatus: 'drive', specialNotes: `day ${day}` });
        else out.push({ ...base, projectManagerId: 'max' });
        break;
      }
      case 'client': {
        const clientPackageId = `cp${s.cp}`;
        if (s.action === 'assign') out.push({ type: 'AssignClientPackage', clientPackageId, clientId: 'rose', package: cpPackage, startDate: at, quantity: 1, activateInPast: false, options, actor: staff, at });
        else if (s.action === 'run') out.push({ type: 'RunPackageManager', clientPackageId, clientBalance: { amount: '1000', currency: 'USD' }, actor: system, at });
        else if (s.action === 'use') out.push({ type: 'RateUsage', clientPackageId, usage: { type: 'minutes', usageId: `u${s.id}`, destination: '38050', minutes: String(s.minutes) }, actor: system, at });
        else out.push({ type: s.action, clientPackageId, actor: staff, at });
        break;
      }
    }
  }
  return out;
};

/** Every view's documents, for comparing two read-model stores. */
export const snapshotOf = async (readModels: ReadModelStore): Promise<Record<string, readonly Positioned[]>> =>
  Object.fromEntries(await Promise.all(allViews.map(async (v) => [v.name, await readModels.all(v.name)] as const)));

/** Every event of a store (of packledger's streams), in position order. */
export const eventsOf = async (store: EventStore, streamPrefixes?: readonly string[]): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll(streamPrefixes === undefined ? {} : { filter: { streamPrefixes } })) out.push(e);
  return out;
};
