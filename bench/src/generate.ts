import { clientPackageEventCodec, creditPackEventCodec, InMemoryEventStore, type EventCodec, type RecordedEvent } from '@packledger/application';
import {
  clientPackage, clientPackageStream, creditPack, creditPackStream, decodeClientPackageCommand, decodeCreditPackCommand,
  type Decider,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { seeded } from './harness';

interface StreamPlan { readonly stream: string; readonly events: { type: string; data: unknown; schemaVersion: number; actor: string; at: string }[] }

const play = <C, Ev, S, Err>(decider: Decider<C, Ev, S, Err>, codec: EventCodec<Ev>, stream: string, commands: readonly C[], actor: string, at: (c: C) => string): StreamPlan => {
  let state = decider.initialState;
  const events: StreamPlan['events'] = [];
  for (const c of commands) {
    const outcome = decider.decide(c, state);
    if (E.isLeft(outcome)) continue;
    for (const e of outcome.right) {
      state = decider.evolve(state, e);
      const encoded = codec.encode(e);
      events.push({ ...encoded, actor, at: at(c) });
    }
  }
  return { stream, events };
};

const decoded = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

const iso = (day: number, minute = 0) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString();

/**
 * A seeded, realistic mix of about `total` events: credit packs (issue, consumptions for
 * projects and invoices, refunds, corrections, status notes, expiry) and client packages
 * (assignment, activation, monthly renewals, calls and charges against the limits),
 * interleaved as concurrent writers would leave them in `$all`.
 */
export const generateEvents = (total: number, seed = 42): RecordedEvent[] => {
  const random = seeded(seed);
  const pick = <A>(xs: readonly A[]): A => xs[Math.floor(random() * xs.length)] as A;
  const staff = { kind: 'staff', userId: 'bench', roles: ['sales', 'accounts'] };
  const system = { kind: 'system', name: 'bench' };
  const plans: StreamPlan[] = [];
  let planned = 0;
  let n = 0;
  while (planned < total) {
    n++;
    if (n % 5 < 3) {
      const packId = `p${n}`;
      const office = `office-${n % 40}`;
      const company = `company-${n % 15}`;
      const uses = 8 + Math.floor(random() * 12);
      const commands = [
        decoded(decodeCreditPackCommand({
          type: 'IssueCreditPack', packId, orderId: `o${n}`, name: `Production pack ${n}`, owner: random() < 0.7 ? { type: 'office', officeId: office, companyId: company } : { type: 'user', userId: `u${n % 300}`, officeId: office, companyId: company },
          credits: String(20 + Math.floor(random() * 200)), price: { amount: '1900.00', currency: pick(['GBP', 'EUR', 'USD']) }, linkedProducts: ['edit-day', 'shoot-day', 'grade'],
          relationshipManagerId: `rm${n % 9}`, projectManagerId: `pm${n % 13}`, invoiceContactId: `ic${n % 77}`, expiry: { type: 'monthsAfterIssue', months: 12 }, actor: staff, at: iso(n % 30),
        })),
        ...Array.from({ length: uses }, (_, u) => decoded(decodeCreditPackCommand({
          type: 'ConsumeCredits', packId, consumptionId: `c${u}`, credits: String(1 + Math.floor(random() * 6)), productId: pick(['edit-day', 'shoot-day', 'grade']),
          project: { projectId: `project-${n % 500}-${u % 4}`, companyId: company, officeId: office, contactUserIds: [`u${n % 300}`] }, actor: staff, at: iso(40 + u),
          ...(random() < 0.5 ? { invoiceLine: { invoiceId: `inv-${n}-${u}`, lineId: 'l1' } } : {}),
        }))),
        decoded(decodeCreditPackCommand({ type: 'RefundConsumption', packId, refundId: 'r1', consumptionId: 'c0', credits: '1', reason: 'Shorter edit', actor: staff, at: iso(70) })),
        decoded(decodeCreditPackCommand({ type: 'SetCreditStatus', packId, creditStatus: 'drive', specialNotes: 'call in May', actor: staff, at: iso(71) })),
      ];
      const plan = play(creditPack, creditPackEventCodec, creditPackStream(packId), commands, 'staff:bench', (c) => c.at);
      plans.push(plan);
      planned += plan.events.length;
    } else {
      const clientPackageId = `cp${n}`;
      const calls = 15 + Math.floor(random() * 15);
      const commands = [
        decoded(decodeClientPackageCommand({
          type: 'AssignClientPackage', clientPackageId, clientId: `client-${n % 200}`, package: {
            catalogPackageId: 'voip', name: 'VoIP 500', activationFee: { amount: '5.00', currency: 'USD' }, subscriptionFee: { amount: '20.00', currency: 'USD' },
            period: { unit: 'month', count: 1 }, limits: [{ type: 'volume', prefix: '38044', minutes: '500' }, { type: 'volume', prefix: '380', minutes: '200' }, { type: 'money', prefix: '44', amount: { amount: '50.00', currency: 'USD' } }],
          }, startDate: iso(0), quantity: 1, activateInPast: true, options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, actor: staff, at: iso(0),
        })),
        ...[0, 31, 59, 90].map((day) => decoded(decodeClientPackageCommand({ type: 'RunPackageManager', clientPackageId, clientBalance: { amount: '1000', currency: 'USD' }, actor: system, at: iso(day) }))),
      ];
      const usage = Array.from({ length: calls }, (_, u) => decoded(decodeClientPackageCommand({
        type: 'RateUsage', clientPackageId, usage: random() < 0.8
          ? { type: 'minutes', usageId: `u${u}`, destination: pick(['380441234', '380501234', '442071234', '1201555']), minutes: String(1 + Math.floor(random() * 30)) }
          : { type: 'money', usageId: `u${u}`, destination: '44207123', amount: { amount: '2.50', currency: 'USD' } },
        actor: system, at: iso(91 + (u % 20), u),
      })));
      const plan = play(clientPackage, clientPackageEventCodec, clientPackageStream(clientPackageId), [...commands, ...usage], 'system:bench', (c) => c.at);
      plans.push(plan);
      planned += plan.events.length;
    }
  }
  // Interleave the streams as concurrent writers would: one event of each stream in turn.
  const out: RecordedEvent[] = [];
  const revisions = plans.map(() => 0);
  let position = 0n;
  for (let round = 0; out.length < total; round++) {
    let any = false;
    for (let i = 0; i < plans.length && out.length < total; i++) {
      const plan = plans[i] as StreamPlan;
      const e = plan.events[round];
      if (e === undefined) continue;
      any = true;
      const revision = revisions[i] as number;
      revisions[i] = revision + 1;
      out.push({
        id: `${plan.stream}-${revision}`, stream: plan.stream, revision: BigInt(revision), position: position++, type: e.type, data: e.data as RecordedEvent['data'],
        metadata: { schemaVersion: e.schemaVersion, commandId: `${plan.stream}-${revision}`, correlationId: 'bench', causationId: 'bench', actor: e.actor, occurredAt: e.at },
      });
    }
    if (!any) break;
  }
  return out;
};

/** An in-memory store holding the generated events. */
export const storeOf = (events: readonly RecordedEvent[]): InMemoryEventStore => {
  const restored = InMemoryEventStore.restore(events);
  if (E.isLeft(restored)) throw new Error(restored.left.problem);
  return restored.right;
};
