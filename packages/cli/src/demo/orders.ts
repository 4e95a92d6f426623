import {
  InMemoryOutbox,
  commandHandler,
  creditOrderProcess,
  creditOrderWorkSource,
  creditPackAggregate,
  drainOutbox,
  expirySource,
  openPacksFromEventScan,
  outboxFeedSource,
  tick,
  type EventStore,
  type NotificationIntent,
} from '@packledger/application';
import { decodeCreditOrderCommand, decodeCreditPackCommand, type CreditOrderRequest } from '@packledger/domain';
import * as E from 'fp-ts/Either';

const order = (json: Record<string, unknown>): CreditOrderRequest => {
  const decoded = decodeCreditOrderCommand(json);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right as CreditOrderRequest;
};

/** What the host's mailer would send for an intent (the demo prints it instead). */
const email = (intent: NotificationIntent): string =>
  intent.kind === 'invoice_request'
    ? `invoice to ${intent.recipients.invoiceContactId}: ${intent.order.name}, ${intent.credits} credits, ${intent.price.amount} ${intent.price.currency}`
    : `warning to ${intent.recipients.owner.type === 'office' ? `office ${intent.recipients.owner.officeId}` : `user ${intent.recipients.owner.userId}`}, ${intent.recipients.invoiceContactId} and ${intent.recipients.relationshipManagerId}: ${intent.pack.name} has ${intent.remaining} credits, ${intent.warning.type === 'before_expiry' ? 'expires' : 'expired'} on ${intent.expiresAt.slice(0, 10)}`;

/**
 * A credit order placed by a Client Hub Admin for their own company, confirmed by sales
 * (the saga issues the pack and requests the invoice, once), used, then left to the
 * scheduler: `tick(now)` at a few instants records the expiry warnings and the expiry, and
 * the outbox is drained into "emails" (printed here).
 */
export const runOrdersScenario = async (store: EventStore): Promise<readonly string[]> => {
  const log: string[] = [];
  const orders = creditOrderProcess(store);
  const outbox = new InMemoryOutbox();
  const sources = [
    creditOrderWorkSource(orders, store),
    expirySource({ store, packs: openPacksFromEventScan(store), warnings: [{ type: 'before_expiry', daysBefore: 30 }, { type: 'before_expiry', daysBefore: 7 }, { type: 'after_expiry' }] }),
    outboxFeedSource(store, outbox),
  ];
  const clientAdmin = { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' };
  const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  const placed = await orders.send(order({
    type: 'PlaceCreditOrder', orderId: 'order-acme-1', packId: 'pack-acme-1', name: 'Acme production pack', owner: { type: 'office', officeId: 'acme-hq', companyId: 'acme' },
    invoiceContactId: 'acme-finance', credits: '40', price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'], expiry: { type: 'monthsAfterIssue', months: 6 },
    relationshipManagerId: 'rm-sam', projectManagerId: 'pat-pm', actor: clientAdmin, at: '2026-01-20T09:00:00Z',
  }), { commandId: 'acme-place' });
  log.push(`client admin ada places order-acme-1: ${E.isRight(placed) ? 'placed' : 'refused'}`);
  const confirmed = await orders.send(order({ type: 'ConfirmCreditOrder', orderId: 'order-acme-1', actor: sales, at: '2026-01-31T10:00:00Z' }), { commandId: 'acme-confirm' });
  log.push(`sales confirms it: ${E.isRight(confirmed) ? 'confirmed' : 'refused'}`);
  const use = decodeCreditPackCommand({
    type: 'ConsumeCredits', packId: 'pack-acme-1', consumptionId: 'acme-use-1', credits: '12', productId: 'edit-day',
    project: { projectId: 'acme-film', companyId: 'acme', officeId: 'acme-hq', contactUserIds: [] }, actor: clientAdmin, at: '2026-02-10T12:00:00Z',
  });
  if (E.isRight(use)) {
    const used = await commandHandler(store, creditPackAggregate)(use.right, { commandId: 'acme-use-1' });
    log.push(`ada uses 12 credits for acme-film: ${E.isRight(used) ? 'ok' : 'refused'}`);
  }
  for (const now of ['2026-02-01T00:00:00Z', '2026-07-02T00:00:00Z', '2026-07-26T00:00:00Z', '2026-08-03T00:00:00Z', '2026-08-04T00:00:00Z']) {
    const report = await tick(now, { sources });
    const done = report.sources.flatMap((s) => s.work.filter((w) => w.outcome.kind === 'done' && s.name !== 'notifications').map((w) => w.id));
    const sent: string[] = [];
    await drainOutbox(outbox, async (intent) => { sent.push(email(intent)); }, { at: report.now });
    log.push(`tick ${now.slice(0, 10)}: ${done.length === 0 ? 'nothing due' : done.join(', ')}`, ...sent.map((s) => `  email: ${s}`));
  }
  return log;
};
