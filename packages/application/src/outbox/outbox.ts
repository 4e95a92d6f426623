import type { Instant } from '@packledger/domain';
import type { GlobalPosition } from '../event-store';
import type { NotificationIntent } from './intents';

/**
 * The outbox port: notification intents waiting for the host to send them, and the
 * position of the last event turned into intents (the feed's checkpoint).
 *
 * - An intent is added once per event: `add` ignores an id it already holds, and moves
 *   the checkpoint in the same step (atomically where the store can), so a feed that
 *   crashes and reads the same events again adds nothing twice.
 * - `markSent` after the host sent it. A crash between sending and marking re-sends that
 *   one intent on the next drain, and only that one: send with the intent's id as the
 *   idempotency key (a Message-ID, a provider's idempotency key) to make even that harmless.
 *
 * @example
 * const outbox = new InMemoryOutbox();
 * await feedOutbox(store, outbox);
 * await drainOutbox(outbox, (intent) => mailer.send(toEmail(intent)), { at: now });
 */
export interface NotificationOutbox {
  /** Adds the intents not already held and moves the checkpoint to `checkpoint`, all or nothing. */
  add(intents: readonly NotificationIntent[], checkpoint: GlobalPosition): Promise<void>;
  /** The position of the last event the feed turned into intents; undefined before the first. */
  checkpoint(): Promise<GlobalPosition | undefined>;
  /** Intents not yet marked sent, in the order they were added; at most `limit`. */
  unsent(limit: number): Promise<readonly NotificationIntent[]>;
  /** Marks an intent sent; marking it again changes nothing. */
  markSent(intentId: string, sentAt: Instant): Promise<void>;
}

interface Entry {
  readonly json: string;
  sentAt: Instant | undefined;
}

/**
 * The embedded outbox: intents in memory, in the order they were added. Each call is one
 * JavaScript turn after its await, so `add` is atomic. Intents are copied in and out as
 * JSON, as a real store would.
 */
export class InMemoryOutbox implements NotificationOutbox {
  readonly #entries = new Map<string, Entry>();
  #checkpoint: GlobalPosition | undefined;

  async add(intents: readonly NotificationIntent[], checkpoint: GlobalPosition): Promise<void> {
    const encoded = intents.map((i) => [i.id, JSON.stringify(i)] as const);
    await Promise.resolve();
    for (const [id, json] of encoded) if (!this.#entries.has(id)) this.#entries.set(id, { json, sentAt: undefined });
    if (this.#checkpoint === undefined || checkpoint > this.#checkpoint) this.#checkpoint = checkpoint;
  }

  async checkpoint(): Promise<GlobalPosition | undefined> {
    await Promise.resolve();
    return this.#checkpoint;
  }

  async unsent(limit: number): Promise<readonly NotificationIntent[]> {
    await Promise.resolve();
    const out: NotificationIntent[] = [];
    for (const entry of this.#entries.values()) {
      if (out.length >= limit) break;
      if (entry.sentAt === undefined) out.push(JSON.parse(entry.json) as NotificationIntent);
    }
    return out;
  }

  async markSent(intentId: string, sentAt: Instant): Promise<void> {
    await Promise.resolve();
    const entry = this.#entries.get(intentId);
    if (entry !== undefined && entry.sentAt === undefined) entry.sentAt = sentAt;
  }

  /** Every intent held, sent or not, in the order added (for tests and inspection). */
  entries(): readonly { readonly intent: NotificationIntent; readonly sentAt: Instant | undefined }[] {
    return [...this.#entries.values()].map((e) => ({ intent: JSON.parse(e.json) as NotificationIntent, sentAt: e.sentAt }));
  }
}
