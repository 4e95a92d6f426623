import { InMemoryEventStore, clientPackageAggregate, commandHandler, creditPackAggregate } from '@packledger/application';
import { decodeClientPackageCommand, decodeCreditPackCommand } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, type Positioned } from '@packledger/projections';

/** An embedded store with handlers for both aggregates; commands go in as JSON. */
export const makeWorld = () => {
  const store = new InMemoryEventStore();
  const packs = commandHandler(store, creditPackAggregate);
  const clientPackages = commandHandler(store, clientPackageAggregate);
  let n = 0;
  const send = async (json: Record<string, unknown>): Promise<string | undefined> => {
    const commandId = `cmd-${++n}`;
    if (String(json.type).includes('Client') || ['RunPackageManager', 'RateUsage', 'StopAtPeriodStart', 'StopAtPeriodEnd', 'ChangeEndDate'].includes(String(json.type))) {
      const decoded = decodeClientPackageCommand(json);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      const outcome = await clientPackages(decoded.right, { commandId });
      return E.isLeft(outcome) ? (outcome.left.kind === 'refused' ? outcome.left.refusal.code : outcome.left.kind) : undefined;
    }
    const decoded = decodeCreditPackCommand(json);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const outcome = await packs(decoded.right, { commandId });
    return E.isLeft(outcome) ? (outcome.left.kind === 'refused' ? outcome.left.refusal.code : outcome.left.kind) : undefined;
  };
  return { store, send, readModels: new InMemoryReadModelStore(), decode: eventDecoder(packledgerStreams), views: allViews };
};

/** Every view's documents, for comparing two read-model stores. */
export const snapshotOf = async (readModels: InMemoryReadModelStore): Promise<Record<string, readonly Positioned[]>> =>
  Object.fromEntries(await Promise.all(allViews.map(async (v) => [v.name, await readModels.all(v.name)] as const)));

export const staff = { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] };
export const system = { kind: 'system', name: 'manager' };
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const dayIso = (d: number) => new Date(T0 + d * DAY).toISOString();

export const issueJson = (packId: string, o: { company?: string; office?: string; user?: string; credits?: string; day?: number; months?: number; pm?: string; rm?: string; name?: string } = {}) => ({
  type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: o.name ?? `Pack ${packId}`,
  owner: o.user === undefined ? { type: 'office', officeId: o.office ?? 'london', companyId: o.company ?? 'acme' } : { type: 'user', userId: o.user, officeId: o.office ?? 'london', companyId: o.company ?? 'acme' },
  credits: o.credits ?? '40', price: { amount: '100', currency: 'GBP' }, linkedProducts: ['edit', 'shoot'], relationshipManagerId: o.rm ?? 'sam',
  projectManagerId: o.pm ?? 'pat', invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: o.months ?? 6 }, actor: staff, at: dayIso(o.day ?? 0),
});

export const consumeJson = (packId: string, consumptionId: string, credits: string, day: number, project: { id?: string; office?: string; company?: string; contacts?: string[] } = {}) => ({
  type: 'ConsumeCredits', packId, consumptionId, credits, productId: 'edit', actor: staff, at: dayIso(day),
  project: { projectId: project.id ?? 'film', companyId: project.company ?? 'acme', officeId: project.office ?? 'london', contactUserIds: project.contacts ?? ['kim'] },
});

