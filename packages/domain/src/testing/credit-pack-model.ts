/**
 * A reference model of one credit pack, written independently of the decider, and fast-check
 * arbitraries built on it: model-based commands for `fc.commands` and histories for
 * `fc.property`. Every generated command goes through the real decider and is checked
 * against the model's verdict; your own ledger rules are checked after every accepted
 * command. The pack lives in a fixed world: {@link creditPackModelWorld}.
 */
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { creditPack, decodeCreditPackCommand, type CreditPackCommand, type CreditPackEvent, type CreditPackState } from '../credit-pack';

/** The fixed world of the model: one pack of the London office of acme, expiring 30 days after the run starts. */
export const creditPackModelWorld = {
  packId: 'p',
  startsAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-31T00:00:00.000Z',
  owner: { type: 'office', officeId: 'london', companyId: 'acme' },
  linkedProduct: 'edit',
  staff: { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] },
} as const;

const T0 = Date.parse(creditPackModelWorld.startsAt);
const EXPIRES = Date.parse(creditPackModelWorld.expiresAt);
const iso = (ms: number) => new Date(ms).toISOString();
const { packId, staff, owner, linkedProduct } = creditPackModelWorld;

/** What the reference model knows of the pack: the ledger's sums, kept with plain decimal arithmetic. */
export interface CreditPackLedgerModel {
  now: number;
  issuedCredits: Decimal | undefined;
  status: 'active' | 'cancelled' | 'expired';
  reissued: boolean;
  /** Issued credits plus corrections. */
  value: Decimal;
  consumed: Decimal;
  refunded: Decimal;
  /** Moved to a new pack by a reissue. */
  transferred: Decimal;
  consumptions: Map<string, { credits: Decimal; projectId: string; refunded: Decimal }>;
  refunds: Map<string, { consumptionId: string; credits: Decimal }>;
  lastAcceptedConsume: CreditPackCommand | undefined;
}

/** The real side of a run: the events the decider accepted, and the state they fold to. */
export interface CreditPackRun {
  events: CreditPackEvent[];
  state: CreditPackState;
}

/**
 * A rule of your own, checked after every accepted command: throw (for instance with your
 * test framework's `expect`) or return `false` to fail the run.
 */
export type CreditPackInvariant = (run: Readonly<CreditPackRun>, model: Readonly<CreditPackLedgerModel>) => unknown;

/** The model's remaining balance: value + refunds - consumptions - reissued. */
export const modelRemaining = (m: Readonly<CreditPackLedgerModel>): Decimal => m.value.plus(m.refunded).minus(m.consumed).minus(m.transferred);

/** A fresh model and run, for `fc.modelRun(creditPackModelSetup, commands)`. */
export const creditPackModelSetup = (): { model: CreditPackLedgerModel; real: CreditPackRun } => ({
  model: {
    now: T0, issuedCredits: undefined, status: 'active', reissued: false, value: new Decimal(0), consumed: new Decimal(0), refunded: new Decimal(0),
    transferred: new Decimal(0), consumptions: new Map(), refunds: new Map(), lastAcceptedConsume: undefined,
  },
  real: { events: [], state: creditPack.initialState },
});

/** The model's verdict on a command: accepted with events, accepted with none, or a refusal code. */
type Verdict = 'accept' | 'nothing' | string;
type ModelCommand = fc.Command<CreditPackLedgerModel, CreditPackRun>;

const decoded = (json: Record<string, unknown>): CreditPackCommand => {
  const c = decodeCreditPackCommand(json);
  if (E.isLeft(c)) throw new Error(`the model built a command that does not decode: ${c.left.message}`);
  return c.right;
};

const usableVerdict = (m: CreditPackLedgerModel): Verdict | undefined =>
  m.status === 'cancelled' ? 'pack_cancelled' : m.status === 'expired' || m.now >= EXPIRES ? 'pack_expired' : undefined;

const half = (n: number) => new Decimal(n).div(2);

/** Decides a command, compares with the model's verdict, applies the events, checks the invariants. */
const step = (invariants: readonly CreditPackInvariant[]) => (real: CreditPackRun, m: CreditPackLedgerModel, cmd: CreditPackCommand, expected: Verdict, onAccept: () => void): void => {
  const outcome = creditPack.decide(cmd, real.state);
  const actual = E.isLeft(outcome) ? outcome.left.code : outcome.right.length === 0 ? 'nothing' : 'accept';
  if (actual !== expected) throw new Error(`${cmd.type}: the model expected ${expected}, the decider said ${actual}${E.isLeft(outcome) ? ` (${outcome.left.message})` : ''}`);
  if (E.isLeft(outcome)) return;
  for (const e of outcome.right) {
    real.events.push(e);
    real.state = creditPack.evolve(real.state, e);
  }
  if (actual === 'accept') onAccept();
  for (const invariant of invariants) {
    if (invariant(real, m) === false) throw new Error(`an invariant returned false after ${cmd.type} (${real.events.length} events)`);
  }
};

