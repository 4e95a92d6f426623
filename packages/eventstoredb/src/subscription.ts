import type { GlobalPosition, SubscribeOptions, Subscription, SubscriptionClosed, SubscriptionHandler, SubscriptionMessage } from '@packledger/application';
import { backoffDelay, type ReconnectPolicy } from './backoff';
import { caughtUpTarget, DEFAULT_CAUGHT_UP_SCAN_LIMIT, type CaughtUpTarget } from './caught-up';
import type { ClientDriver } from './driver';
import { isTransient } from './errors';
import { recordOf, toRecordedEvent } from './events';
import { planFilter } from './filters';
import { clientPositionOf, positionOfResolved } from './positions';
import { SubscriptionReader } from './subscription-reader';

/** What a subscription tells its host when it reconnects. */
export interface ReconnectAttempt {
  /** Attempts in a row so far, from 1. */
  readonly attempt: number;
  /** How long it waits before this attempt. */
  readonly delayMs: number;
  /** Why the previous connection ended. */
  readonly error: unknown;
  /** Where it resumes: after this position (exclusive), from the start when undefined. */
  readonly resumeFrom: GlobalPosition | undefined;
}

/** How the adapter's subscriptions reconnect, checkpoint and find out they are caught up. */
export interface SubscriptionSettings {
  /** Reconnection after a dropped connection; see {@link ReconnectPolicy}. */
  readonly reconnect?: ReconnectPolicy;
  /**
   * The server sends a checkpoint every `checkpointInterval × maxSearchWindow` events it has
   * considered (matching the filter or not). Defaults: 1 and the server's own window (32).
   */
  readonly checkpointInterval?: number;
  readonly maxSearchWindow?: number;
  /** Events read back from the end of `$all` to find the last matching one (see `caughtUpTarget`). Default 1,000. */
  readonly caughtUpScanLimit?: number;
  /**
   * Called with each position the subscription can resume after: every handled event and every
   * checkpoint the server reached, past events the filter skips. A host that stores it resumes a
   * long filtered subscription without re-reading what the server already searched.
   */
  readonly onCheckpoint?: (position: GlobalPosition) => void;
  /** Called before each attempt to reconnect; log it. */
  readonly onReconnect?: (attempt: ReconnectAttempt) => void;
}

