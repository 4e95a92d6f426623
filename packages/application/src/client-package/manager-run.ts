import { clientPackageStream, decodeClientPackageCommand, type Actor, type ClientPackageEvent, type EntityId, type Instant, type Money } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { commandHandler } from '../command-handler';
import type { EventStore } from '../event-store';
import { loadStream } from '../load-stream';
import { clientPackageAggregate } from './aggregate';

/** What the package manager did with one package: the events it caused, and why it stopped. */
export interface ManagerRunOutcome {
  readonly clientPackageId: string;
  readonly events: readonly ClientPackageEvent['type'][];
  /** `done` when nothing more is due; otherwise the refusal code that stops it (start_date_not_reached, insufficient_balance, ...). */
  readonly stoppedBecause: string;
  readonly message: string;
}

/** What the package manager needs from its host. */
export interface PackageManagerDriver {
  readonly store: EventStore;
  readonly clientPackageIds: readonly string[];
  readonly at: Instant;
  readonly actor: Actor;
  /** The client's balance now (asked again after each step, since fees change it). */
  readonly balanceOf: (clientId: EntityId) => Promise<Money>;
  /** At most this many steps per package in one run (catch-up of several periods); default 100. */
  readonly maxSteps?: number;
}

/**
 * The package-manager service (seed 004): for each package, applies the pure policy
 * (`RunPackageManager`) until nothing more is due, so a package whose periods were missed
 * (downtime, "activate in the past") catches up period by period. Each step has a command
 * id of the package, the run's instant and the step, so a run repeated at the same instant
 * sends nothing new.
 *
 * @example
 * const outcomes = await runPackageManager({ store, clientPackageIds, at: now, actor: manager, balanceOf: billing.balance });
 */
export const runPackageManager = async (driver: PackageManagerDriver): Promise<ManagerRunOutcome[]> => {
  const handle = commandHandler(driver.store, clientPackageAggregate);
  const outcomes: ManagerRunOutcome[] = [];
  for (const clientPackageId of driver.clientPackageIds) {
    const events: ClientPackageEvent['type'][] = [];
    let stoppedBecause = 'done';
    let message = 'nothing more is due';
    for (let step = 0; step < (driver.maxSteps ?? 100); step++) {
      const loaded = await loadStream(driver.store, clientPackageAggregate, clientPackageStream(clientPackageId));
      if (E.isLeft(loaded) || loaded.right.state.kind !== 'assigned') {
        stoppedBecause = E.isLeft(loaded) ? 'unreadable' : 'client_package_not_found';
        message = E.isLeft(loaded) ? loaded.left.message : `no client package ${clientPackageId}`;
        break;
      }
      const balance = await driver.balanceOf(loaded.right.state.clientId);
      const command = decodeClientPackageCommand({
        type: 'RunPackageManager', clientPackageId, clientBalance: { amount: balance.amount.toFixed(), currency: balance.currency }, actor: driver.actor, at: driver.at,
      });
      if (E.isLeft(command)) throw new Error(command.left.message);
      const outcome = await handle(command.right, { commandId: `manager:${clientPackageId}:${driver.at}:${step}` });
      if (E.isLeft(outcome)) {
        stoppedBecause = outcome.left.kind === 'refused' ? outcome.left.refusal.code : outcome.left.kind;
        message = outcome.left.kind === 'refused' ? outcome.left.refusal.message : outcome.left.error.message;
        break;
      }
      if (outcome.right.events.length === 0) break;
      if (!outcome.right.duplicate) events.push(...outcome.right.events.map((e) => e.type));
      // A deferral is recorded once; the package waits for a later run with more balance.
      if (outcome.right.events.some((e) => e.type === 'ClientPackageRenewalDeferred' || e.type === 'ClientPackageArchived')) break;
    }
    outcomes.push({ clientPackageId, events, stoppedBecause, message });
  }
  return outcomes;
};
