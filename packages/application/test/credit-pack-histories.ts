// Random credit-pack command sequences for property tests: a pack issued first, then any mix
// of what happens to packs (most are accepted, some refused), with instants that move forward.
import fc from 'fast-check';
import type { CreditPackCommand } from '@packledger/domain';
import { accounts, command, projectManager, sales, scheduler } from './credit-packs';

const T0 = Date.parse('2026-01-31T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Issued packs expire six months after T0. */
const EXPIRY = Date.parse('2026-07-31T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const consumptionIds = Array.from({ length: 12 }, (_, i) => `use-${i + 1}`);
const credits = fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), fc.integer({ min: 1, max: 400 }).map((n) => (n / 100).toFixed(2)));
const project = { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] };

type Step = (packId: string, at: string) => Record<string, unknown>;

const everyday: fc.Arbitrary<{ readonly make: Step }> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ id: fc.constantFrom(...consumptionIds), credits }).map(({ id, credits: c }) => ({
    make: (packId: string, at: string) => ({ type: 'ConsumeCredits', packId, consumptionId: id, credits: c, project, productId: 'edit-day', actor: projectManager, at }),
  })) },
  { weight: 4, arbitrary: fc.record({ refund: fc.integer({ min: 1, max: 6 }), id: fc.constantFrom(...consumptionIds.slice(0, 3)), credits: fc.constantFrom('0.5', '1') }).map(({ refund, id, credits: c }) => ({
    make: (packId: string, at: string) => ({ type: 'RefundConsumption', packId, refundId: `refund-${refund}`, consumptionId: id, credits: c, reason: 'Shorter edit', actor: projectManager, at }),
  })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => ({
    make: (packId: string, at: string) => ({ type: 'CorrectCreditValue', packId, correctedCredits: String(n), reason: 'Keyed wrongly', actor: accounts, at }),
  })) },
  { weight: 1, arbitrary: fc.constantFrom('Pack A', 'Pack B').map((name) => ({
    make: (packId: string, at: string) => ({ type: 'EditPackDetails', packId, name, projectManagerId: 'pm-2', actor: projectManager, at }),
  })) },
  { weight: 1, arbitrary: fc.constantFrom('', 'credit drive Q2').map((status) => ({
    make: (packId: string, at: string) => ({ type: 'SetCreditStatus', packId, creditStatus: status, specialNotes: status === '' ? '' : 'Offer a top-up', actor: projectManager, at }),
  })) },
  { weight: 1, arbitrary: fc.constant({
    make: (packId: string) => ({ type: 'RecordExpiryWarning', packId, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: iso(EXPIRY - 10 * DAY) }),
  }) },
);

/** What ends a pack's active life: a reissue, a cancellation or expiry. */
const ending: fc.Arbitrary<{ readonly make: Step }> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({
    make: (packId: string) => ({ type: 'ReissueToNewOwner', packId, newPackId: `${packId}-reissued`, newOwner: { type: 'user', userId: 'kim', officeId: 'london', companyId: 'acme' }, reason: 'Wrong owner', actor: accounts, at: iso(T0 + DAY) }),
  }) },
  { weight: 1, arbitrary: fc.constant({ make: (packId: string) => ({ type: 'CancelPack', packId, reason: 'Order cancelled', actor: sales, at: iso(T0 + DAY) }) }) },
  { weight: 1, arbitrary: fc.constant({ make: (packId: string) => ({ type: 'ExpirePack', packId, actor: scheduler, at: iso(EXPIRY + DAY) }) }) },
);

/**
 * A pack's life: issued with 10 to 40 credits, up to `maxSteps` everyday commands, maybe an
 * ending (reissue, cancellation, expiry), and a few commands after it (mostly refused).
 */
export const creditPackHistory = (packId: string, maxSteps = 40): fc.Arbitrary<readonly CreditPackCommand[]> =>
  fc.tuple(
    fc.integer({ min: 10, max: 40 }),
    fc.array(everyday, { maxLength: maxSteps, size: 'large' }),
    fc.option(ending),
    fc.array(everyday, { maxLength: 3 }),
  ).map(([issued, before, end, after]) => [
    command({
      type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: 'Production pack', owner: { type: 'office', officeId: 'london', companyId: 'acme' },
      credits: String(issued), price: { amount: '950.00', currency: 'GBP' }, linkedProducts: ['edit-day'], relationshipManagerId: 'sam',
      projectManagerId: 'pat', invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: 6 }, actor: sales, at: iso(T0),
    }),
    // Everyday commands are an hour apart; warnings and expiry carry the instant they are due at.
    ...[...before, ...(end === null ? [] : [end]), ...after].map((s, i) => command(s.make(packId, iso(T0 + (i + 1) * HOUR)))),
  ]);
