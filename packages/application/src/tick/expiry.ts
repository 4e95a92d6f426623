import {
  addDaysToInstant,
  creditPackStream,
  credits,
  isAtOrAfter,
  warningKey,
  type EntityId,
  type ExpirePack,
  type ExpiryWarning,
  type Instant,
  type RecordExpiryWarning,
} from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { commandHandler } from '../command-handler';
import { loadStream } from '../load-stream';
import { creditPackAggregate } from '../credit-pack';
import type { EventStore } from '../event-store';
import type { DueWork, TickSource, TickWorkOutcome } from './tick';

/** What the expiry source needs to know of a pack that is still open (neither expired nor cancelled). */
export interface OpenPack {
  readonly packId: string;
  readonly expiresAt: Instant;
  /** The remaining balance as a decimal string: no warning is sent for an empty pack. */
  readonly remaining: string;
  /** Keys of the warnings already recorded (`before_expiry:7`, `after_expiry`), when known. */
  readonly warningsRecorded?: Iterable<string>;
}

/**
 * Where the expiry source finds candidates: the open packs that expire before `until`. The
 * list is an index, and may be a little stale (a view that lags behind the events): the
 * source reads each candidate's own stream before deciding what is due, and the pack's
 * decider has the last word.
 * Implementations: `openPacksFromCreditBalances` (the projections' documents) and
 * `openPacksFromEventScan` (a catch-up scan of the events).
 */
export interface OpenPacks {
  readonly expiringBefore: (until: Instant) => Promise<readonly OpenPack[]>;
}

/** One expiry command that is due, with its deterministic command id. */
export interface ExpiryStep {
  readonly commandId: string;
  readonly dueAt: Instant;
  readonly command: ExpirePack | RecordExpiryWarning;
}

/** The scheduler, as the actor of expiry commands. */
export const EXPIRY_ACTOR = { kind: 'system', name: 'expiry' as EntityId } as const;

/** `expire:<packId>`: the command id of a pack's expiry. */
export const expireCommandId = (packId: string): string => `expire:${packId}`;

/** `warn:<packId>:before_expiry:30`, `warn:<packId>:after_expiry`: the command id of an expiry warning. */
export const warningCommandId = (packId: string, warning: ExpiryWarning): string => `warn:${packId}:${warningKey(warning)}`;

/** When a warning falls due: `daysBefore` whole days before the expiry instant, or at it. */
export const warningDueAt = (expiresAt: Instant, warning: ExpiryWarning): Instant =>
  warning.type === 'before_expiry' ? addDaysToInstant(expiresAt, -warning.daysBefore) : expiresAt;

const hasBalance = (remaining: string): boolean => E.fold(() => true, (c: { isZero(): boolean }) => !c.isZero())(credits(remaining));

/**
 * The expiry commands due for one open pack at `now`, in the order to send them. Pure.
 *
 * - Before the expiry instant: the most urgent before-expiry warning whose window has
 *   opened (the 7-day warning rather than the 30-day one, once both are open: after
 *   downtime the owner gets one accurate warning, not a stale burst), unless a warning as
 *   urgent or more was recorded already (a clock that runs late never sends the 30-day
 *   warning after the 7-day one).
 * - At or after it: the after-expiry warning (when configured), then the expiry. The
 *   warning goes first so that a crash between the two leaves the pack open, and the next
 *   tick finds it and finishes; an expired pack is no longer a candidate.
 * - No warning for a pack with nothing left.
 *
 * @example
 * dueExpiryWork({ packId: 'p1', expiresAt: '2026-07-31T10:00:00.000Z', remaining: '28' }, '2026-07-25T00:00:00.000Z', [{ type: 'before_expiry', daysBefore: 30 }, { type: 'before_expiry', daysBefore: 7 }]);
 * // [{ commandId: 'warn:p1:before_expiry:7', dueAt: '2026-07-24T10:00:00.000Z', command: RecordExpiryWarning }]
 */
