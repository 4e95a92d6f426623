import type { PostgresClient, PostgresPool } from './sql';

interface Listening {
  readonly client: PostgresClient;
  readonly onNotification: () => void;
  readonly onError: () => void;
}

/**
 * The LISTEN side of an event store: one connection, held while at least one subscription
 * runs, that wakes every subscription when an append commits (an append calls `pg_notify`
 * in its transaction, so the notification leaves only on COMMIT). A wake-up only says
 * "query again": subscriptions also poll, so a lost notification or a lost connection
 * delays delivery by one poll interval at most and loses nothing.
 */
export class AppendNotifications {
  readonly #subscribers = new Set<() => void>();
  #connection: Promise<Listening | undefined> | undefined;
  #lastFailure = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: PostgresPool,
    private readonly channel: string,
    private readonly retryAfterMs: number,
  ) {}

  /** Wakes `wake` on every committed append from now on; resolves once LISTEN is active (or has failed: polling covers). */
  async add(wake: () => void): Promise<void> {
    this.#subscribers.add(wake);
    await this.listening();
  }

  /** Stops waking `wake`; the last one out closes the LISTEN connection. */
  remove(wake: () => void): void {
    this.#subscribers.delete(wake);
    if (this.#subscribers.size > 0) return;
    const connection = this.#connection;
    this.#connection = undefined;
    void connection?.then((listening) => (listening === undefined ? undefined : this.#unlisten(listening)));
  }

  /**
   * Makes sure LISTEN is active, reconnecting after a failure (at most once per retry
   * interval). Resolves true when a new LISTEN started: notifications before it were not
   * heard, so the caller queries again before it waits.
   */
  async listening(): Promise<boolean> {
    if (this.#subscribers.size === 0) return false;
    if (this.#connection !== undefined) {
      await this.#connection;
      return false;
    }
    if (Date.now() - this.#lastFailure < this.retryAfterMs) return false;
    const connection = this.#listen();
    this.#connection = connection;
    return (await connection) !== undefined;
  }

  #wakeAll(): void {
    for (const wake of [...this.#subscribers]) wake();
  }

  async #listen(): Promise<Listening | undefined> {
    let client: PostgresClient;
    try {
      client = await this.pool.connect();
    } catch {
      this.#lastFailure = Date.now();
      this.#connection = undefined;
      return undefined;
    }
    // Set by listening() by now: the promise this call returned.
    const current = this.#connection;
    let failed = false;
    const listening: Listening = {
      client,
      onNotification: () => this.#wakeAll(),
      onError: () => {
        if (failed) return;
        failed = true;
        this.#lastFailure = Date.now();
        if (this.#connection === current) this.#connection = undefined;
        client.removeListener('notification', listening.onNotification);
        // The 'error' listener stays: a closing connection may report more errors.
        client.release(true);
        // Whatever was missed is found by querying.
        this.#wakeAll();
      },
    };
    client.on('notification', listening.onNotification);
    client.on('error', listening.onError);
    try {
      await client.query(`LISTEN "${this.channel}"`);
    } catch {
      listening.onError();
      return undefined;
    }
    return failed ? undefined : listening;
  }

  async #unlisten({ client, onNotification, onError }: Listening): Promise<void> {
    client.removeListener('notification', onNotification);
    try {
      await client.query(`UNLISTEN "${this.channel}"`);
      client.removeListener('error', onError);
      client.release();
    } catch {
      // A closing connection may report more errors: they are expected and ignored.
      client.removeListener('error', onError);
      client.on('error', () => undefined);
      client.release(true);
    }
  }
}
