import { domainError, emptyPersistentMap, type DecodeProblem, type DomainError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import type { Aggregate } from './aggregate';
import { recordCommandEvent, type CommandIndex, type CommandSpan } from './command-ids';
import type { CurrentRevision, EventStore, RecordedEvent } from './event-store';
import { readSnapshot, type SnapshotPolicy } from './snapshots';
import { quoteStored } from './stored-text';

/**
 * A stream whose events cannot all be read or applied: an event this release cannot decode
 * (even after upcasting), or one the aggregate cannot apply to its state. Nothing is decided
 * on such a stream; it needs an upcaster, a newer release, or repair.
 */
export type UnreadableStream = DomainError<
  'unreadable_stream',
  { readonly stream: string; readonly revision: bigint; readonly eventId: string; readonly type: string; readonly problems: readonly DecodeProblem[] }
>;

/** Builds an {@link UnreadableStream} for a stored event. */
export const unreadableStream = (event: RecordedEvent, problems: readonly DecodeProblem[]): UnreadableStream =>
  domainError('unreadable_stream', { stream: event.stream, revision: event.revision, eventId: event.id, type: event.type, problems },
    `Stream ${event.stream} cannot be read at revision ${event.revision} (${quoteStored(event.type)}, event ${quoteStored(event.id)}): ${problems.map((p) => `${quoteStored(p.path)} ${p.message}`).join('; ')}`);

/** A stream folded into its aggregate's state. */
export interface LoadedStream<State> {
  readonly stream: string;
  readonly state: State;
  /** The revision of the last event: what the next append expects. */
  readonly revision: CurrentRevision;
  /** Every command id recorded in the stream, with where its events are. */
  readonly commands: CommandIndex;
  /** The revision of the snapshot the state started from; undefined when folded from the start. */
  readonly snapshotRevision: bigint | undefined;
}

/** Options of {@link loadStream}. */
export interface LoadOptions<State> {
  /** Start from the latest snapshot when there is a readable one. */
  readonly snapshots?: SnapshotPolicy<State>;
}

const foldFrom = <C, Ev, S, Err>(
  aggregate: Aggregate<C, Ev, S, Err>,
  stream: string,
  events: readonly RecordedEvent[],
  start: { readonly state: S; readonly revision: CurrentRevision; readonly commands: CommandIndex; readonly snapshotRevision: bigint | undefined },
): E.Either<UnreadableStream | 'gap', LoadedStream<S>> => {
  let { state, revision } = start;
  let commands = start.commands;
  for (const event of events) {
    if (event.revision !== (revision === 'no_stream' ? 0n : revision + 1n)) return E.left('gap');
    const decoded = aggregate.events.decode({ type: event.type, data: event.data, schemaVersion: event.metadata.schemaVersion });
    if (E.isLeft(decoded)) return E.left(unreadableStream(event, decoded.left.facts.problems));
    try {
      state = aggregate.decider.evolve(state, decoded.right);
    } catch (error) {
      // evolve throws on an event that cannot apply to the state: a corrupt stream, reported as a value.
      return E.left(unreadableStream(event, [{ path: '(event)', message: `cannot be applied: ${error instanceof Error ? error.message : String(error)}` }]));
    }
    commands = recordCommandEvent(commands, event.metadata.commandId, event.revision);
    revision = event.revision;
  }
  return E.right({ stream, state, revision, commands, snapshotRevision: start.snapshotRevision });
};

/**
 * Brings an already loaded stream up to date: reads only the events after its revision and
 * folds them in. Falls back to a full {@link loadStream} when the stream no longer fits (it
 * was deleted or rewritten).
 */
export const refreshStream = async <C, Ev, S, Err>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err>,
  loaded: LoadedStream<S>,
  options: LoadOptions<S> = {},
): Promise<E.Either<UnreadableStream, LoadedStream<S>>> => {
  const tail = await store.readStream(loaded.stream, { fromRevision: loaded.revision === 'no_stream' ? 0n : loaded.revision + 1n });
  if (E.isLeft(tail)) return loaded.revision === 'no_stream' ? E.right(loaded) : loadStream(store, aggregate, loaded.stream, options);
  const refreshed = foldFrom(aggregate, loaded.stream, tail.right, loaded);
  if (E.isRight(refreshed)) return refreshed;
  return refreshed.left === 'gap' ? loadStream(store, aggregate, loaded.stream, options) : E.left(refreshed.left);
};

/**
 * Reads a stream and folds it into its aggregate's state: from the latest snapshot when a
 * snapshot policy is given and a readable snapshot exists, from the start otherwise. Either
 * way the state is the same (a property test proves it). Left when an event cannot be
 * decoded or applied.
 *
 * @example
 * const loaded = await loadStream(store, creditPackAggregate, creditPackStream('p1'));
 * if (E.isRight(loaded) && loaded.right.state.kind === 'issued') console.log(loaded.right.state.remaining.toFixed());
 */
export const loadStream = async <C, Ev, S, Err>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err>,
  stream: string,
  options: LoadOptions<S> = {},
): Promise<E.Either<UnreadableStream, LoadedStream<S>>> => {
  const snapshot = options.snapshots === undefined ? undefined : await readSnapshot(store, stream, options.snapshots.codec);
  if (snapshot !== undefined) {
    // Read from the snapshot's own revision: the event there must exist, or the snapshot is not of this stream's history.
    const rest = await store.readStream(stream, { fromRevision: snapshot.revision });
    if (E.isRight(rest) && rest.right[0]?.revision === snapshot.revision) {
      const loaded = foldFrom(aggregate, stream, rest.right.slice(1), { state: snapshot.state, revision: snapshot.revision, commands: snapshot.commands, snapshotRevision: snapshot.revision });
      if (E.isRight(loaded)) return loaded;
      if (loaded.left !== 'gap') return E.left(loaded.left);
    }
    // A snapshot that does not fit its stream is ignored, like any unreadable snapshot.
  }
  const all = await store.readStream(stream);
  const empty = { state: aggregate.decider.initialState, revision: 'no_stream' as const, commands: emptyPersistentMap<CommandSpan>(), snapshotRevision: undefined };
  if (E.isLeft(all)) return E.right({ stream, ...empty });
  const loaded = foldFrom(aggregate, stream, all.right, empty);
  if (E.isRight(loaded)) return loaded;
  if (loaded.left !== 'gap') return E.left(loaded.left);
  const at = all.right.find((e, i) => e.revision !== BigInt(i)) ?? (all.right[0] as RecordedEvent);
  return E.left(unreadableStream(at, [{ path: 'revision', message: 'breaks the run of revisions 0, 1, 2, ... of the stream' }]));
};