/** Random command sequences over three credit packs and two client packages, as JSON. */
export const randomHistory = fc.array(
  fc.oneof(
    { weight: 1, arbitrary: fc.record({ pack: fc.nat(2), credits: fc.integer({ min: 1, max: 60 }), user: fc.boolean(), company: fc.constantFrom('acme', 'globex'), pm: fc.constantFrom('pat', 'max'), rm: fc.constantFrom('sam', 'rae') })
      .map((r) => ({ kind: 'issue' as const, ...r })) },
    { weight: 6, arbitrary: fc.record({ pack: fc.nat(2), id: fc.nat(8), credits: fc.integer({ min: 1, max: 25 }), office: fc.constantFrom('london', 'london', 'ny', 'paris'), company: fc.constantFrom('acme', 'acme', 'globex') })
      .map((r) => ({ kind: 'consume' as const, ...r })) },
    { weight: 2, arbitrary: fc.record({ pack: fc.nat(2), id: fc.nat(8), refund: fc.nat(4), credits: fc.integer({ min: 1, max: 10 }) }).map((r) => ({ kind: 'refund' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ pack: fc.nat(2), value: fc.integer({ min: 1, max: 80 }) }).map((r) => ({ kind: 'correct' as const, ...r })) },
    { weight: 1, arbitrary: fc.record({ pack: fc.nat(2), action: fc.constantFrom('CancelPack', 'ExpirePack', 'SetCreditStatus', 'EditPackDetails', 'ReissueToNewOwner') }).map((r) => ({ kind: 'manage' as const, ...r })) },
    { weight: 5, arbitrary: fc.record({ cp: fc.nat(1), action: fc.constantFrom('run', 'run', 'run', 'poor-run', 'use', 'use', 'use', 'use', 'assign', 'StopAtPeriodStart', 'StopAtPeriodEnd', 'CancelClientPackage', 'ArchiveClientPackage', 'DeleteClientPackage'), id: fc.nat(10), minutes: fc.integer({ min: 1, max: 80 }) })
      .map((r) => ({ kind: 'client' as const, ...r })) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((days) => ({ kind: 'wait' as const, days })) },
  ),
  { minLength: 5, maxLength: 40, size: 'max' },
);
export type Step = fc.Arbitrary<unknown> extends never ? never : (typeof randomHistory extends fc.Arbitrary<infer T> ? T : never)[number];

/** Turns a random history into JSON commands, advancing a day counter. */
export const commandsOf = (steps: readonly Step[]): Record<string, unknown>[] => {
  let day = 0;
  const cpPackage = {
    catalogPackageId: 'voip', name: 'VoIP 100', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
    period: { unit: 'month', count: 1 }, limits: [{ type: 'volume', prefix: '380', minutes: '100' }, { type: 'money', prefix: '44', amount: { amount: '20.00', currency: 'USD' } }],
  };
  const options = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };
  // Every history starts with packs and packages in place, so most random steps act on something.
  const out: Record<string, unknown>[] = [
    issueJson('p0', { credits: '50' }),
    issueJson('p1', { user: 'kim', credits: '30', pm: 'max' }),
    issueJson('p2', { company: 'globex', office: 'ny', rm: 'rae', credits: '20', name: 'Globex pack' }),
    ...['cp0', 'cp1'].flatMap((clientPackageId) => [
      { type: 'AssignClientPackage', clientPackageId, clientId: 'rose', package: cpPackage, startDate: dayIso(0), quantity: 1, activateInPast: false, options, actor: staff, at: dayIso(0) },
      { type: 'RunPackageManager', clientPackageId, clientBalance: { amount: '1000', currency: 'USD' }, actor: system, at: dayIso(0) },
    ]),
  ];
  for (const s of steps) {
    const pack = `p${'pack' in s ? s.pack : 0}`;
    switch (s.kind) {
      case 'wait': day += s.days; break;
      case 'issue': out.push(issueJson(pack, { credits: String(s.credits), day, company: s.company, pm: s.pm, rm: s.rm, ...(s.user ? { user: 'kim' } : {}) })); break;
      case 'consume': out.push(consumeJson(pack, `c${s.id}`, String(s.credits), day, { office: s.office, company: s.company })); break;
      case 'refund': out.push({ type: 'RefundConsumption', packId: pack, refundId: `r${s.refund}`, consumptionId: `c${s.id}`, credits: String(s.credits), reason: 'returned', actor: staff, at: dayIso(day) }); break;
      case 'correct': out.push({ type: 'CorrectCreditValue', packId: pack, correctedCredits: String(s.value), reason: 'fix', actor: staff, at: dayIso(day) }); break;
      case 'manage': {
        const base = { type: s.action, packId: pack, actor: s.action === 'ExpirePack' ? system : staff, at: dayIso(day) };
        if (s.action === 'CancelPack') out.push({ ...base, reason: 'order cancelled' });
        else if (s.action === 'ExpirePack') out.push(base);
        else if (s.action === 'SetCreditStatus') out.push({ ...base, creditStatus: 'drive', specialNotes: `day ${day}` });
        else if (s.action === 'EditPackDetails') out.push({ ...base, projectManagerId: 'max' });
        else out.push({ ...base, newPackId: `${pack}x`, newOwner: { type: 'user', userId: 'lee', officeId: 'london', companyId: 'acme' }, reason: 'wrong owner' });
        break;
      }
      case 'client': {
        const clientPackageId = `cp${s.cp}`;
        const at = dayIso(day);
        if (s.action === 'assign') out.push({ type: 'AssignClientPackage', clientPackageId, clientId: 'rose', package: cpPackage, startDate: at, quantity: 1, activateInPast: false, options, actor: staff, at });
        else if (s.action === 'run' || s.action === 'poor-run') out.push({ type: 'RunPackageManager', clientPackageId, clientBalance: { amount: s.action === 'run' ? '1000' : '1', currency: 'USD' }, actor: system, at });
        else if (s.action === 'use') out.push({ type: 'RateUsage', clientPackageId, usage: { type: 'minutes', usageId: `u${s.id}`, destination: '38050', minutes: String(s.minutes) }, actor: system, at });
        else out.push({ type: s.action, clientPackageId, actor: staff, at });
        break;
      }
    }
  }
  return out;
};
