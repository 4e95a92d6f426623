import { domainError, fold, insert, lookup, type DomainError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import * as RNEA from 'fp-ts/ReadonlyNonEmptyArray';
import type { Aggregate } from './aggregate';
import type { CommandSpan } from './command-ids';
import type { CurrentRevision, EventStore, EventToAppend, GlobalPosition } from './event-store';
import { eventIdFor, systemClock, type Clock } from './ids';
import { unreadableStream, type LoadedStream, type UnreadableStream } from './load-stream';
import { loadCached, streamCache, type StreamCache } from './stream-cache';
import { snapshotEvent, snapshotStreamOf, type Snapshot, type SnapshotPolicy } from './snapshots';

/** What identifies one handling of a command, and the conversation it belongs to. */
export interface CommandContext {
  /**
   * The idempotency key of the command: one per intent (a button press, a message), reused
   * for every retry of it. Handling the same id again returns the first outcome and never
   * appends twice. A nanoid (see `nanoidIds`) or the id of the incoming message.
   */
  readonly commandId: string;
  /** The id of the request or process this command belongs to; the command id when absent. */
  readonly correlationId?: string;
  /** The id of the message (command or event) that caused this command; the command id when absent. */
  readonly causationId?: string;
}

/**
 * An accepted command. `events` are the events it caused (none when it changed nothing);
 * `nextRevision` is the stream's revision after them; `position` is the global position of
 * its last event (undefined when it appended nothing). `duplicate` is true when the command
 * id had been handled before: `events`, `nextRevision` and `position` are then those of the
 * first handling, read back from the stream, and nothing was appended.
 */
export interface CommandAccepted<Event> {
  readonly events: readonly Event[];
  readonly nextRevision: CurrentRevision;
  readonly position: GlobalPosition | undefined;
  readonly duplicate: boolean;
}

/** Every attempt lost the race to another writer of the stream; nothing was appended. */
export type ConcurrencyConflict = DomainError<
  'concurrency_conflict',
  { readonly stream: string; readonly attempts: number; readonly expected: CurrentRevision; readonly actual: CurrentRevision }
>;

/**
 * Why a command was not accepted: the domain refused it (`refusal` is the decider's own
 * error), it kept conflicting with other writers beyond its retries, or its stream cannot
 * be read. In every case nothing was appended.
 */
export type CommandFailure<Err> =
  | { readonly kind: 'refused'; readonly refusal: Err }
  | { readonly kind: 'conflict'; readonly error: ConcurrencyConflict }
  | { readonly kind: 'unreadable'; readonly error: UnreadableStream };

/** Handles one command of an aggregate type: see {@link commandHandler}. */
export type CommandHandler<Command, Event, Err> = (
  command: Command,
  context: CommandContext,
) => Promise<E.Either<CommandFailure<Err>, CommandAccepted<Event>>>;

/** Options of {@link commandHandler}. */
export interface CommandHandlerOptions<State> {
  /** How many times to reload and decide again after losing a race to another writer. Default 3. */
  readonly maxRetries?: number;
  /** Snapshots for this aggregate type; none when absent. */
  readonly snapshots?: SnapshotPolicy<State>;
  /** The clock for `occurredAt` when the aggregate does not take it from the command, and for snapshots. */
  readonly clock?: Clock;
  /**
   * How many streams' folded states to keep between commands (default 10,000; 0 turns the
   * cache off). A cached stream is never trusted as it is: before each decision the handler
   * reads the events appended after the cached revision, by anyone, and folds them in.
   */
  readonly cachedStreams?: number;
  /**
   * A cache to share with a driver that loads the streams first (see {@link loadCached});
   * `cachedStreams` is then ignored.
   */
  readonly streams?: StreamCache<State>;
}

/** Default number of retries after a concurrency conflict. */
export const DEFAULT_MAX_RETRIES = 3;

/** Default number of streams whose folded state a command handler keeps. */
export const DEFAULT_CACHED_STREAMS = 10_000;

/** Actor label written on snapshot events. */
export const SNAPSHOT_ACTOR = 'system:snapshots';

const conflict = (stream: string, attempts: number, expected: CurrentRevision, actual: CurrentRevision): ConcurrencyConflict =>
  domainError('concurrency_conflict', { stream, attempts, expected, actual },
    `Stream ${stream} kept changing under the command: ${attempts} attempts, each decided on a state another writer had already moved on from. Nothing was recorded; send the same command (same command id) again.`);

/**
 * Builds the command handler of an aggregate type. Handling a command:
 *
 * 1. loads its stream (from the latest snapshot when snapshots are on) and folds it;
 * 2. if the stream already records the command id (in the metadata of the events it
 *    caused), returns that first outcome: same events, revision and position, no append;
 * 3. decides; a refusal is returned as it is;
 * 4. appends the events expecting the revision it loaded, with event ids derived from the
 *    command id; if another writer got there first, goes back to 1, at most `maxRetries`
 *    times, then gives up with a `conflict` (nothing appended);
 * 5. writes a snapshot when `snapshots.every` events have accumulated since the last one.
 *
 * Expected failures are `Left` values; a rejected promise means the store failed (the
 * command may or may not be recorded: send it again with the same command id to find out).
 *
 * @example
 * const store = new InMemoryEventStore();
 * const handle = commandHandler(store, creditPackAggregate);
 * const outcome = await handle(command, { commandId: nanoidIds.newId() });
 * if (E.isLeft(outcome) && outcome.left.kind === 'refused') console.log(outcome.left.refusal.message);
 * if (E.isRight(outcome)) console.log(outcome.right.events.map((e) => e.type), outcome.right.nextRevision);
 */
export const commandHandler = <Command, Event, State, Err>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Err>,
  options: CommandHandlerOptions<State> = {},
): CommandHandler<Command, Event, Err> => {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new TypeError(`maxRetries must be a whole number of zero or more, got ${maxRetries}`);
  const snapshots = options.snapshots;
  if (snapshots !== undefined && (!Number.isInteger(snapshots.every) || snapshots.every < 1)) {
    throw new TypeError(`snapshots.every must be a whole number of one or more, got ${snapshots.every}`);
  }
  const clock = options.clock ?? systemClock;
  const cache = options.streams ?? streamCache<State>(options.cachedStreams ?? DEFAULT_CACHED_STREAMS);
  const load = (stream: string): Promise<E.Either<UnreadableStream, LoadedStream<State>>> => loadCached(store, aggregate, stream, cache, { snapshots });

  type Outcome = E.Either<CommandFailure<Err>, CommandAccepted<Event>>;

  /** The first outcome of a command already recorded: its events, read back from the stream. */
  const replay = async (stream: string, commandId: string, span: CommandSpan): Promise<Outcome> => {
    const count = Number(span.last - span.first + 1n);
    const read = await store.readStream(stream, { fromRevision: span.first, maxCount: count });
    const recorded = E.isRight(read) ? read.right : [];
    const last = recorded[recorded.length - 1];
    // Streams never lose events; a store that does is broken, which is not an outcome to report.
    if (recorded.length !== count || last === undefined) throw new Error(`stream ${stream} no longer holds events ${span.first}..${span.last}, recorded for command ${commandId}`);
    const events: Event[] = [];
    for (const r of recorded) {
      const decoded = aggregate.events.decode({ type: r.type, data: r.data, schemaVersion: r.metadata.schemaVersion });
      if (E.isLeft(decoded)) return E.left({ kind: 'unreadable', error: unreadableStream(r, decoded.left.facts.problems) });
      events.push(decoded.right);
    }
    return E.right({ events, nextRevision: last.revision, position: last.position, duplicate: true });
  };

  const writeSnapshot = async (
    stream: string,
    policy: SnapshotPolicy<State>,
    snapshot: Snapshot<State>,
    context: CommandContext,
    cause: string,
  ): Promise<void> => {
    const event = snapshotEvent(stream, snapshot, policy.codec, {
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: cause,
      actor: SNAPSHOT_ACTOR,
      occurredAt: clock.now(),
    });
    // Any revision will do: every snapshot is a true state of the stream, the newest read wins.
    await store.append(snapshotStreamOf(stream), [event], { expectedRevision: 'any' });
  };

  return async (command, context) => {
    const { commandId } = context;
    if (typeof commandId !== 'string' || commandId.length === 0) throw new TypeError('a command needs a command id');
    const stream = aggregate.streamOf(command);
    for (let attempt = 1; ; attempt++) {
      const loaded = await load(stream);
      if (E.isLeft(loaded)) return E.left({ kind: 'unreadable', error: loaded.left });
      const { state, revision, commands, snapshotRevision } = loaded.right;
      const recorded = lookup(commands, commandId);
      if (recorded !== undefined) return replay(stream, commandId, recorded);

      const decision = aggregate.decider.decide(command, state);
      if (E.isLeft(decision)) return E.left({ kind: 'refused', refusal: decision.left });
      const events = decision.right;
      if (!RA.isNonEmpty(events)) return E.right({ events, nextRevision: revision, position: undefined, duplicate: false });

      const metadata = {
        commandId,
        correlationId: context.correlationId ?? commandId,
        causationId: context.causationId ?? commandId,
        actor: aggregate.actorOf(command),
        occurredAt: aggregate.occurredAt?.(command) ?? clock.now(),
      };
      const toAppend = pipe(
        events,
        RNEA.mapWithIndex((index, event): EventToAppend => {
          const encoded = aggregate.events.encode(event);
          return { id: eventIdFor(stream, commandId, index), type: encoded.type, data: encoded.data, metadata: { ...metadata, schemaVersion: encoded.schemaVersion } };
        }),
      );
      const appended = await store.append(stream, toAppend, { expectedRevision: revision });
      if (E.isRight(appended)) {
        const { nextRevision, position } = appended.right;
        const after = fold(aggregate.decider, events, state);
        const withThis = insert(commands, commandId, { first: nextRevision - BigInt(events.length - 1), last: nextRevision });
        let snapshotAt = snapshotRevision;
        if (snapshots !== undefined && nextRevision - (snapshotRevision ?? -1n) >= BigInt(snapshots.every)) {
          await writeSnapshot(stream, snapshots, { revision: nextRevision, state: after, commands: withThis }, context, RNEA.last(toAppend).id);
          snapshotAt = nextRevision;
        }
        cache.remember({ stream, state: after, revision: nextRevision, commands: withThis, snapshotRevision: snapshotAt });
        return E.right({ events, nextRevision, position, duplicate: false });
      }
      if (attempt > maxRetries) return E.left({ kind: 'conflict', error: conflict(stream, attempt, revision, appended.left.facts.actual) });
    }
  };
};