export const dueExpiryWork = (
  pack: OpenPack,
  now: Instant,
  warnings: readonly ExpiryWarning[],
  actor: RecordExpiryWarning['actor'] = EXPIRY_ACTOR,
): readonly ExpiryStep[] => {
  const packId = pack.packId as EntityId;
  const warn = (warning: ExpiryWarning): ExpiryStep => ({
    commandId: warningCommandId(packId, warning),
    dueAt: warningDueAt(pack.expiresAt, warning),
    command: { type: 'RecordExpiryWarning', packId, warning, actor, at: now },
  });
  const balance = hasBalance(pack.remaining);
  const recorded = new Set(pack.warningsRecorded ?? []);
  if (isAtOrAfter(now, pack.expiresAt)) {
    const after = warnings.find((w) => w.type === 'after_expiry');
    return [
      ...(after !== undefined && balance && !recorded.has(warningKey(after)) ? [warn(after)] : []),
      { commandId: expireCommandId(packId), dueAt: pack.expiresAt, command: { type: 'ExpirePack', packId, actor, at: now } },
    ];
  }
  if (!balance) return [];
  const open = warnings
    .filter((w): w is Extract<ExpiryWarning, { type: 'before_expiry' }> => w.type === 'before_expiry')
    .filter((w) => isAtOrAfter(now, warningDueAt(pack.expiresAt, w)))
    .sort((a, b) => a.daysBefore - b.daysBefore);
  const mostUrgent = open[0];
  if (mostUrgent === undefined) return [];
  const warnedAsUrgently = [...recorded].some((key) => key.startsWith('before_expiry:') && Number(key.slice('before_expiry:'.length)) <= mostUrgent.daysBefore);
  return warnedAsUrgently ? [] : [warn(mostUrgent)];
};

/** Options of {@link expirySource}. */
export interface ExpirySourceOptions {
  readonly store: EventStore;
  readonly packs: OpenPacks;
  /** The warnings to send: e.g. 30 and 7 days before expiry, and once after it. Empty: expiry only. */
  readonly warnings: readonly ExpiryWarning[];
  /** The actor of the commands; the scheduler `system:expiry` by default. */
  readonly actor?: RecordExpiryWarning['actor'];
}

/**
 * Expiry as a tick source: finds the open packs whose warning windows have opened or whose
 * expiry instant has passed (candidates from `packs`, checked against each pack's own
 * stream), and sends `RecordExpiryWarning` and `ExpirePack` with
 * deterministic command ids (`warn:<packId>:before_expiry:30`, `expire:<packId>`). A pack
 * expires once, at or after its expiry instant (the decider refuses earlier); each warning
 * is recorded at most once (the command id, and the pack's own memory of its warnings).
 *
 * @example
 * const expiry = expirySource({ store, packs: openPacksFromEventScan(store), warnings: [{ type: 'before_expiry', daysBefore: 30 }, { type: 'after_expiry' }] });
 * await tick(now, { sources: [expiry] });
 */
export const expirySource = (options: ExpirySourceOptions): TickSource => {
  const handle = commandHandler(options.store, creditPackAggregate);
  /** The pack as its stream says, not as the candidate list says: undefined when it is closed (or unknown). */
  const current = async (candidate: OpenPack): Promise<OpenPack | undefined> => {
    const loaded = await loadStream(options.store, creditPackAggregate, creditPackStream(candidate.packId));
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const pack = loaded.right.state;
    if (pack.kind !== 'issued' || pack.status === 'expired' || pack.status === 'cancelled') return undefined;
    return { packId: pack.packId, expiresAt: pack.expiresAt, remaining: pack.remaining.toFixed(), warningsRecorded: pack.warningsRecorded };
  };
  const leadDays = Math.max(0, ...options.warnings.map((w) => (w.type === 'before_expiry' ? w.daysBefore : 0)));
  const send = async (step: ExpiryStep): Promise<TickWorkOutcome> => {
    const outcome = await handle(step.command, { commandId: step.commandId });
    if (E.isRight(outcome)) {
      const { events, duplicate } = outcome.right;
      return duplicate || events.length === 0 ? { kind: 'already_done' } : { kind: 'done', events: events.map((e) => e.type) };
    }
    const failure = outcome.left;
    if (failure.kind === 'refused') return { kind: 'skipped', code: failure.refusal.code, message: failure.refusal.message };
    // A stream that keeps conflicting or cannot be read is not a decision: report it, the next tick tries again.
    throw new Error(failure.error.message);
  };
  return {
    name: 'expiry',
    due: async (now) => {
      const due: DueWork[] = [];
      for (const candidate of await options.packs.expiringBefore(addDaysToInstant(now, leadDays + 1))) {
        const pack = await current(candidate);
        if (pack === undefined) continue;
        for (const step of dueExpiryWork(pack, now, options.warnings, options.actor)) due.push({ id: step.commandId, dueAt: step.dueAt, run: () => send(step) });
      }
      return due;
    },
  };
};
