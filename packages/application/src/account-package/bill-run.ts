import {
  billPackageCommand,
  billRunReport,
  planBillRun,
  accountPackageStream,
  type AccountBillingTerms,
  type AccountPackageState,
  type Actor,
  type BillRun,
  type BillRunReport,
  type EntityId,
  type Instant,
  type PackageRunOutcome,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { DEFAULT_CACHED_STREAMS, commandHandler } from '../command-handler';
import type { EventStore } from '../event-store';
import { loadCached, streamCache } from '../stream-cache';
import { accountPackageAggregate } from './aggregate';

/** What a bill run needs from its host. */
export interface BillRunDriver {
  readonly store: EventStore;
  /** The packages to consider (from the billing view, or {@link streamIdsOf}). */
  readonly accountPackageIds: readonly string[];
  readonly run: BillRun;
  /** Who runs it (the scheduler, or an Accounts user) and when. */
  readonly actor: Actor;
  readonly at: Instant;
  /**
   * The invoice number of an account for a bill period. It must be the same every time it
   * is asked for the same account and period, so that a crashed run, run again, puts the
   * packages on the same invoice. Default: `<accountId>-<period start>`.
   */
  readonly invoiceNumber?: (accountId: EntityId, run: BillRun) => string;
  readonly accountTerms?: Readonly<Record<string, AccountBillingTerms>>;
}

/**
 * A bill run over many accounts: loads the packages, plans which are due (pure policy,
 * `planBillRun`), bills each on its account's invoice through the command handler, and
 * reports per account. Safe to run twice for the same period: each BillPackage has a
 * command id of its package and period (a retry returns the first outcome), and the decider
 * bills a period at most once (a second billing adds nothing).
 *
 * @example
 * const report = await runBillRun({ store, accountPackageIds, run: may2026, actor: scheduler, at: now });
 * for (const account of report.accounts) console.log(account.accountId, account.invoiceNumbers, account.totals);
 */
export const runBillRun = async (driver: BillRunDriver): Promise<E.Either<Error, BillRunReport>> => {
  const { store, run, actor, at } = driver;
  // The handler shares the streams loaded for planning, so each package is decoded once.
  const streams = streamCache<AccountPackageState>(Math.max(DEFAULT_CACHED_STREAMS, driver.accountPackageIds.length));
  const handle = commandHandler(store, accountPackageAggregate, { streams });
  const states = new Map<string, AccountPackageState>();
  for (const id of driver.accountPackageIds) {
    const loaded = await loadCached(store, accountPackageAggregate, accountPackageStream(id), streams);
    if (E.isLeft(loaded)) return E.left(new Error(loaded.left.message));
    states.set(id, loaded.right.state);
  }
  const plan = planBillRun([...states.values()], run);
  const invoiceNumber = driver.invoiceNumber ?? ((accountId: EntityId, r: BillRun) => `${accountId}-${r.billPeriod.start}`);
  const outcomes: PackageRunOutcome[] = [];
  for (const account of plan.accounts) {
    const invoice = invoiceNumber(account.accountId, run);
    for (const accountPackageId of account.accountPackageIds) {
      const state = states.get(accountPackageId);
      if (state?.kind !== 'package') continue;
      const command = billPackageCommand(state, run, invoice, actor, at);
      const outcome = await handle(command, { commandId: `bill:${accountPackageId}:${run.billPeriod.start}:${run.billPeriod.end}` });
      if (E.isRight(outcome)) {
        outcomes.push(outcome.right.events.length === 0
          ? { accountPackageId, accountId: account.accountId, result: 'nothing' }
          : { accountPackageId, accountId: account.accountId, result: 'billed', events: outcome.right.events });
      } else if (outcome.left.kind === 'refused') {
        outcomes.push({ accountPackageId, accountId: account.accountId, result: 'refused', error: outcome.left.refusal });
      } else {
        return E.left(new Error(outcome.left.error.message));
      }
    }
  }
  return E.right(billRunReport(plan, run, outcomes, driver.accountTerms));
};

/**
 * The ids of every instance of an aggregate in a store, found from the event that starts
 * each stream (for hosts without a view to ask).
 *
 * @example
 * const ids = await streamIdsOf(store, 'accountPackage-', 'AccountPackageAdded');
 */
export const streamIdsOf = async (store: EventStore, prefix: string, firstEventType: string): Promise<string[]> => {
  const ids: string[] = [];
  for await (const e of store.readAll({ filter: { streamPrefixes: [prefix], eventTypes: [firstEventType] } })) {
    if (e.revision === 0n) ids.push(e.stream.slice(prefix.length));
  }
  return ids;
};
