import type { GlobalPosition } from '@packledger/application';
import type { ClientDriver } from './driver';
import type { FilterPlan } from './filters';
import { positionOfResolved } from './positions';

/**
 * When a subscription has delivered every matching event stored before it started:
 * - `now`: there are none after its checkpoint, so it is caught up before its first event;
 * - `after`: once the event at `position`, the last matching one, has been delivered;
 * - `passing`: the search for the last matching event gave up before finding it; caught up once
 *   the subscription reaches `position`, where `$all` ended when it started (by an event or a
 *   checkpoint at or past it).
 */
export type CaughtUpTarget =
  | { readonly kind: 'now' }
  | { readonly kind: 'after'; readonly position: GlobalPosition }
  | { readonly kind: 'passing'; readonly position: GlobalPosition };

/** Default number of events read back from the end of `$all` to find the last matching one. */
export const DEFAULT_CAUGHT_UP_SCAN_LIMIT = 1_000;

/**
 * Finds where a subscription (or a bounded read) after `after` is caught up, by reading `$all`
 * backwards from its end, at most `limit` events (filtered by the server when the client can),
 * until the newest event that passes the plan, or the checkpoint, or the start of `$all`.
 *
 * Servers since 23.10 also say so themselves (`CaughtUp`); this works with older servers and
 * with v6 clients, and lets a subscription signal `caught_up` at once when nothing matches.
 */
export const caughtUpTarget = async (driver: ClientDriver, plan: FilterPlan, after: GlobalPosition | undefined, limit: number): Promise<CaughtUpTarget> => {
  const read = driver.readAll({ fromPosition: 'end', direction: 'backwards', maxCount: BigInt(limit), filter: plan.server });
  let end: GlobalPosition | undefined;
  let scanned = 0;
  try {
    for await (const resolved of read.events) {
      scanned++;
      const position = positionOfResolved(resolved);
      if (position === undefined) continue;
      end ??= position;
      if (after !== undefined && position <= after) return { kind: 'now' };
      if (resolved.event !== undefined && plan.accepts(resolved.event)) return { kind: 'after', position };
    }
  } finally {
    await read.close();
  }
  return scanned >= limit && end !== undefined ? { kind: 'passing', position: end } : { kind: 'now' };
};
