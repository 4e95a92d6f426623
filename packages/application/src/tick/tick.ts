import { InstantString, compareInstants, type Instant } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/**
 * What one piece of due work did: `done` (it appended these events), `already_done` (its
 * id had been handled before, or it changed nothing), or `skipped` (refused: no longer due,
 * e.g. the pack was cancelled meanwhile; `code` and `message` say why).
 */
export type TickWorkOutcome =
  | { readonly kind: 'done'; readonly events: readonly string[] }
  | { readonly kind: 'already_done' }
  | { readonly kind: 'skipped'; readonly code: string; readonly message: string };

/**
 * One piece of work that is due: the command id that makes it idempotent, when it became
 * due, and how to do it. Sending the same work twice must change nothing the second time:
 * give it a deterministic id (`expire:<packId>`) and send it through a command handler,
 * which recognises the id.
 */
export interface DueWork {
  /** The command id the work is sent with; the same work always has the same id. */
  readonly id: string;
  /** When it became due: a tick does a source's work oldest first (catch-up in order). */
  readonly dueAt: Instant;
  /** Does the work. Resolves with what happened; rejects only when the store fails. */
  readonly run: () => Promise<TickWorkOutcome>;
}

/**
 * A source of due work: the extension point of {@link tick}. `due(now)` lists everything
 * due at `now`, including work that fell due while no tick ran (catch-up); it may list work
 * already done, since doing it again changes nothing. Expiry (`expirySource`), order work
 * left half-way (`creditOrderWorkSource`) and the notification feed (`outboxFeedSource`) are
 * sources; so can be bill runs and package-manager runs.
 *
 * @example
 * const billRuns: TickSource = {
 *   name: 'bill-runs',
 *   due: async (now) => dueAccounts(now).map((a) => ({ id: `bill:${a.id}:${a.period}`, dueAt: a.billDate, run: () => billAccount(a, now) })),
 * };
 */
export interface TickSource {
  readonly name: string;
  readonly due: (now: Instant) => Promise<readonly DueWork[]>;
}

/** What happened to one piece of work; `failed` when running it threw (the store failed): the next tick tries again. */
export interface TickWorkReport {
  readonly id: string;
  readonly dueAt: Instant;
  readonly outcome: TickWorkOutcome | { readonly kind: 'failed'; readonly error: string };
}

/** What one source did; `error` when listing its due work failed (nothing of it ran). */
export interface TickSourceReport {
  readonly name: string;
  readonly work: readonly TickWorkReport[];
  readonly error?: string;
}

/** What a tick did, source by source. */
export interface TickReport {
  readonly now: Instant;
  readonly sources: readonly TickSourceReport[];
}

/** What {@link tick} needs: its sources, run in this order. */
export interface TickDependencies {
  readonly sources: readonly TickSource[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The one entry point of time-driven work: a host calls it from cron, a worker loop or a
 * serverless schedule, as often as it likes. Each source lists what is due at `now`; its
 * work runs one piece at a time, oldest first. Work is idempotent by its id, so running
 * tick twice, late, concurrently or after days of downtime does each piece once: what was
 * missed is caught up in order, what was done is not done again.
 *
 * A failing piece of work (or source) is reported and the tick goes on with the rest; it
 * never throws for them. The host decides what to alert on.
 *
 * @example
 * const report = await tick(new Date().toISOString(), {
 *   sources: [creditOrderWorkSource(orders, store), expirySource({ store, packs: openPacksFromEventScan(store), warnings }), outboxFeedSource(store, outbox)],
 * });
 * await drainOutbox(outbox, sendEmail, { at: report.now });
 */
export const tick = async (now: string, deps: TickDependencies): Promise<TickReport> => {
  const parsed = InstantString.decode(now);
  if (E.isLeft(parsed)) throw new TypeError(`tick: "${now}" is not a UTC instant such as 2026-01-31T09:30:00Z`);
  const at = parsed.right;
  const sources: TickSourceReport[] = [];
  for (const source of deps.sources) {
    let due: readonly DueWork[];
    try {
      due = await source.due(at);
    } catch (error) {
      sources.push({ name: source.name, work: [], error: message(error) });
      continue;
    }
    // A stable sort: work due at the same instant keeps the order its source listed it in.
    const ordered = [...due].sort((a, b) => compareInstants(a.dueAt, b.dueAt));
    const work: TickWorkReport[] = [];
    for (const item of ordered) {
      try {
        work.push({ id: item.id, dueAt: item.dueAt, outcome: await item.run() });
      } catch (error) {
        work.push({ id: item.id, dueAt: item.dueAt, outcome: { kind: 'failed', error: message(error) } });
      }
    }
    sources.push({ name: source.name, work });
  }
  return { now: at, sources };
};
