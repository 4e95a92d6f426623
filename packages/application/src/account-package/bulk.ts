import {
  accountPackageStream,
  decideTransferAccountPackage,
  planBulkCancel,
  planBulkTransfer,
  transferredPackageCommand,
  type AccountPackageCommand,
  type AccountPackageError,
  type AccountPackageEvent,
  type AccountPackageState,
  type BulkCancelRequest,
  type BulkOperationReport,
  type CancelAccountPackage,
  type EntityId,
  type TransferAccountPackage,
  type TransferReport,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { commandHandler, type CommandHandler } from '../command-handler';
import type { EventStore } from '../event-store';
import { loadStream } from '../load-stream';
import { accountPackageAggregate } from './aggregate';

type Failed = BulkOperationReport<unknown>['failed'][number];
type Handle = CommandHandler<AccountPackageCommand, AccountPackageEvent, AccountPackageError>;

/** What a bulk cancel needs from its host. */
export interface BulkCancelDriver {
  readonly store: EventStore;
  /** The packages selected for cancelling. */
  readonly accountPackageIds: readonly EntityId[];
  readonly request: BulkCancelRequest;
  /**
   * The id of this bulk operation (one per press of the button), reused when it is run again
   * after a crash: each package's command id is derived from it, so a package is cancelled
   * once however many times the operation runs.
   */
  readonly operationId: string;
}

/** What a bulk transfer needs from its host. */
export interface BulkTransferDriver {
  readonly store: EventStore;
  /** One transfer per selected package, each naming its target account and package. */
  readonly transfers: readonly TransferAccountPackage[];
  /** As for {@link BulkCancelDriver.operationId}. */
  readonly operationId: string;
}

const loadState = async (store: EventStore, accountPackageId: EntityId): Promise<E.Either<Error, AccountPackageState>> => {
  const loaded = await loadStream(store, accountPackageAggregate, accountPackageStream(accountPackageId));
  return E.isLeft(loaded) ? E.left(new Error(loaded.left.message)) : E.right(loaded.right.state);
};

const failed = (accountPackageId: EntityId, code: string, message: string, facts: Readonly<Record<string, unknown>>): Failed => ({ accountPackageId, code, message, facts });

/**
 * Handles one command; a refusal or a lost race becomes the package's line in the report,
 * an unreadable stream stops the operation (it is not the package's fault, and running the
 * operation again once the stream is fixed picks up where it stopped).
 */
const handleOne = async (handle: Handle, accountPackageId: EntityId, command: AccountPackageCommand, commandId: string): Promise<E.Either<Error, E.Either<Failed, readonly AccountPackageEvent[]>>> => {
  const outcome = await handle(command, { commandId });
  if (E.isRight(outcome)) return E.right(E.right(outcome.right.events));
  const f = outcome.left;
  switch (f.kind) {
    case 'refused': return E.right(E.left(failed(accountPackageId, f.refusal.code, f.refusal.message, f.refusal.facts)));
    case 'conflict': return E.right(E.left(failed(accountPackageId, f.error.code, f.error.message, f.error.facts)));
    case 'unreadable': return E.left(new Error(f.error.message));
  }
};

/**
 * Cancels many packages with one cancellation date and billing option (the Bulk Operations
 * pop-up). Each package is cancelled as a whole or refused with its reason (an inactive
 * package, a date inside a billed period, ...); one refusal never stops another package.
 * Safe to run again with the same `operationId` after a crash.
 *
 * @example
 * const report = await runBulkCancel({ store, accountPackageIds: ['ap-1', 'ap-2'], operationId: nanoid(),
 *   request: { cancellationDate: '2026-03-01', billingOption: 'prorate', waiveEarlyTerminationFee: false, actor, at } });
 * // report.right.succeeded: the CancelAccountPackage commands appended; report.right.failed: code and message per refusal
 */
export const runBulkCancel = async (driver: BulkCancelDriver): Promise<E.Either<Error, BulkOperationReport<CancelAccountPackage>>> => {
  const { store, request, operationId } = driver;
  const handle: Handle = commandHandler(store, accountPackageAggregate);
  const packages: { accountPackageId: EntityId; state: AccountPackageState }[] = [];
  for (const accountPackageId of driver.accountPackageIds) {
    const state = await loadState(store, accountPackageId);
    if (E.isLeft(state)) return state;
    packages.push({ accountPackageId, state: state.right });
  }
  const plan = planBulkCancel(packages, request);
  const succeeded: CancelAccountPackage[] = [];
  const refused: Failed[] = [...plan.failed];
  for (const command of plan.succeeded) {
    const outcome = await handleOne(handle, command.accountPackageId, command, `bulk-cancel:${operationId}:${command.accountPackageId}`);
    if (E.isLeft(outcome)) return outcome;
    if (E.isLeft(outcome.right)) refused.push(outcome.right.left);
    else succeeded.push(command);
  }
  return E.right({ succeeded, failed: refused });
};

/**
 * The target stream may be written only if it is empty, or already holds this very
 * transfer's package (an operation run again after a crash between the two halves).
 */
const targetIsFree = (target: AccountPackageState, c: TransferAccountPackage, sourceAccountId: EntityId): E.Either<Failed, void> => {
  if (target.kind !== 'package') return E.right(undefined);
  const from = target.transferredFrom;
  if (from?.accountPackageId === c.accountPackageId && from.accountId === sourceAccountId) return E.right(undefined);
  return E.left(failed(c.accountPackageId, 'target_exists', `Account package ${c.targetAccountPackageId} already exists on account ${target.account.accountId}; transfer to a new package id.`,
    { targetAccountPackageId: c.targetAccountPackageId, targetAccountId: target.account.accountId }));
};

/**
 * Moves many packages to other accounts (the seed's bulk transfer): for each, the source
 * records `AccountPackageTransferred` and is cancelled on the effective date, then the target
 * package is added from that event alone (usage identifiers and custom fields carried; usage
 * buckets, rate plans and share plans left behind). Each package all or nothing: every rule
 * of the move, the target's add included, is checked before the source is written, and a
 * target id already in use refuses the package. The two halves are two streams; a crash or a
 * store failure between them leaves the source transferred and the target missing, and
 * running the operation again (same `operationId`, same transfers) adds the target and
 * changes nothing else. The report lists each moved package with what was carried and left
 * behind, and each refused one with its reason.
 *
 * @example
 * const report = await runBulkTransfer({ store, operationId: nanoid(), transfers: [transferOfAp1, transferOfAp2] });
 * if (E.isRight(report)) for (const f of report.right.failed) console.log(f.accountPackageId, f.code, f.message);
 */
export const runBulkTransfer = async (driver: BulkTransferDriver): Promise<E.Either<Error, BulkOperationReport<TransferReport>>> => {
  const { store, operationId } = driver;
  const handle: Handle = commandHandler(store, accountPackageAggregate);
  const succeeded: TransferReport[] = [];
  const refused: Failed[] = [];
  for (const command of driver.transfers) {
    const moved = await transferOne(store, handle, command, operationId);
    if (E.isLeft(moved)) return moved;
    if (E.isLeft(moved.right)) refused.push(moved.right.left);
    else succeeded.push(moved.right.right);
  }
  return E.right({ succeeded, failed: refused });
};

/** One package of a bulk transfer: checks everything, then writes the source, then the target. */
const transferOne = async (store: EventStore, handle: Handle, command: TransferAccountPackage, operationId: string): Promise<E.Either<Error, E.Either<Failed, TransferReport>>> => {
  const sourceId = command.accountPackageId;
  const [source, target] = [await loadState(store, sourceId), await loadState(store, command.targetAccountPackageId)];
  if (E.isLeft(source)) return source;
  if (E.isLeft(target)) return target;
  if (source.right.kind === 'package') {
    const free = targetIsFree(target.right, command, source.right.account.accountId);
    if (E.isLeft(free)) return E.right(free);
  }
  const plan = planBulkTransfer([{ state: source.right, command }]);
  const planned = plan.succeeded[0];
  if (planned === undefined) return E.right(E.left(plan.failed[0] ?? failed(sourceId, 'transfer_not_allowed', 'The transfer was not planned.', {})));
  const moved = await handleOne(handle, sourceId, command, `bulk-transfer:${operationId}:${sourceId}`);
  if (E.isLeft(moved)) return moved;
  if (E.isLeft(moved.right)) return E.right(moved.right);
  const transferred = moved.right.right.find((e) => e.type === 'AccountPackageTransferred');
  // Nothing appended: the source had been moved to this target by an earlier run; the target
  // command is decided again from the source as it is now (the decider's retry path).
  const targetCommand = transferred === undefined ? await retriedTargetCommand(store, command) : E.right(E.right(transferredPackageCommand(transferred)));
  if (E.isLeft(targetCommand)) return targetCommand;
  if (E.isLeft(targetCommand.right)) return E.right(targetCommand.right);
  const added = await handleOne(handle, sourceId, targetCommand.right.right, `bulk-transfer:${operationId}:${sourceId}:target`);
  if (E.isLeft(added)) return added;
  if (E.isLeft(added.right)) {
    const why = added.right.left;
    return E.right(E.left(failed(sourceId, 'target_not_added', `Account package ${sourceId} was transferred but its target ${command.targetAccountPackageId} was not added (${why.code}: ${why.message}); run the operation again to add it.`,
      { cause: why.code, causeFacts: why.facts, targetAccountPackageId: command.targetAccountPackageId })));
  }
  return E.right(E.right(planned.report));
};

const retriedTargetCommand = async (store: EventStore, command: TransferAccountPackage) => {
  const source = await loadState(store, command.accountPackageId);
  if (E.isLeft(source)) return source;
  const plan = decideTransferAccountPackage(command, source.right);
  return E.right(E.isLeft(plan)
    ? E.left(failed(command.accountPackageId, plan.left.code, plan.left.message, plan.left.facts))
    : E.right(plan.right.targetCommand));
};
