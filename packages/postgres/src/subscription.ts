import type {
  EventFilter,
  GlobalPosition,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionClosed,
  SubscriptionHandler,
} from '@packledger/application';

/** Reads up to `limit` events of `$all` after `after` (exclusive) that pass the filter, in position order. */
export type PageReader = (after: GlobalPosition | undefined, filter: EventFilter | undefined, limit: number) => Promise<readonly RecordedEvent[]>;

/** Where a subscription hears that something was appended (see `AppendNotifications`). */
export interface AppendWakeups {
  add(wake: () => void): Promise<void>;
  remove(wake: () => void): void;
  /** Resolves true when listening has just (re)started, so what came before was not heard. */
  listening(): Promise<boolean>;
}

/** Wake-ups for a store that only polls. */
export const noWakeups: AppendWakeups = { add: async () => undefined, remove: () => undefined, listening: async () => false };

/** How a subscription reads. */
export interface SubscriptionSettings {
  readonly pageSize: number;
  readonly pollIntervalMs: number;
}

/**
 * A subscription to `$all` on PostgreSQL: pages of events after its checkpoint, read by
 * position (`WHERE position > checkpoint ORDER BY position`), each event handed to the
 * handler one at a time; `caught_up` after the first page that was not full; then it waits
 * for a notification or the poll interval and reads again. Its cursor is the position of
 * the last event the handler finished, which is also the checkpoint `closed` reports.
 *
 * Reading by position is exact because positions are assigned in commit order (see
 * `PostgresEventStore`): once a reader has seen position p, no event below p can appear.
 */
export class PollingSubscription implements Subscription {
  readonly closed: Promise<SubscriptionClosed>;
  #stopped = false;
  /** Set by a notification; cleared before each read, so one that arrives during a read is not lost. */
  #appended = false;
  #wake: (() => void) | undefined;
  #checkpoint: GlobalPosition | undefined;
  readonly #onAppend = (): void => this.#rouse();

  constructor(
    private readonly readPage: PageReader,
    private readonly wakeups: AppendWakeups,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly settings: SubscriptionSettings,
  ) {
    this.#checkpoint = options.fromPosition;
    this.closed = this.#run()
      .catch((error: unknown): SubscriptionClosed => ({ reason: 'dropped', error, checkpoint: this.#checkpoint }))
      .finally(() => this.wakeups.remove(this.#onAppend));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#rouse();
    await this.closed;
  }

  #rouse(): void {
    this.#appended = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #deliver(message: Parameters<SubscriptionHandler>[0]): Promise<SubscriptionClosed | undefined> {
    try {
      await this.handler(message);
      return undefined;
    } catch (error) {
      return { reason: 'handler_failed', error, checkpoint: this.#checkpoint };
    }
  }

  async #run(): Promise<SubscriptionClosed> {
    // Listen before the first read: an append committed after that read is then heard.
    await this.wakeups.add(this.#onAppend);
    let caughtUp = false;
    while (!this.#stopped) {
      this.#appended = false;
      const page = await this.readPage(this.#checkpoint, this.options.filter, this.settings.pageSize);
      for (const event of page) {
        if (this.#stopped) break;
        const failed = await this.#deliver({ kind: 'event', event });
        if (failed !== undefined) return failed;
        this.#checkpoint = event.position;
      }
      if (this.#stopped) break;
      if (page.length === this.settings.pageSize) continue;
      if (!caughtUp) {
        caughtUp = true;
        const failed = await this.#deliver({ kind: 'caught_up' });
        if (failed !== undefined) return failed;
        continue;
      }
      if (this.#appended) continue;
      if (await this.wakeups.listening()) continue;
      if (this.#appended || this.#stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#wake = undefined;
          resolve();
        }, this.settings.pollIntervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return { reason: 'stopped', checkpoint: this.#checkpoint };
  }
}