type Step = ReturnType<typeof step>;

const issue = (credits: number, run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const c = new Decimal(credits);
    const verdict = m.issuedCredits !== undefined ? (m.issuedCredits.eq(c) ? 'nothing' : 'pack_already_exists') : m.now >= EXPIRES ? 'expiry_not_after_issue' : 'accept';
    run(r, m, decoded({ type: 'IssueCreditPack', packId, orderId: 'o', name: 'Pack', owner, credits: c.toFixed(), price: { amount: '100', currency: 'EUR' },
      linkedProducts: [linkedProduct], relationshipManagerId: 'rm', projectManagerId: 'pm', invoiceContactId: 'ic', expiry: { type: 'on', at: iso(EXPIRES) }, actor: staff, at: iso(m.now) }),
    verdict, () => {
      m.issuedCredits = c;
      m.value = c;
    });
  },
  toString: () => `Issue(${credits})`,
});

const consume = (id: number, halves: number, project: number, eligible: boolean, linked: boolean, run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const credits = half(halves);
    const consumptionId = `c${id}`;
    const projectId = `proj${project}`;
    const cmd = decoded({ type: 'ConsumeCredits', packId, consumptionId, credits: credits.toFixed(), productId: linked ? linkedProduct : 'grade',
      project: { projectId, companyId: owner.companyId, officeId: eligible ? owner.officeId : 'paris', contactUserIds: [] }, actor: staff, at: iso(m.now) });
    const earlier = m.consumptions.get(consumptionId);
    const remaining = modelRemaining(m);
    const verdict: Verdict =
      m.issuedCredits === undefined ? 'pack_not_found'
        : earlier !== undefined ? (earlier.credits.eq(credits) && earlier.projectId === projectId && linked && eligible ? 'nothing' : 'consumption_id_conflict')
          : usableVerdict(m) ?? (!linked ? 'product_not_linked' : !eligible ? 'project_not_eligible' : remaining.isZero() ? 'pack_exhausted' : credits.gt(remaining) ? 'insufficient_credits' : 'accept');
    run(r, m, cmd, verdict, () => {
      m.consumptions.set(consumptionId, { credits, projectId, refunded: new Decimal(0) });
      m.consumed = m.consumed.plus(credits);
      m.lastAcceptedConsume = cmd;
    });
  },
  toString: () => `Consume(c${id}, ${half(halves).toFixed()}, proj${project}, eligible=${eligible}, linked=${linked})`,
});

const retryLastConsumption = (run: Step): ModelCommand => ({
  check: (m) => m.lastAcceptedConsume !== undefined,
  run: (m, r) => {
    if (m.lastAcceptedConsume !== undefined) run(r, m, m.lastAcceptedConsume, 'nothing', () => undefined);
  },
  toString: () => 'RetryLastConsumption',
});

const refund = (refundNo: number, consumptionNo: number, halves: number, run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const credits = half(halves);
    const refundId = `r${refundNo}`;
    const consumptionId = `c${consumptionNo}`;
    const earlier = m.refunds.get(refundId);
    const consumption = m.consumptions.get(consumptionId);
    const verdict: Verdict =
      m.issuedCredits === undefined ? 'pack_not_found'
        : earlier !== undefined ? (earlier.consumptionId === consumptionId && earlier.credits.eq(credits) ? 'nothing' : 'refund_id_conflict')
          : usableVerdict(m) ?? (consumption === undefined ? 'consumption_not_found' : credits.gt(consumption.credits.minus(consumption.refunded)) ? 'refund_exceeds_consumption' : 'accept');
    run(r, m, decoded({ type: 'RefundConsumption', packId, refundId, consumptionId, credits: credits.toFixed(), reason: 'returned', actor: staff, at: iso(m.now) }), verdict, () => {
      if (consumption === undefined) return;
      consumption.refunded = consumption.refunded.plus(credits);
      m.refunds.set(refundId, { consumptionId, credits });
      m.refunded = m.refunded.plus(credits);
    });
  },
  toString: () => `Refund(r${refundNo}, c${consumptionNo}, ${half(halves).toFixed()})`,
});

const correct = (to: number, run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const value = new Decimal(to);
    const used = m.consumed.minus(m.refunded).plus(m.transferred);
    const verdict: Verdict = m.issuedCredits === undefined ? 'pack_not_found'
      : usableVerdict(m) ?? (value.eq(m.value) ? 'nothing' : value.lt(used) ? 'correction_below_used' : 'accept');
    run(r, m, decoded({ type: 'CorrectCreditValue', packId, correctedCredits: value.toFixed(), reason: 'typo', actor: staff, at: iso(m.now) }), verdict, () => {
      m.value = value;
    });
  },
  toString: () => `Correct(${to})`,
});

