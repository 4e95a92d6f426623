import { persistentMapOf, type DecodeError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { commandsInOrder, type CommandIndex } from './command-ids';
import type { EventMetadata, EventStore, EventToAppend, Json } from './event-store';
import { eventIdFor } from './ids';
import { RevisionNumber } from './revision-codec';

/**
 * How an aggregate's state is written into a snapshot and read back. Bump `version` when the
 * encoded form changes: snapshots of another version are ignored, the stream is folded
 * from its start, and the next snapshot is written in the new form.
 */
export interface StateCodec<State> {
  readonly version: number;
  readonly encode: (state: State) => Json;
  readonly decode: (json: unknown) => E.Either<DecodeError, State>;
}

/**
 * Snapshots for one aggregate type: after a command leaves `every` or more events since
 * the snapshot its state was loaded from (or since the start), the new state is written
 * to the snapshot stream.
 *
 * @example
 * const handle = commandHandler(store, creditPackAggregate, { snapshots: { every: 100, codec: creditPackStateCodec } });
 */
export interface SnapshotPolicy<State> {
  readonly every: number;
  readonly codec: StateCodec<State>;
}

/**
 * Prefix of every snapshot stream. Snapshots live in `snapshot-<stream>` (such as
 * `snapshot-creditPack-p1`), never in a stream that starts with an aggregate's prefix, so a
 * reader of `$all` filtering on `creditPack-` never mistakes a snapshot for a domain event.
 * Not `$`-prefixed either: EventStoreDB reserves those streams to its administrators.
 */
export const SNAPSHOT_STREAM_PREFIX = 'snapshot-';

/** The type of every snapshot event. */
export const SNAPSHOT_EVENT_TYPE = 'SnapshotTaken';

/** The snapshot stream of a stream: `snapshot-creditPack-p1` for `creditPack-p1`. */
export const snapshotStreamOf = (stream: string): string => `${SNAPSHOT_STREAM_PREFIX}${stream}`;

/**
 * A state as of a revision of its stream, with the command ids recorded up to that
 * revision (so a retried command is still recognised after its events were snapshotted).
 */
export interface Snapshot<State> {
  readonly revision: bigint;
  readonly state: State;
  readonly commands: CommandIndex;
}

const SnapshotData = t.type({
  revision: RevisionNumber,
  state: t.unknown,
  commands: t.readonlyArray(t.tuple([t.string, RevisionNumber, RevisionNumber])),
});

/**
 * The latest snapshot of a stream, or undefined when there is none or it cannot be read
 * (another codec version, a state that does not decode): a snapshot is only a cache, and
 * without it the stream is folded from its start.
 */
export const readSnapshot = async <State>(store: EventStore, stream: string, codec: StateCodec<State>): Promise<Snapshot<State> | undefined> => {
  const read = await store.readStream(snapshotStreamOf(stream), { direction: 'backwards', maxCount: 1 });
  if (E.isLeft(read)) return undefined;
  const latest = read.right[0];
  if (latest === undefined || latest.type !== SNAPSHOT_EVENT_TYPE || latest.metadata.schemaVersion !== codec.version) return undefined;
  const data = SnapshotData.decode(latest.data);
  if (E.isLeft(data)) return undefined;
  const state = codec.decode(data.right.state);
  if (E.isLeft(state)) return undefined;
  return {
    revision: data.right.revision,
    state: state.right,
    commands: persistentMapOf(data.right.commands.map(([commandId, first, last]) => [commandId, { first, last }] as const)),
  };
};

/**
 * The event that records a snapshot in `snapshot-<stream>`. Its id derives from the stream
 * and revision, so writing the same snapshot twice gives the same event id.
 */
export const snapshotEvent = <State>(
  stream: string,
  snapshot: Snapshot<State>,
  codec: StateCodec<State>,
  metadata: Omit<EventMetadata, 'schemaVersion'>,
): EventToAppend => ({
  id: eventIdFor(snapshotStreamOf(stream), `snapshot@${snapshot.revision}`, 0),
  type: SNAPSHOT_EVENT_TYPE,
  data: {
    revision: RevisionNumber.encode(snapshot.revision),
    state: codec.encode(snapshot.state),
    commands: commandsInOrder(snapshot.commands).map(([commandId, span]) => [commandId, RevisionNumber.encode(span.first), RevisionNumber.encode(span.last)]),
  },
  metadata: { ...metadata, schemaVersion: codec.version },
});
