import {
  InMemoryEventStore,
  InMemoryOutbox,
  drainOutbox,
  feedOutbox,
  type EventStore,
  type NotificationOutbox,
} from '@packledger/application';
import { issue, packCommand, packsOf } from './fixtures';

const kim = { type: 'user', userId: 'kim', officeId: 'london', companyId: 'acme' } as const;
const scheduler = { kind: 'system', name: 'expiry' } as const;
const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;

/** Two packs, each warned 30 days before expiry. */
const warnedPacks = async (): Promise<EventStore> => {
  const store = new InMemoryEventStore();
  const send = packsOf(store);
  await send(issue('p1', '2026-01-31T10:00:00Z', { type: 'monthsAfterIssue', months: 6 }), 'issue-p1');
  await send(issue('p2', '2026-01-31T10:00:00Z', { type: 'monthsAfterIssue', months: 6 }, '40', kim), 'issue-p2');
  for (const packId of ['p1', 'p2']) {
    await send(packCommand({ type: 'RecordExpiryWarning', packId, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: '2026-07-02T00:00:00Z' }), `warn:${packId}:before_expiry:30`);
  }
  return store;
};

describe('the outbox feed', () => {
  test('each warning event becomes one intent, however often the feed runs', async () => {
    const store = await warnedPacks();
    const outbox = new InMemoryOutbox();
    expect((await feedOutbox(store, outbox)).map((i) => i.kind)).toEqual(['expiry_warning', 'expiry_warning']);
    expect(await feedOutbox(store, outbox)).toEqual([]);
    expect(outbox.entries()).toHaveLength(2);
  });

  test('an intent says who (owner, invoice contact, relationship manager) and what (pack, balance, expiry)', async () => {
    const [, second] = await feedOutbox(await warnedPacks(), new InMemoryOutbox());
    expect(second).toMatchObject({
      kind: 'expiry_warning',
      recipients: { owner: kim, invoiceContactId: 'fay', relationshipManagerId: 'sam' },
      pack: { packId: 'p2', name: 'Pack p2', orderId: 'order-p2' },
      warning: { type: 'before_expiry', daysBefore: 30 },
      remaining: '40',
      expiresAt: '2026-07-31T10:00:00.000Z',
    });
  });

  test('recipients are the pack\'s as it stood when the warning was recorded', async () => {
    const store = await warnedPacks();
    await packsOf(store)(packCommand({ type: 'EditPackDetails', packId: 'p1', relationshipManagerId: 'rio', actor: sales, at: '2026-07-03T00:00:00Z' }), 'edit-p1');
    const [first] = await feedOutbox(store, new InMemoryOutbox());
    expect(first?.kind === 'expiry_warning' && first.recipients.relationshipManagerId).toBe('sam');
  });

  test('a feed that dies before the outbox takes its intents adds nothing; run again, it adds each once', async () => {
    const store = await warnedPacks();
    const inner = new InMemoryOutbox();
    let dies = true;
    const dying: NotificationOutbox = {
      add: async (intents, checkpoint) => {
        if (dies) {
          dies = false;
          throw new Error('process died');
        }
        return inner.add(intents, checkpoint);
      },
      checkpoint: () => inner.checkpoint(),
      unsent: (limit) => inner.unsent(limit),
      markSent: (id, at) => inner.markSent(id, at),
    };
    await expect(feedOutbox(store, dying, { batchSize: 1 })).rejects.toThrow('process died');
    expect(inner.entries()).toHaveLength(0);
    await feedOutbox(store, dying, { batchSize: 1 });
    await feedOutbox(store, dying, { batchSize: 1 });
    expect(inner.entries().map((e) => e.intent.id)).toHaveLength(2);
  });

  test('adding the same intents again (a feed that re-reads after a crash) adds nothing', async () => {
    const store = await warnedPacks();
    const outbox = new InMemoryOutbox();
    const intents = await feedOutbox(store, outbox);
    await outbox.add(intents, 0n);
    expect(outbox.entries()).toHaveLength(2);
    expect(await outbox.checkpoint()).toBeGreaterThan(0n);
  });
});

describe('draining the outbox', () => {
  test('delivers unsent intents in order and marks them; a failed delivery stays unsent and the others go out', async () => {
    const outbox = new InMemoryOutbox();
    await feedOutbox(await warnedPacks(), outbox);
    const [first, second] = outbox.entries().map((e) => e.intent.id);
    const delivered: string[] = [];
    const report = await drainOutbox(outbox, async (intent) => {
      if (intent.id === first) throw new Error('mail server down');
      delivered.push(intent.id);
    }, { at: '2026-07-02T00:01:00Z' });
    expect(report).toEqual({ sent: [second], failed: [{ id: first, error: 'mail server down' }] });
    expect((await outbox.unsent(10)).map((i) => i.id)).toEqual([first]);
    const again = await drainOutbox(outbox, async (intent) => { delivered.push(intent.id); }, { at: '2026-07-02T00:02:00Z' });
    expect([again.sent, delivered]).toEqual([[first], [second, first]]);
    expect(await outbox.unsent(10)).toEqual([]);
  });
});