const cancel = (run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const verdict: Verdict = m.issuedCredits === undefined ? 'pack_not_found' : m.status === 'cancelled' ? 'nothing' : m.status === 'expired' ? 'pack_expired' : 'accept';
    run(r, m, decoded({ type: 'CancelPack', packId, reason: 'order cancelled', actor: staff, at: iso(m.now) }), verdict, () => {
      m.status = 'cancelled';
    });
  },
  toString: () => 'Cancel',
});

const expire = (run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const verdict: Verdict = m.issuedCredits === undefined ? 'pack_not_found' : m.status !== 'active' ? 'nothing' : m.now < EXPIRES ? 'not_yet_expired' : 'accept';
    run(r, m, decoded({ type: 'ExpirePack', packId, actor: { kind: 'system', name: 'expiry' }, at: iso(m.now) }), verdict, () => {
      m.status = 'expired';
    });
  },
  toString: () => 'Expire',
});

const reissue = (run: Step): ModelCommand => ({
  check: () => true,
  run: (m, r) => {
    const verdict: Verdict = m.issuedCredits === undefined ? 'pack_not_found' : m.reissued ? 'nothing'
      : usableVerdict(m) ?? (modelRemaining(m).isZero() ? 'nothing_to_reissue' : 'accept');
    run(r, m, decoded({ type: 'ReissueToNewOwner', packId, newPackId: `${packId}2`, newOwner: { type: 'user', userId: 'kim', officeId: owner.officeId, companyId: owner.companyId },
      reason: 'wrong owner', actor: staff, at: iso(m.now) }), verdict, () => {
      m.transferred = m.transferred.plus(modelRemaining(m));
      m.status = 'cancelled';
      m.reissued = true;
    });
  },
  toString: () => 'Reissue',
});

const wait = (hours: number): ModelCommand => ({
  check: () => true,
  run: (m) => {
    m.now += hours * 3_600_000;
  },
  toString: () => `Wait(${hours}h)`,
});

/**
 * The commands of a model-based test of a credit pack, for `fc.commands`: issue, consume
 * (eligible or not, linked product or not), a retried consumption, refund, Accounts
 * correction, cancel, expire, reissue to a new owner, and time passing (past expiry too).
 * Each runs through the real decider, must get the model's verdict, and leaves your
 * invariants true.
 *
 * @example
 * fc.assert(fc.property(fc.commands(creditPackModelCommands([neverNegative]), { maxCommands: 60 }), (cmds) => {
 *   fc.modelRun(creditPackModelSetup, cmds);
 * }));
 */
export const creditPackModelCommands = (invariants: readonly CreditPackInvariant[] = []): fc.Arbitrary<ModelCommand>[] => {
  const run = step(invariants);
  return [
    fc.integer({ min: 1, max: 60 }).map((n) => issue(n, run)),
    fc.integer({ min: 1, max: 60 }).map((n) => issue(n, run)),
    fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 30 }), fc.nat(2), fc.boolean(), fc.boolean())
      .map(([id, halves, project, eligible, linked]) => consume(id, halves, project, eligible || !linked ? eligible : true, linked, run)),
    fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 30 }), fc.nat(2)).map(([id, halves, project]) => consume(id, halves, project, true, true, run)),
    fc.constant(retryLastConsumption(run)),
    fc.tuple(fc.nat(3), fc.nat(6), fc.integer({ min: 1, max: 20 })).map(([r, c, halves]) => refund(r, c, halves, run)),
    fc.integer({ min: 1, max: 80 }).map((n) => correct(n, run)),
    fc.constant(cancel(run)),
    fc.constant(expire(run)),
    fc.constant(reissue(run)),
    fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 200, max: 800 })).map((h) => wait(h)),
  ];
};

/**
 * Any history of one credit pack that the decider accepts: random commands (those of
 * {@link creditPackModelCommands}) decided in order, refusals dropped, each checked against
 * the model. Shrinks to the shortest history that breaks your property.
 *
 * @example
 * fc.assert(fc.property(creditPackHistory(), ({ events, state }) => state.kind !== 'issued' || !state.remaining.isNegative()));
 */
export const creditPackHistory = (options: { readonly maxCommands?: number } = {}): fc.Arbitrary<CreditPackRun & { readonly model: CreditPackLedgerModel }> =>
  fc.array(fc.oneof(...creditPackModelCommands()), { maxLength: options.maxCommands ?? 40 }).map((commands) => {
    const { model, real } = creditPackModelSetup();
    for (const c of commands) if (c.check(model)) c.run(model, real);
    return { ...real, model };
  });
