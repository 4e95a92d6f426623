import { runBillRun, runPackageManager, type EventStore } from '@packledger/application';
import { InjectedFault } from '@packledger/application/testing';
import { Actor, InstantString, decodeWith, type BillRun, type Instant, type LocalDate, type Money } from '@packledger/domain';
import Decimal from 'decimal.js';
import * as E from 'fp-ts/Either';
import { instantOn, scheduler } from './commands';

const decoded = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** The scheduler as a decoded actor, for the drivers that take one. */
export const schedulerActor: Actor = decoded(decodeWith(Actor, scheduler));

/** A decoded instant `day` days after 2026-01-01 (plus minutes). */
export const instant = (day: number, minute = 0): Instant => decoded(decodeWith(InstantString, instantOn(day, minute)));

/** A bill run of `[start, end)` billing charges and usage. */
export const billRunOf = (period: { readonly start: string; readonly end: string }): BillRun => ({
  billPeriod: { start: period.start as LocalDate, end: period.end as LocalDate },
  billCharges: true, billUsage: true, invoiceTopUp: false, runContractCommitment: false, collectPayment: false, runDunning: false, deliverInvoice: false,
});

/** How a host's scheduled job ended: done, or given up after this many attempts. */
export interface JobOutcome {
  readonly attempts: number;
  readonly done: boolean;
  readonly lastProblem: string | undefined;
}

/**
 * Runs a scheduled job the way a host's scheduler does: again, from the start, after a
 * store fault or a refusal to proceed (a conflict beyond retries), at most `maxAttempts`
 * times. Each job's command ids depend only on what it does, so running it again is safe.
 */
const retried = async (maxAttempts: number, attempt: () => Promise<string | undefined>): Promise<JobOutcome> => {
  let lastProblem: string | undefined;
  for (let n = 1; n <= maxAttempts; n++) {
    try {
      lastProblem = await attempt();
      if (lastProblem === undefined) return { attempts: n, done: true, lastProblem };
    } catch (error) {
      if (!(error instanceof InjectedFault)) throw error;
      lastProblem = error.message;
    }
  }
  return { attempts: maxAttempts, done: false, lastProblem };
};

/** A bill run of the accounts' packages for one period, run until it completes. */
export const billRunJob = (store: EventStore, accountPackageIds: readonly string[], period: { readonly start: string; readonly end: string }, day: number, maxAttempts = 40): Promise<JobOutcome> =>
  retried(maxAttempts, async () => {
    const report = await runBillRun({ store, accountPackageIds, run: billRunOf(period), actor: schedulerActor, at: instant(day, 5) });
    return E.isLeft(report) ? report.left.message : undefined;
  });

/** A package-manager run over client packages at one instant, run until no package stopped for a conflict or a fault. */
export const packageManagerJob = (store: EventStore, clientPackageIds: readonly string[], day: number, maxAttempts = 40): Promise<JobOutcome> =>
  retried(maxAttempts, async () => {
    const balance: Money = { amount: new Decimal('1000'), currency: 'USD' } as Money;
    const outcomes = await runPackageManager({ store, clientPackageIds, at: instant(day, 10), actor: schedulerActor, balanceOf: async () => balance });
    const stuck = outcomes.find((o) => o.stoppedBecause === 'conflict' || o.stoppedBecause === 'unreadable');
    return stuck === undefined ? undefined : `${stuck.clientPackageId}: ${stuck.message}`;
  });
