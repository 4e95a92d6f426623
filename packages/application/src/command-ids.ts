import { entriesOf, insert, lookup, type PersistentMap } from '@packledger/domain';

/**
 * Where a command's events are in its stream: the revisions of the first and the last. One
 * command's events are appended in one call, so they are contiguous.
 */
export interface CommandSpan {
  readonly first: bigint;
  readonly last: bigint;
}

/** Command ids recorded in a stream, each with its span: how a retried command is recognised. Persistent, so extending it costs O(log n). */
export type CommandIndex = PersistentMap<CommandSpan>;

/** The index with the event at `revision` recorded as caused by `commandId`; events must come in revision order. */
export const recordCommandEvent = (index: CommandIndex, commandId: string, revision: bigint): CommandIndex =>
  insert(index, commandId, { first: lookup(index, commandId)?.first ?? revision, last: revision });

/** The index's entries in the order their events were appended. */
export const commandsInOrder = (index: CommandIndex): (readonly [string, CommandSpan])[] =>
  [...entriesOf(index)].sort(([, a], [, b]) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
