import {
  creditOrderCancellationRoute,
  creditOrderCorrectionRoute,
  creditOrder,
  creditOrderStream,
  creditPackStream,
  fold,
  type CancelCreditOrder,
  type CorrectCreditOrder,
  type CreditOrderError,
  type CreditOrderEvent,
  type CreditOrderRequest,
  type CreditOrderState,
  type CreditPackState,
  type DomainError,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { commandHandler, type CommandAccepted, type CommandContext, type CommandFailure } from '../command-handler';
import { creditPackAggregate } from '../credit-pack';
import type { EventStore } from '../event-store';
import { loadStream } from '../load-stream';
import { creditOrderAggregate, unusedCreditPackAggregate } from './aggregate';
import { creditOrderRejectionStep, creditOrderWorkPlan, type CreditOrderStep } from './policy';

/**
 * What one step did: appended its events, found them already recorded (a retry), changed
 * nothing, was refused (a decision), or failed (its stream kept conflicting or cannot be read).
 */
export interface CreditOrderStepReport {
  readonly commandId: string;
  readonly stream: string;
  readonly outcome: 'appended' | 'already_recorded' | 'no_change' | 'refused' | 'failed';
  /** Types of the events the step appended (or had appended the first time). */
  readonly events: readonly string[];
  readonly refusal?: { readonly code: string; readonly message: string };
}

/**
 * Where an order's work stands after a run. `idle`: there was nothing to do. `done`: the work
 * was carried out. `rejected`: the pack refused the correction or cancellation and the
 * order recorded why (`refusal`). `blocked`: the work cannot go on (the pack refused to be
 * issued, a stream cannot be read, or writers kept conflicting); nothing is lost, and a
 * later run tries again.
 */
export type CreditOrderWorkStatus = 'idle' | 'done' | 'rejected' | 'blocked';

/** The report of one run of an order's work. */
export interface CreditOrderWorkReport {
  readonly orderId: string;
  readonly status: CreditOrderWorkStatus;
  readonly steps: readonly CreditOrderStepReport[];
  readonly refusal?: { readonly code: string; readonly message: string };
}

/** A person's command accepted, and what its work did. */
export interface CreditOrderSent {
  readonly accepted: CommandAccepted<CreditOrderEvent>;
  readonly work: CreditOrderWorkReport;
}

/** Credit orders with their saga: see {@link creditOrderProcess}. */
export interface CreditOrderProcess {
  /**
   * Handles a person's command (place, confirm, correct, cancel), then carries out the work
   * it starts before resolving. A correction or cancellation the order's pack cannot take
   * (it has been used) is refused up front with guidance, and nothing is recorded.
   */
  send(command: CreditOrderRequest, context: CommandContext): Promise<E.Either<CommandFailure<CreditOrderError>, CreditOrderSent>>;
  /** Carries out whatever work of the order is still pending (after a crash, say); `idle` when there is none. */
  resume(orderId: string): Promise<CreditOrderWorkReport>;
}

/** Options of {@link creditOrderProcess}. */
export interface CreditOrderProcessOptions {
  /** Retries after a concurrency conflict, per command (see `commandHandler`). */
  readonly maxRetries?: number;
}

/** Plans are asked for again after each round of steps; a run that needs more rounds than this is blocked. */
const MAX_ROUNDS = 6;

const refusalOf = (e: DomainError): { readonly code: string; readonly message: string } => ({ code: e.code, message: e.message });

/**
 * The credit-order process: the order stream is the saga's log. Confirming an order issues
 * its pack and records one invoice request; correcting or cancelling a confirmed order
 * brings its pack in line, then records the outcome on the order. Each step is a command
 * with a deterministic command id (`creditOrder:<orderId>:<step>`), so a step that was
 * done is never done again: the command handler recognises the id and returns the first
 * outcome. A run that crashes half-way is finished by {@link CreditOrderProcess.resume}
 * (the tick's `creditOrderWorkSource` does it for every order with work pending), which
 * reads where the order and its pack stand and carries on: exactly one pack, one invoice
 * request, one cancellation.
 *
 * @example
 * const orders = creditOrderProcess(store);
 * await orders.send(placeCommand, { commandId: 'req-1' });
 * const confirmed = await orders.send(confirmCommand, { commandId: 'req-2' });
 * // Right({ accepted: { events: [CreditOrderConfirmed] }, work: { status: 'done', steps: [issue pack, pack issued, invoice requested] } })
 * await orders.resume('order-1'); // after a crash: finishes what was left, once
 */
export const creditOrderProcess = (store: EventStore, options: CreditOrderProcessOptions = {}): CreditOrderProcess => {
  const handlerOptions = options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries };
  const orders = commandHandler(store, creditOrderAggregate, handlerOptions);
  const packs = commandHandler(store, creditPackAggregate, handlerOptions);
  const unusedPacks = commandHandler(store, unusedCreditPackAggregate, handlerOptions);

  const loadOrder = async (orderId: string) => E.map((l: { readonly state: CreditOrderState }) => l.state)(await loadStream(store, creditOrderAggregate, creditOrderStream(orderId)));
  const loadPack = async (packId: string) => E.map((l: { readonly state: CreditPackState }) => l.state)(await loadStream(store, creditPackAggregate, creditPackStream(packId)));

  const execute = async (step: CreditOrderStep, orderId: string): Promise<CreditOrderStepReport> => {
    const context = { commandId: step.commandId, correlationId: creditOrderStream(orderId) };
    const stream = step.kind === 'order' ? creditOrderStream(step.command.orderId) : creditPackStream(step.command.packId);
    const outcome = step.kind === 'order'
      ? await orders(step.command, context)
      : await (step.whileUnused ? unusedPacks : packs)(step.command, context);
    if (E.isLeft(outcome)) {
      const failure = outcome.left;
      return failure.kind === 'refused'
        ? { commandId: step.commandId, stream, outcome: 'refused', events: [], refusal: refusalOf(failure.refusal) }
        : { commandId: step.commandId, stream, outcome: 'failed', events: [], refusal: refusalOf(failure.error) };
    }
    const { events, duplicate } = outcome.right;
    const types = (events as readonly { readonly type: string }[]).map((e) => e.type);
    return { commandId: step.commandId, stream, outcome: duplicate ? 'already_recorded' : types.length === 0 ? 'no_change' : 'appended', events: types };
  };

  const resume = async (orderId: string): Promise<CreditOrderWorkReport> => {
    const steps: CreditOrderStepReport[] = [];
    let rejectedWith: { readonly code: string; readonly message: string } | undefined;
    const run = async (step: CreditOrderStep): Promise<CreditOrderStepReport> => {
      const report = await execute(step, orderId);
      steps.push(report);
      const c = step.command;
      if (report.outcome !== 'refused' && (c.type === 'RejectCreditOrderCorrection' || c.type === 'RejectCreditOrderCancellation')) rejectedWith = { code: c.code, message: c.message };
      return report;
    };
    const finish = (status: CreditOrderWorkStatus, refusal?: { readonly code: string; readonly message: string }): CreditOrderWorkReport =>
      ({ orderId, status, steps, ...(refusal === undefined ? {} : { refusal }) });
    let refusedBefore: string | undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const order = await loadOrder(orderId);
      if (E.isLeft(order)) return finish('blocked', refusalOf(order.left));
      const pack = order.right.kind === 'order' ? await loadPack(order.right.packId) : E.right(creditPackAggregate.decider.initialState);
      if (E.isLeft(pack)) return finish('blocked', refusalOf(pack.left));
      const plan = creditOrderWorkPlan(order.right, pack.right);
      if (plan.length === 0) return rejectedWith !== undefined ? finish('rejected', rejectedWith) : finish(steps.length === 0 ? 'idle' : 'done');
      for (const step of plan) {
        const report = await run(step);
        if (report.outcome === 'failed') return finish('blocked', report.refusal);
        if (report.outcome !== 'refused') continue;
        if (step.kind === 'order' || report.refusal === undefined) return finish('blocked', report.refusal);
        // A pack may refuse because it changed under the plan (it was used meanwhile): plan again, and
        // only when the same step is refused a second time does the refusal stand.
        if (refusedBefore !== step.commandId) {
          refusedBefore = step.commandId;
          break;
        }
        const rejection = creditOrderRejectionStep(order.right, { ...report.refusal, facts: {} });
        if (rejection === undefined) return finish('blocked', report.refusal);
        await run(rejection);
        return finish(rejectedWith === undefined ? 'blocked' : 'rejected', report.refusal);
      }
    }
    return finish('blocked', { code: 'no_progress', message: `The work of credit order ${orderId} did not finish in ${MAX_ROUNDS} rounds; run it again, and if it still does not finish, look at its streams.` });
  };

  /** The pack's answer to a correction or cancellation, known before anything is recorded: a refusal with guidance, or undefined. */
  const refusedByPack = async (command: CorrectCreditOrder | CancelCreditOrder): Promise<CreditOrderError | undefined> => {
    const order = await loadOrder(command.orderId);
    if (E.isLeft(order)) return undefined;
    const decided = creditOrder.decide(command, order.right);
    if (E.isLeft(decided) || decided.right.length === 0) return undefined;
    const after = fold(creditOrder, decided.right, order.right);
    if (after.kind !== 'order' || after.confirmation === undefined || after.pending === undefined) return undefined;
    const pack = await loadPack(after.packId);
    if (E.isLeft(pack)) return undefined;
    const route = after.pending.kind === 'correction'
      ? creditOrderCorrectionRoute(after, after.confirmation, after.pending, pack.right)
      : creditOrderCancellationRoute(after, after.pending, pack.right);
    return route.kind === 'refused' ? route.error : undefined;
  };

  const send: CreditOrderProcess['send'] = async (command, context) => {
    if (command.type === 'CorrectCreditOrder' || command.type === 'CancelCreditOrder') {
      const refusal = await refusedByPack(command);
      if (refusal !== undefined) return E.left({ kind: 'refused', refusal });
    }
    const accepted = await orders(command, context);
    if (E.isLeft(accepted)) return accepted;
    return E.right({ accepted: accepted.right, work: await resume(command.orderId) });
  };

  return { send, resume };
};
