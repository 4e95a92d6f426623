/**
 * Where a command's events are in its stream: the revisions of the first and the last. One
 * command's events are appended in one call, so they are contiguous.
 */
export interface CommandSpan {
  readonly first: bigint;
  readonly last: bigint;
}

/** Command ids recorded in a stream, each with its span: how a retried command is recognised. */
export type CommandIndex = ReadonlyMap<string, CommandSpan>;

/** Records in the index that the event at `revision` was caused by `commandId`; events must come in revision order. */
export const recordCommandEvent = (index: Map<string, CommandSpan>, commandId: string, revision: bigint): void => {
  const span = index.get(commandId);
  index.set(commandId, { first: span?.first ?? revision, last: revision });
};
