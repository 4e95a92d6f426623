import type { GlobalPosition } from '@packledger/application';
import type { ClientPosition, ClientResolvedEvent } from './driver';

/**
 * The port's position of an event: its commit position in `$all`. Every event written through
 * gRPC is a committed prepare, whose commit and prepare positions are the same log position
 * (EventStoreDB's readers build it as `new CommitEventRecord(eventRecord, prepare.LogPosition)`),
 * so one number orders `$all` exactly. Checkpoints may carry a prepare position of 0; only the
 * commit position is kept.
 */
export const globalPositionOf = (position: ClientPosition): GlobalPosition => position.commit;

/** The `$all` position to send the server for a port position: commit and prepare both at it. */
export const clientPositionOf = (position: GlobalPosition): ClientPosition => ({ commit: position, prepare: position });

/** The `$all` position of a resolved event, or undefined when the server sent none. */
export const positionOfResolved = (resolved: ClientResolvedEvent): GlobalPosition | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;
