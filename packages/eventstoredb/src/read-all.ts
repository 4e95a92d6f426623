import type { GlobalPosition, RecordedEvent } from '@packledger/application';
import { caughtUpTarget } from './caught-up';
import type { ClientDriver, ClientFilter } from './driver';
import { recordOf, toRecordedEvent } from './events';
import type { FilterPlan } from './filters';
import { clientPositionOf, positionOfResolved } from './positions';
import { SubscriptionReader } from './subscription-reader';

/** Settings of {@link readAllEvents}. */
export interface ReadAllSettings {
  readonly pageSize: number;
  readonly scanLimit: number;
}

const positionOrFail = (position: GlobalPosition | undefined): GlobalPosition => {
  if (position === undefined) throw new Error('the server sent an event of $all without its position');
  return position;
};

/**
 * Reads `$all` page by page after `from` (exclusive: a read from a position includes the event at
 * it, which is skipped), the server filtering each page by `filter` when given, until a page
 * comes back short.
 */
async function* pagedRead(driver: ClientDriver, plan: FilterPlan, filter: ClientFilter | undefined, from: GlobalPosition | undefined, maxCount: number, pageSize: number): AsyncGenerator<RecordedEvent> {
  let cursor = from;
  let delivered = 0;
  for (;;) {
    const read = driver.readAll({ fromPosition: cursor === undefined ? 'start' : clientPositionOf(cursor), direction: 'forwards', maxCount: BigInt(pageSize), filter });
    let received = 0;
    try {
      for await (const resolved of read.events) {
        received++;
        const position = positionOrFail(positionOfResolved(resolved));
        if (cursor !== undefined && position <= cursor) continue;
        cursor = position;
        if (!plan.accepts(recordOf(resolved))) continue;
        yield toRecordedEvent(resolved);
        if (++delivered >= maxCount) return;
      }
    } finally {
      await read.close();
    }
    if (received < pageSize) return;
  }
}

/**
 * Reads `$all` after `from` through a subscription with a server-side filter, up to and including
 * `last` (the last matching event when the read began): the way to filter on the server with a
 * client whose `readAll` takes no filter (v6).
 */
async function* subscriptionRead(driver: ClientDriver, plan: FilterPlan, from: GlobalPosition | undefined, last: GlobalPosition, maxCount: number): AsyncGenerator<RecordedEvent> {
  const reader = new SubscriptionReader((filter) => driver.subscribeToAll(from === undefined ? 'start' : clientPositionOf(from), filter), {
    filter: plan.server,
    checkpointInterval: 1,
    maxSearchWindow: undefined,
  });
  let delivered = 0;
  try {
    for (;;) {
      const item = await reader.next();
      if (item.kind === 'event') {
        const position = positionOrFail(positionOfResolved(item.resolved));
        if (position > last) return;
        if (plan.accepts(recordOf(item.resolved))) {
          yield toRecordedEvent(item.resolved);
          if (++delivered >= maxCount) return;
        }
        if (position === last) return;
      } else if (item.kind === 'checkpoint') {
        if (item.position.commit >= last) return;
      } else if (item.kind === 'caught_up') {
        return;
      } else if (item.kind === 'ended') {
        throw new Error('the server ended a read of $all before its end');
      } else if (item.kind === 'failed') {
        throw item.error;
      }
    }
  } finally {
    await reader.close();
  }
}

/**
 * The port's `readAll` over a client: the events of `$all` after `from` that pass the plan, in
 * order, at most `maxCount`. The server filters by stream prefix (or event type) whichever way
 * the client allows: in `readAll` itself (KurrentDB client), or through a subscription that stops
 * at the last matching event (v6, whose `readAll` takes no filter). When that event cannot be
 * found within `scanLimit` events of the end, v6 reads `$all` unfiltered and filters here.
 */
export async function* readAllEvents(driver: ClientDriver, plan: FilterPlan, from: GlobalPosition | undefined, maxCount: number, settings: ReadAllSettings): AsyncGenerator<RecordedEvent> {
  if (maxCount === 0) return;
  if (driver.filtersReads) {
    yield* pagedRead(driver, plan, plan.server, from, maxCount, settings.pageSize);
    return;
  }
  const target = await caughtUpTarget(driver, plan, from, settings.scanLimit);
  if (target.kind === 'now') return;
  if (target.kind === 'after') yield* subscriptionRead(driver, plan, from, target.position, maxCount);
  else yield* pagedRead(driver, plan, undefined, from, maxCount, settings.pageSize);
}
