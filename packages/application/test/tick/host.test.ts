// A host as a team would write one: cron calls tick, then drains the outbox into a mailer.
// Here the mailer is a fake that records what it was asked to send.
import * as E from 'fp-ts/Either';
import { decodeCreditOrderCommand, decodeCreditPackCommand, type CreditOrderRequest, type Instant } from '@packledger/domain';
import {
  InMemoryEventStore,
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
  type NotificationIntent,
  type NotificationOutbox,
} from '@packledger/application';
import { WARNINGS } from './fixtures';

interface Email {
  readonly to: readonly string[];
  readonly subject: string;
  readonly idempotencyKey: string;
}

/** A mail provider that drops a message whose idempotency key it has seen (as real providers offer). */
class FakeMailer {
  readonly delivered: Email[] = [];
  attempts = 0;
  async send(email: Email): Promise<void> {
    this.attempts += 1;
    if (!this.delivered.some((e) => e.idempotencyKey === email.idempotencyKey)) this.delivered.push(email);
  }
}

/** The host's own directory: who gets mail for an office, a user, a contact, a manager. */
const addresses: Record<string, string> = {
  'office:london': 'london-office@acme.example', 'user:kim': 'kim@acme.example', fay: 'fay@acme.example', sam: 'sam@agency.example',
};

const toEmail = (intent: NotificationIntent): Email => {
  if (intent.kind === 'invoice_request') {
    return { to: [addresses[intent.recipients.invoiceContactId] ?? '?'], subject: `Invoice: ${intent.order.name}, ${intent.credits} credits, ${intent.price.amount} ${intent.price.currency}`, idempotencyKey: intent.id };
  }
  const { owner, invoiceContactId, relationshipManagerId } = intent.recipients;
  const ownerAddress = addresses[owner.type === 'office' ? `office:${owner.officeId}` : `user:${owner.userId}`] ?? '?';
  const when = intent.warning.type === 'before_expiry' ? `expires on ${intent.expiresAt.slice(0, 10)}` : `expired on ${intent.expiresAt.slice(0, 10)}`;
  return { to: [ownerAddress, addresses[invoiceContactId] ?? '?', addresses[relationshipManagerId] ?? '?'], subject: `${intent.pack.name}: ${intent.remaining} credits ${when}`, idempotencyKey: intent.id };
};

const order = (json: Record<string, unknown>): CreditOrderRequest => {
  const decoded = decodeCreditOrderCommand(json);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right as CreditOrderRequest;
};

const clientAdmin = { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' };
const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };

const host = (outbox: NotificationOutbox = new InMemoryOutbox()) => {
  const store = new InMemoryEventStore();
  const orders = creditOrderProcess(store);
  const mailer = new FakeMailer();
  const sources = [
    creditOrderWorkSource(orders, store),
    expirySource({ store, packs: openPacksFromEventScan(store), warnings: WARNINGS }),
    outboxFeedSource(store, outbox),
  ];
  /** What cron runs: tick, then send what it produced. */
  const cron = async (now: string) => {
    const report = await tick(now, { sources });
    await drainOutbox(outbox, (intent) => mailer.send(toEmail(intent)), { at: report.now });
    return report;
  };
  return { store, orders, mailer, cron, outbox };
};

const placeAndConfirm = async (orders: ReturnType<typeof creditOrderProcess>) => {
  const placed = await orders.send(order({
    type: 'PlaceCreditOrder', orderId: 'order-1', packId: 'pack-1', name: 'Production pack', owner: { type: 'office', officeId: 'london', companyId: 'acme' },
    invoiceContactId: 'fay', credits: '40', price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'], expiry: { type: 'monthsAfterIssue', months: 6 },
    relationshipManagerId: 'sam', projectManagerId: 'pat', actor: clientAdmin, at: '2026-01-20T09:00:00Z',
  }), { commandId: 'req-place' });
  const confirmed = await orders.send(order({ type: 'ConfirmCreditOrder', orderId: 'order-1', actor: sales, at: '2026-01-31T10:00:00Z' }), { commandId: 'req-confirm' });
  if (E.isLeft(placed) || E.isLeft(confirmed)) throw new Error('order not accepted');
};

test('an order placed by a client admin is confirmed, used, warned and expired; each email goes out once', async () => {
  const { store, orders, mailer, cron } = host();
  await placeAndConfirm(orders);
  const use = decodeCreditPackCommand({
    type: 'ConsumeCredits', packId: 'pack-1', consumptionId: 'use-1', credits: '12', productId: 'edit-day',
    project: { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: [] }, actor: clientAdmin, at: '2026-02-10T12:00:00Z',
  });
  if (E.isLeft(use) || E.isLeft(await commandHandler(store, creditPackAggregate)(use.right, { commandId: 'use-1' }))) throw new Error('use not accepted');

  await cron('2026-02-01T00:00:00Z');
  await cron('2026-07-02T00:00:00Z');
  await cron('2026-07-02T06:00:00Z');
  await cron('2026-07-26T00:00:00Z');
  const last = await cron('2026-08-03T00:00:00Z');
  await cron('2026-08-04T00:00:00Z');

  expect(mailer.delivered.map((e) => [e.to, e.subject])).toEqual([
    [['fay@acme.example'], 'Invoice: Production pack, 40 credits, 3800.00 GBP'],
    [['london-office@acme.example', 'fay@acme.example', 'sam@agency.example'], 'Production pack: 28 credits expires on 2026-07-31'],
    [['london-office@acme.example', 'fay@acme.example', 'sam@agency.example'], 'Production pack: 28 credits expires on 2026-07-31'],
    [['london-office@acme.example', 'fay@acme.example', 'sam@agency.example'], 'Production pack: 28 credits expired on 2026-07-31'],
  ]);
  expect(mailer.attempts).toBe(4);
  expect(last.sources.map((s) => [s.name, s.work.map((w) => [w.id, w.outcome.kind])])).toEqual([
    ['credit-orders', []],
    ['expiry', [['warn:pack-1:after_expiry', 'done'], ['expire:pack-1', 'done']]],
    ['notifications', [['outbox-feed', 'done']]],
  ]);
});

test('a crash between sending an email and marking it sent sends that one email again, and only that one', async () => {
  const inner = new InMemoryOutbox();
  let crashes = 1;
  const flaky: NotificationOutbox = {
    add: (intents, checkpoint) => inner.add(intents, checkpoint),
    checkpoint: () => inner.checkpoint(),
    unsent: (limit) => inner.unsent(limit),
    markSent: async (id: string, at: Instant) => {
      if (crashes > 0) {
        crashes -= 1;
        throw new Error('process died');
      }
      return inner.markSent(id, at);
    },
  };
  const { orders, mailer, cron } = host(flaky);
  await placeAndConfirm(orders);
  await expect(cron('2026-02-01T00:00:00Z')).rejects.toThrow('process died');
  await cron('2026-02-01T00:05:00Z');
  await cron('2026-02-01T00:10:00Z');
  expect(mailer.attempts).toBe(2);
  expect(mailer.delivered).toHaveLength(1);
  expect(inner.entries().map((e) => [e.intent.kind, e.sentAt])).toEqual([['invoice_request', '2026-02-01T00:05:00.000Z']]);
});
