import {
  creditOrderCancellationRoute,
  creditOrderCancelledPackCancel,
  creditOrderPackIssue,
  creditOrderCorrectionRoute,
  creditOrderCorrectionTarget,
  creditOrderPackCreditValueCorrection,
  creditOrderPackDetailsEdit,
  creditOrderPackReissue,
  creditOrderReissuedPackIssue,
  creditOrderReplacedPackCancel,
  creditOrderReplacementPackIssue,
  type CreditOrder,
  type CreditOrderCommand,
  type CreditOrderConfirmation,
  type CreditOrderState,
  type CreditPackCommand,
  type CreditPackState,
  type DomainError,
  type EntityId,
  type Instant,
  type PendingCreditOrderCancellation,
  type PendingCreditOrderCorrection,
} from '@packledger/domain';

/** The actor of the steps the saga records on an order. */
export const CREDIT_ORDER_SAGA_ACTOR = { kind: 'system', name: 'credit-orders' as EntityId } as const;

/**
 * One step of an order's work: a command, with the command id that makes it happen once.
 * `pack` steps go to the order's pack streams (`whileUnused`: decided by `unusedCreditPack`,
 * refused once the pack has been used); `order` steps record progress on the order stream.
 */
export type CreditOrderStep =
  | { readonly kind: 'pack'; readonly commandId: string; readonly command: CreditPackCommand; readonly whileUnused: boolean }
  | { readonly kind: 'order'; readonly commandId: string; readonly command: CreditOrderCommand };

/** The command id of a step: `creditOrder:<orderId>:<step>`. Deterministic: the same step of the same order always has the same id. */
export const creditOrderStepId = (orderId: string, step: string): string => `creditOrder:${orderId}:${step}`;

/** A saga command without what every step fills in (the order, the saga's actor, the instant). */
type StepBody<C> = C extends unknown ? Omit<C, 'orderId' | 'actor' | 'at'> : never;

const record = (order: CreditOrder, step: string, at: Instant, command: StepBody<CreditOrderCommand>): CreditOrderStep => ({
  kind: 'order',
  commandId: creditOrderStepId(order.orderId, step),
  command: { ...command, orderId: order.orderId, actor: CREDIT_ORDER_SAGA_ACTOR, at } as CreditOrderCommand,
});

const onPack = (order: CreditOrder, step: string, command: CreditPackCommand, whileUnused = false): CreditOrderStep => ({
  kind: 'pack',
  commandId: creditOrderStepId(order.orderId, step),
  command,
  whileUnused,
});

const confirmationSteps = (order: CreditOrder, confirmation: CreditOrderConfirmation): CreditOrderStep[] => [
  ...(order.packIssued
    ? []
    : [
      onPack(order, `issue-pack:${order.packId}`, creditOrderPackIssue(order, confirmation)),
      record(order, `pack-issued:${order.packId}`, confirmation.at, { type: 'RecordCreditOrderPackIssued', packId: order.packId }),
    ]),
  ...(order.invoiceRequested ? [] : [record(order, 'invoice-request', confirmation.at, { type: 'RecordCreditOrderInvoiceRequest' })]),
];

const correctionSteps = (order: CreditOrder, confirmation: CreditOrderConfirmation, c: PendingCreditOrderCorrection, pack: CreditPackState): CreditOrderStep[] => {
  const step = (name: string): string => `correction:${c.correctionId}:${name}`;
  const { terms } = creditOrderCorrectionTarget(order, confirmation, c.changes);
  const apply = (packId: EntityId): CreditOrderStep =>
    record(order, step('apply'), c.at, { type: 'ApplyCreditOrderCorrection', correctionId: c.correctionId, packId });
  const route = creditOrderCorrectionRoute(order, confirmation, c, pack);
  const newPackId = c.newPackId ?? order.packId;
  switch (route.kind) {
    case 'edit_details':
      return [onPack(order, step(`edit-pack:${order.packId}`), creditOrderPackDetailsEdit(order.packId, terms, c.by, c.at)), apply(order.packId)];
    case 'correct_credit_value':
      return [
        onPack(order, step(`credit-value:${order.packId}`), creditOrderPackCreditValueCorrection(order, confirmation, c)),
        onPack(order, step(`edit-pack:${order.packId}`), creditOrderPackDetailsEdit(order.packId, terms, c.by, c.at)),
        apply(order.packId),
      ];
    case 'replace_unused':
      return [
        onPack(order, step(`cancel-pack:${order.packId}`), creditOrderReplacedPackCancel(order, c), true),
        onPack(order, step(`issue-pack:${newPackId}`), creditOrderReplacementPackIssue(order, confirmation, c, newPackId)),
        apply(newPackId),
      ];
    case 'reissue': {
      const reissue = onPack(order, step(`reissue:${order.packId}`), creditOrderPackReissue(order, confirmation, c, newPackId));
      const issue = pack.kind === 'issued' ? creditOrderReissuedPackIssue(pack, c) : undefined;
      // The new pack's command is built from the old pack once it records the reissue: until then, the reissue is the only step.
      return issue === undefined
        ? [reissue]
        : [
          reissue,
          onPack(order, step(`issue-reissued-pack:${newPackId}`), issue),
          onPack(order, step(`edit-pack:${newPackId}`), creditOrderPackDetailsEdit(newPackId, terms, c.by, c.at)),
          apply(newPackId),
        ];
    }
    case 'refused':
      return [rejection(order, c, route.error)];
  }
};