/** A handler that threw: the subscription ends as `handler_failed`. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A subscription to `$all` over an EventStoreDB client, for the projection runner and any other
 * subscriber of the `EventStore` port. It delivers one message at a time: the matching events
 * after the checkpoint (exclusive), `caught_up` once, then live events. When the connection drops
 * it reconnects with backoff and resumes after the last position it reached, from a handled
 * event or a server checkpoint, so no event is delivered twice or skipped; it ends as `dropped`
 * only when the failure is not transient or `maxAttempts` attempts in a row failed.
 *
 * `caught_up` comes from the server's `CaughtUp` message (servers since 23.10) or, for older
 * servers and v6 clients that do not relay it, from the last matching event found at start
 * (see `caughtUpTarget`), whichever comes first.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly closed: Promise<SubscriptionClosed>;
  readonly #driver: ClientDriver;
  readonly #options: SubscribeOptions;
  readonly #handler: SubscriptionHandler;
  readonly #settings: SubscriptionSettings;
  #stopped = false;
  #reader: SubscriptionReader | undefined;
  #interruptSleep: (() => void) | undefined;
  #resumeFrom: GlobalPosition | undefined;
  #lastHandled: GlobalPosition | undefined;

  constructor(driver: ClientDriver, options: SubscribeOptions, handler: SubscriptionHandler, settings: SubscriptionSettings = {}) {
    this.#driver = driver;
    this.#options = options;
    this.#handler = handler;
    this.#settings = settings;
    this.#resumeFrom = options.fromPosition;
    this.#lastHandled = options.fromPosition;
    this.closed = this.#run().catch((error: unknown): SubscriptionClosed => ({ reason: 'dropped', error, checkpoint: this.#lastHandled }));
  }

  /** The position it would resume after now: the last handled event or server checkpoint (undefined: from the start). */
  get resumePosition(): GlobalPosition | undefined {
    return this.#resumeFrom;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#interruptSleep?.();
    await this.#reader?.close();
    await this.closed;
  }

  async #deliver(message: SubscriptionMessage): Promise<void> {
    try {
      await this.#handler(message);
    } catch (error) {
      throw new HandlerFailed(error);
    }
  }

  #reached(position: GlobalPosition): void {
    if (this.#resumeFrom !== undefined && position <= this.#resumeFrom) return;
    this.#resumeFrom = position;
    this.#settings.onCheckpoint?.(position);
  }

  /** Waits before reconnecting; `stop()` cuts it short (and clears the timer, which would keep a process alive). */
  async #sleep(ms: number): Promise<void> {
    const sleep = this.#settings.reconnect?.sleep;
    await new Promise<void>((resolve) => {
      if (sleep === undefined) {
        const timer = setTimeout(resolve, ms);
        this.#interruptSleep = () => { clearTimeout(timer); resolve(); };
      } else {
        this.#interruptSleep = resolve;
        sleep(ms).then(resolve, resolve);
      }
    });
    this.#interruptSleep = undefined;
  }

  async #run(): Promise<SubscriptionClosed> {
    // Deliver from a later turn: never from inside subscribeToAll.
    await Promise.resolve();
    const plan = planFilter(this.#options.filter);
    const stopped = (): SubscriptionClosed => ({ reason: 'stopped', checkpoint: this.#lastHandled });
    let target: CaughtUpTarget | undefined;
    let caughtUp = false;
    let attempt = 0;
    const catchUp = async (): Promise<void> => {
      if (caughtUp) return;
      caughtUp = true;
      await this.#deliver({ kind: 'caught_up' });
    };
    for (;;) {
      if (this.#stopped) return stopped();
      try {
        target ??= await caughtUpTarget(this.#driver, plan, this.#resumeFrom, this.#settings.caughtUpScanLimit ?? DEFAULT_CAUGHT_UP_SCAN_LIMIT);
        if (target.kind === 'now') await catchUp();
        if (this.#stopped) return stopped();
        const from = this.#resumeFrom;
        const reader = new SubscriptionReader((filter) => this.#driver.subscribeToAll(from === undefined ? 'start' : clientPositionOf(from), filter), {
          filter: plan.server,
          checkpointInterval: this.#settings.checkpointInterval ?? 1,
          maxSearchWindow: this.#settings.maxSearchWindow,
        });
        this.#reader = reader;
        if (this.#stopped) await reader.close();
        for (;;) {
          const item = await reader.next();
          if (this.#stopped) return stopped();
          if (item.kind === 'event') {
            attempt = 0;
            const position = positionOfResolved(item.resolved);
            if (position === undefined) throw new Error('the server sent an event of $all without its position');
            // After a reconnection the server starts after the resume position; anything at or before it was delivered already.
            if (this.#resumeFrom !== undefined && position <= this.#resumeFrom) continue;
            if (target.kind === 'passing' && position >= target.position) await catchUp();
            if (this.#stopped) return stopped();
            if (plan.accepts(recordOf(item.resolved))) {
              await this.#deliver({ kind: 'event', event: toRecordedEvent(item.resolved) });
              this.#lastHandled = position;
            }
            this.#reached(position);
            if (target.kind === 'after' && position >= target.position) await catchUp();
          } else if (item.kind === 'checkpoint') {
            this.#reached(item.position.commit);
            if (target.kind !== 'now' && item.position.commit >= target.position) await catchUp();
          } else if (item.kind === 'caught_up') {
            await catchUp();
          } else if (item.kind === 'confirmed') {
            attempt = 0;
          } else if (item.kind === 'ended') {
            if (this.#stopped) return stopped();
            throw Object.assign(new Error('the server ended the subscription'), { type: 'unavailable' });
          } else {
            throw item.error;
          }
        }
      } catch (error) {
        await this.#reader?.close();
        this.#reader = undefined;
        if (error instanceof HandlerFailed) return { reason: 'handler_failed', error: error.error, checkpoint: this.#lastHandled };
        if (this.#stopped) return stopped();
        if (!isTransient(error)) return { reason: 'dropped', error, checkpoint: this.#lastHandled };
        attempt++;
        const policy = this.#settings.reconnect ?? {};
        if (attempt > (policy.maxAttempts ?? Number.POSITIVE_INFINITY)) return { reason: 'dropped', error, checkpoint: this.#lastHandled };
        const delayMs = backoffDelay(policy, attempt);
        this.#settings.onReconnect?.({ attempt, delayMs, error, resumeFrom: this.#resumeFrom });
        await this.#sleep(delayMs);
      }
    }
  }
}
