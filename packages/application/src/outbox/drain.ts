import { InstantString } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import type { NotificationIntent } from './intents';
import type { NotificationOutbox } from './outbox';

/** What a drain did: the intents sent (and marked), and those whose delivery failed (still unsent). */
export interface OutboxDrainReport {
  readonly sent: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
}

/** Options of {@link drainOutbox}. */
export interface OutboxDrainOptions {
  /** The instant recorded as the intents' sending time. */
  readonly at: string;
  /** At most this many intents per drain; default 100. */
  readonly limit?: number;
}

/**
 * Sends the outbox's unsent intents, one at a time, in the order they were added: `deliver`,
 * then mark it sent. A delivery that fails (rejects) leaves its intent unsent for the next
 * drain and the drain goes on with the others. If marking fails (or the process dies between
 * delivering and marking), the drain rejects and the next drain delivers that one intent
 * again: at most one intent is ever delivered twice, and `intent.id` lets the receiver
 * (or the mail provider's idempotency key) drop the copy.
 *
 * @example
 * await drainOutbox(outbox, async (intent) => {
 *   if (intent.kind === 'expiry_warning') await mailer.send({ to: addressesOf(intent.recipients), subject: `Pack ${intent.pack.name} expires ${intent.expiresAt}`, idempotencyKey: intent.id });
 * }, { at: new Date().toISOString() });
 */
export const drainOutbox = async (
  outbox: NotificationOutbox,
  deliver: (intent: NotificationIntent) => Promise<void>,
  options: OutboxDrainOptions,
): Promise<OutboxDrainReport> => {
  const at = InstantString.decode(options.at);
  if (E.isLeft(at)) throw new TypeError(`drainOutbox: "${options.at}" is not a UTC instant`);
  const sent: string[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const intent of await outbox.unsent(options.limit ?? 100)) {
    try {
      await deliver(intent);
    } catch (error) {
      failed.push({ id: intent.id, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    await outbox.markSent(intent.id, at.right);
    sent.push(intent.id);
  }
  return { sent, failed };
};