const cancellationSteps = (order: CreditOrder, k: PendingCreditOrderCancellation, pack: CreditPackState): CreditOrderStep[] => {
  const route = creditOrderCancellationRoute(order, k, pack);
  return route.kind === 'refused'
    ? [rejection(order, k, route.error)]
    : [
      onPack(order, `cancellation:${k.cancellationId}:cancel-pack:${order.packId}`, creditOrderCancelledPackCancel(order, k), true),
      record(order, `cancellation:${k.cancellationId}:complete`, k.at, { type: 'CompleteCreditOrderCancellation', cancellationId: k.cancellationId }),
    ];
};

const rejection = (order: CreditOrder, work: PendingCreditOrderCorrection | PendingCreditOrderCancellation, error: DomainError): CreditOrderStep => {
  const refusal = { code: error.code.slice(0, 100), message: error.message.slice(0, 2000) };
  return work.kind === 'correction'
    ? record(order, `correction:${work.correctionId}:reject`, work.at, { type: 'RejectCreditOrderCorrection', correctionId: work.correctionId, ...refusal })
    : record(order, `cancellation:${work.cancellationId}:reject`, work.at, { type: 'RejectCreditOrderCancellation', cancellationId: work.cancellationId, ...refusal });
};

/**
 * The saga's policy: the steps, in order, that carry the order's work forward from where
 * it stands, given the order and the state of its current pack. Pure. Empty when there is
 * nothing to do. Running every step (each is idempotent by its command id) and asking
 * again until the answer is empty completes the work, however often it was interrupted:
 *
 * - confirmed: issue the pack, record it, record the invoice request;
 * - correction under way: edit the pack, correct its credit value, or replace it (cancel
 *   the unused pack and issue the corrected one; or, used and owner only, the Accounts
 *   team's cancel-and-reissue), then record the correction applied; or record it rejected;
 * - cancellation under way: cancel the unused pack and record the order cancelled; or
 *   record it rejected (the pack has been used).
 *
 * Every step is dated at the instant of the request it carries out, so a step retried
 * days later is the same command.
 *
 * @example
 * const steps = creditOrderWorkPlan(order, pack); // [{ kind: 'pack', commandId: 'creditOrder:o1:issue-pack:p1', ... }, ...]
 */
export const creditOrderWorkPlan = (order: CreditOrderState, pack: CreditPackState): readonly CreditOrderStep[] => {
  if (order.kind !== 'order' || order.status !== 'confirmed' || order.confirmation === undefined) return [];
  const confirming = confirmationSteps(order, order.confirmation);
  if (confirming.length > 0) return confirming;
  if (order.pending?.kind === 'correction') return correctionSteps(order, order.confirmation, order.pending, pack);
  if (order.pending?.kind === 'cancellation') return cancellationSteps(order, order.pending, pack);
  return [];
};

/**
 * The step that records on the order that its pending work was refused by the pack (a
 * refusal that stood when decided again), or undefined when the work cannot be refused: a
 * confirmation must issue its pack, so its refusal blocks the order for a person to look at.
 */
export const creditOrderRejectionStep = (order: CreditOrderState, refusal: DomainError): CreditOrderStep | undefined =>
  order.kind === 'order' && order.pending !== undefined && order.packIssued && order.invoiceRequested ? rejection(order, order.pending, refusal) : undefined;
