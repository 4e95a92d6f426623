import { CREDIT_ORDER_STREAM_PREFIX, creditOrder, hasPendingCreditOrderWork, type CreditOrderState, type Instant } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import type { EventStore, GlobalPosition } from '../event-store';
import type { DueWork, TickSource, TickWorkOutcome } from '../tick/tick';
import { creditOrderEventCodec } from './aggregate';
import type { CreditOrderProcess, CreditOrderWorkReport } from './process';

/** When an order's pending work was asked for: the correction or cancellation, else the confirmation. */
const requestedAt = (order: CreditOrderState): Instant | undefined =>
  order.kind !== 'order' ? undefined : order.pending?.at ?? order.confirmation?.at;

const outcomeOf = (report: CreditOrderWorkReport): TickWorkOutcome => {
  const events = report.steps.filter((s) => s.outcome === 'appended').flatMap((s) => s.events);
  if (report.status === 'blocked') return { kind: 'skipped', code: report.refusal?.code ?? 'blocked', message: report.refusal?.message ?? `credit order ${report.orderId} is blocked` };
  return events.length === 0 ? { kind: 'already_done' } : { kind: 'done', events };
};

/**
 * Orders whose work was left half-way (a crash, a timeout, a host that stopped after the
 * command), as a tick source: finds them by a catch-up scan of the order streams (the first
 * tick reads every order event, later ticks only the new ones) and resumes each, oldest
 * request first. Resuming is idempotent, so an order resumed by two hosts at once still gets
 * one pack and one invoice request.
 *
 * @example
 * const orders = creditOrderProcess(store);
 * await tick(now, { sources: [creditOrderWorkSource(orders, store), expirySource(...), outboxFeedSource(store, outbox)] });
 */
export const creditOrderWorkSource = (process: CreditOrderProcess, store: EventStore): TickSource => {
  const orders = new Map<string, CreditOrderState>();
  let position: GlobalPosition | undefined;
  return {
    name: 'credit-orders',
    due: async () => {
      for await (const recorded of store.readAll({ fromPosition: position, filter: { streamPrefixes: [CREDIT_ORDER_STREAM_PREFIX] } })) {
        const decoded = creditOrderEventCodec.decode({ type: recorded.type, data: recorded.data, schemaVersion: recorded.metadata.schemaVersion });
        if (E.isLeft(decoded)) throw new Error(`${recorded.stream} at revision ${recorded.revision}: ${decoded.left.message}`);
        const orderId = decoded.right.data.orderId;
        orders.set(orderId, creditOrder.evolve(orders.get(orderId) ?? creditOrder.initialState, decoded.right));
        position = recorded.position;
      }
      const due: DueWork[] = [];
      for (const [orderId, order] of orders) {
        const at = requestedAt(order);
        if (at !== undefined && hasPendingCreditOrderWork(order)) {
          due.push({ id: `creditOrder:${orderId}:resume`, dueAt: at, run: async () => outcomeOf(await process.resume(orderId)) });
        }
      }
      return due;
    },
  };
};
