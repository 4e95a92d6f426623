import type { ClientPosition, ClientResolvedEvent, ClientSubscription, ClientSubscriptionFilter, ClientFilter } from './driver';

/** What a client subscription delivers, in the order the server sent it. */
export type SubscriptionItem =
  | { readonly kind: 'event'; readonly resolved: ClientResolvedEvent }
  | { readonly kind: 'checkpoint'; readonly position: ClientPosition }
  | { readonly kind: 'caught_up' }
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'ended' }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Options of {@link SubscriptionReader}: the server-side filter and how often the server sends checkpoints. */
export interface ReaderFilter {
  readonly filter: ClientFilter;
  readonly checkpointInterval: number;
  readonly maxSearchWindow: number | undefined;
}

type Marker = { readonly at: number; readonly item: SubscriptionItem };

/**
 * Reads a client's subscription one item at a time, in the server's order. The clients hand
 * events through the readable side of a stream but announce `caughtUp` and checkpoints as
 * events and callbacks as soon as they arrive, possibly while earlier events are still buffered;
 * each such signal is tagged with the number of events that precede it, so it is read after them.
 * Reading pulls from the stream, so a slow handler holds the server back (backpressure).
 */
export class SubscriptionReader {
  readonly #subscription: ClientSubscription;
  readonly #markers: Marker[] = [];
  #taken = 0;
  #ended = false;
  #failed: { error: unknown } | undefined;
  #wake: (() => void) | undefined;

  constructor(open: (filter: ClientSubscriptionFilter) => ClientSubscription, filter: ReaderFilter) {
    const mark = (item: SubscriptionItem): void => {
      this.#markers.push({ at: this.#taken + this.#subscription.readableLength, item });
      this.#poke();
    };
    this.#subscription = open({
      ...filter.filter,
      checkpointInterval: filter.checkpointInterval,
      ...(filter.maxSearchWindow === undefined ? {} : { maxSearchWindow: filter.maxSearchWindow }),
      checkpointReached: (_subscription: unknown, position: ClientPosition) => mark({ kind: 'checkpoint', position }),
    });
    const subscription = this.#subscription;
    subscription.on('readable', () => this.#poke());
    subscription.on('confirmation', () => mark({ kind: 'confirmed' }));
    subscription.on('caughtUp', () => mark({ kind: 'caught_up' }));
    subscription.on('error', (error: unknown) => {
      this.#failed ??= { error };
      this.#poke();
    });
    subscription.on('end', () => {
      this.#ended = true;
      this.#poke();
    });
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** The next item: events and signals in order; `ended` or `failed` last. */
  async next(): Promise<SubscriptionItem> {
    for (;;) {
      const marker = this.#markers[0];
      if (marker !== undefined && marker.at <= this.#taken) {
        this.#markers.shift();
        return marker.item;
      }
      if (!this.#ended) {
        const resolved = this.#subscription.read() as ClientResolvedEvent | null;
        if (resolved !== null) {
          this.#taken++;
          return { kind: 'event', resolved };
        }
      }
      if (this.#failed !== undefined) return { kind: 'failed', error: this.#failed.error };
      if (this.#ended) return this.#markers.shift()?.item ?? { kind: 'ended' };
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** Cancels the subscription; a pending or later {@link next} resolves `ended`. */
  async close(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#poke();
    await this.#subscription.unsubscribe();
  }
}
