import {
  creditOrderProcess,
  creditOrderWorkSource,
  expirySource,
  openPacksFromEventScan,
  tick,
  type EventStore,
  type TickReport,
} from '@packledger/application';
import { decodeWith, ExpiryWarning, type ExpiryWarning as Warning } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/** Parses `--warn 30,7,after`: days before expiry, and `after` for the warning after it. */
export const parseWarnings = (text: string): E.Either<string, Warning[]> => {
  const warnings: Warning[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const decoded = decodeWith(ExpiryWarning, part === 'after' ? { type: 'after_expiry' } : { type: 'before_expiry', daysBefore: Number(part) });
    if (E.isLeft(decoded)) return E.left(`"${part}" is not a warning: give days before expiry (1 to 366) or "after"`);
    warnings.push(decoded.right);
  }
  return E.right(warnings);
};

/**
 * `packledger tick`: one run of the time-driven work against a store: credit-pack expiry
 * warnings and expiry, and pending credit-order saga steps. Safe to run twice, late, or after
 * days of downtime: every piece of work has a fixed command id.
 */
export const runTick = async (store: EventStore, now: string, warnings: readonly Warning[]): Promise<TickReport> =>
  tick(now, {
    sources: [
      expirySource({ store, packs: openPacksFromEventScan(store), warnings }),
      creditOrderWorkSource(creditOrderProcess(store), store),
    ],
  });

/** One line per piece of work: what was done, already done, skipped (and why) or failed. */
export const tickLines = (report: TickReport): string[] =>
  report.sources.flatMap((s) => [
    ...(s.error === undefined ? [] : [`${s.name}: failed to find work: ${s.error}`]),
    ...s.work.map((w) => `${s.name}: ${w.id} (due ${w.dueAt}): ${
      w.outcome.kind === 'done' ? `done, ${w.outcome.events.join(', ')}` : w.outcome.kind === 'already_done' ? 'already done'
        : w.outcome.kind === 'skipped' ? `skipped, ${w.outcome.code}: ${w.outcome.message}` : `failed: ${w.outcome.error}`}`),
  ]);
