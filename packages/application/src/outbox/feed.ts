import {
  CREDIT_ORDER_STREAM_PREFIX,
  CREDIT_PACK_STREAM_PREFIX,
  MoneyCodec,
  creditPack,
  fold,
  warningKey,
  type CreditPackEvent,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { creditOrderEventCodec } from '../credit-orders/aggregate';
import { creditPackEventCodec } from '../credit-pack';
import type { EventStore, RecordedEvent } from '../event-store';
import type { TickSource } from '../tick/tick';
import type { NotificationIntent } from './intents';
import type { NotificationOutbox } from './outbox';

/** The events that become notification intents. */
export const NOTIFYING_EVENT_TYPES = ['ExpiryWarningRecorded', 'CreditOrderInvoiceRequested'] as const;

const unreadable = (e: RecordedEvent, why: string): Error => new Error(`${e.stream} at revision ${e.revision} (${e.type}) cannot become a notification: ${why}`);

const source = (e: RecordedEvent) => ({ eventId: e.id, stream: e.stream, position: e.position.toString() });

/** The pack as it stood when the warning was recorded: its owner, invoice contact and relationship manager then. */
const packAt = async (store: EventStore, e: RecordedEvent) => {
  const read = await store.readStream(e.stream, { maxCount: Number(e.revision) + 1 });
  if (E.isLeft(read)) throw unreadable(e, read.left.message);
  const events: CreditPackEvent[] = [];
  for (const r of read.right) {
    const decoded = creditPackEventCodec.decode({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion });
    if (E.isLeft(decoded)) throw unreadable(e, decoded.left.message);
    events.push(decoded.right);
  }
  return fold(creditPack, events);
};

/**
 * The intent an event calls for: an expiry warning to the pack's owner, invoice contact and
 * relationship manager, or an invoice request to the order's invoice contact. Its id is
 * derived from the event's id, so the same event always gives the same intent.
 */
export const notificationIntentFor = async (store: EventStore, e: RecordedEvent): Promise<NotificationIntent> => {
  if (e.type === 'CreditOrderInvoiceRequested') {
    const decoded = creditOrderEventCodec.decode({ type: e.type, data: e.data, schemaVersion: e.metadata.schemaVersion });
    if (E.isLeft(decoded)) throw unreadable(e, decoded.left.message);
    if (decoded.right.type !== 'CreditOrderInvoiceRequested') throw unreadable(e, 'not an invoice request');
    const d = decoded.right.data;
    return {
      id: `invoice_request:${e.id}`,
      kind: 'invoice_request',
      source: source(e),
      recipients: { invoiceContactId: d.invoiceContactId },
      order: { orderId: d.orderId, packId: d.packId, name: d.name },
      credits: d.credits.toFixed(),
      price: MoneyCodec.encode(d.price),
      recordedAt: d.at,
    };
  }
  const decoded = creditPackEventCodec.decode({ type: e.type, data: e.data, schemaVersion: e.metadata.schemaVersion });
  if (E.isLeft(decoded)) throw unreadable(e, decoded.left.message);
  if (decoded.right.type !== 'ExpiryWarningRecorded') throw unreadable(e, 'not an expiry warning');
  const d = decoded.right.data;
  const pack = await packAt(store, e);
  if (pack.kind !== 'issued') throw unreadable(e, 'the pack was never issued');
  return {
    id: `expiry_warning:${e.id}`,
    kind: 'expiry_warning',
    source: source(e),
    recipients: { owner: pack.owner, invoiceContactId: pack.invoiceContactId, relationshipManagerId: pack.relationshipManagerId },
    pack: { packId: pack.packId, name: pack.name, orderId: pack.orderId },
    warning: d.warning,
    remaining: d.remaining.toFixed(),
    expiresAt: d.expiresAt,
    recordedAt: d.at,
  };
};

/** Options of {@link feedOutbox}. */
export interface OutboxFeedOptions {
  /** Intents added (with the checkpoint) per call to the outbox; default 100. */
  readonly batchSize?: number;
}

/**
 * Turns the events recorded since the outbox's checkpoint into notification intents: one
 * per `ExpiryWarningRecorded` and per `CreditOrderInvoiceRequested`, whoever recorded them.
 * The intents and the new checkpoint go into the outbox together, so each event becomes an
 * intent exactly once, even when the feed crashes and runs again. Resolves with the intents
 * added.
 *
 * @example
 * const added = await feedOutbox(store, outbox); // e.g. [ExpiryWarningIntent]
 */
export const feedOutbox = async (store: EventStore, outbox: NotificationOutbox, options: OutboxFeedOptions = {}): Promise<readonly NotificationIntent[]> => {
  const batchSize = options.batchSize ?? 100;
  const added: NotificationIntent[] = [];
  let batch: NotificationIntent[] = [];
  let last: bigint | undefined;
  const events = store.readAll({
    fromPosition: await outbox.checkpoint(),
    filter: { streamPrefixes: [CREDIT_PACK_STREAM_PREFIX, CREDIT_ORDER_STREAM_PREFIX], eventTypes: [...NOTIFYING_EVENT_TYPES] },
  });
  for await (const e of events) {
    batch.push(await notificationIntentFor(store, e));
    last = e.position;
    if (batch.length >= batchSize) {
      await outbox.add(batch, last);
      added.push(...batch);
      batch = [];
    }
  }
  if (batch.length > 0 && last !== undefined) {
    await outbox.add(batch, last);
    added.push(...batch);
  }
  return added;
};

/**
 * The outbox feed as a tick source: each tick turns the events recorded since the last
 * one into intents. Put it after the sources that record warnings, so a tick's warnings
 * reach the outbox in the same tick.
 *
 * @example
 * await tick(now, { sources: [expirySource(...), outboxFeedSource(store, outbox)] });
 */
export const outboxFeedSource = (store: EventStore, outbox: NotificationOutbox, options: OutboxFeedOptions = {}): TickSource => ({
  name: 'notifications',
  due: async (now) => [{
    id: 'outbox-feed',
    dueAt: now,
    run: async () => {
      const added = await feedOutbox(store, outbox, options);
      return added.length === 0 ? { kind: 'already_done' } : { kind: 'done', events: added.map((i) => (i.kind === 'expiry_warning' ? `expiry_warning:${warningKey(i.warning)}` : i.kind)) };
    },
  }],
});
