import * as E from 'fp-ts/Either';
import type { Actor, EntityId, Instant, LocalDate } from '../kernel';
import type { CancellationBillingOption } from './catalog';
import type { CancelAccountPackage, TransferAccountPackage } from './commands';
import { decideAccountPackage } from './decide';
import type { AccountPackageError } from './errors';
import type { AccountPackageState } from './state';
import { decideTransferAccountPackage, type TransferPlan, type TransferReport } from './transfer';

/** The Bulk Operations pop-up, for cancelling: one date and billing option for every selected package. */
export interface BulkCancelRequest {
  readonly cancellationDate: LocalDate;
  readonly billingOption: CancellationBillingOption;
  readonly waiveEarlyTerminationFee: boolean;
  readonly reason?: string;
  readonly actor: Actor;
  readonly at: Instant;
}

/** A bulk operation's report: each package moved or cancelled as a whole, or refused with the reason. */
export interface BulkOperationReport<Done> {
  readonly succeeded: readonly Done[];
  readonly failed: readonly { readonly accountPackageId: EntityId; readonly code: string; readonly message: string; readonly facts: Readonly<Record<string, unknown>> }[];
}

/** The CancelAccountPackage command of a bulk cancel for one package. */
export const bulkCancelCommand = (accountPackageId: EntityId, r: BulkCancelRequest): CancelAccountPackage => ({
  type: 'CancelAccountPackage',
  accountPackageId,
  cancellationDate: r.cancellationDate,
  billingOption: r.billingOption,
  waiveEarlyTerminationFee: r.waiveEarlyTerminationFee,
  ...(r.reason === undefined ? {} : { reason: r.reason }),
  actor: r.actor,
  at: r.at,
});

const failure = (accountPackageId: EntityId, e: AccountPackageError) => ({ accountPackageId, code: e.code, message: e.message, facts: e.facts });

/**
 * Plans a bulk cancel: decides each package's cancellation purely against its state (the
 * driver appends the accepted ones through the command handler, which decides again).
 */
export const planBulkCancel = (packages: readonly { readonly accountPackageId: EntityId; readonly state: AccountPackageState }[], r: BulkCancelRequest): BulkOperationReport<CancelAccountPackage> => {
  const succeeded: CancelAccountPackage[] = [];
  const failed: BulkOperationReport<CancelAccountPackage>['failed'][number][] = [];
  for (const { accountPackageId, state } of packages) {
    const command = bulkCancelCommand(accountPackageId, r);
    const outcome = decideAccountPackage(command, state);
    if (E.isLeft(outcome)) failed.push(failure(accountPackageId, outcome.left));
    else succeeded.push(command);
  }
  return { succeeded, failed };
};

/** A package's transfer, planned: the source command, the target command, and what is carried. */
export interface PlannedTransfer extends TransferPlan {
  readonly command: TransferAccountPackage;
  readonly report: TransferReport;
}

/**
 * Plans a bulk transfer: each package all or nothing (see `decideTransferAccountPackage`),
 * one package's refusal never stopping another's.
 */
export const planBulkTransfer = (items: readonly { readonly state: AccountPackageState; readonly command: TransferAccountPackage }[]): BulkOperationReport<PlannedTransfer> => {
  const succeeded: PlannedTransfer[] = [];
  const failed: BulkOperationReport<PlannedTransfer>['failed'][number][] = [];
  for (const { state, command } of items) {
    const plan = decideTransferAccountPackage(command, state);
    if (E.isLeft(plan)) failed.push(failure(command.accountPackageId, plan.left));
    else succeeded.push({ ...plan.right, command });
  }
  return { succeeded, failed };
};
