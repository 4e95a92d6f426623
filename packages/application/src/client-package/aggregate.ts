import {
  actorLabel,
  clientPackage,
  clientPackageEventSchemaVersions,
  clientPackageStream,
  decodeClientPackageEvent,
  encodeClientPackageEvent,
  type ClientPackageCommand,
  type ClientPackageError,
  type ClientPackageEvent,
  type ClientPackageState,
} from '@packledger/domain';
import type { Aggregate } from '../aggregate';
import { eventCodec, type EventCodec } from '../event-codec';

/**
 * Client-package events as stored, at their current schema versions (every one is still
 * at version 1: no upcasters yet).
 *
 * @example
 * const stored = clientPackageEventCodec.encode(event); // { type, data, schemaVersion }
 */
export const clientPackageEventCodec: EventCodec<ClientPackageEvent> = eventCodec({
  encode: encodeClientPackageEvent,
  decode: decodeClientPackageEvent,
  schemaVersions: clientPackageEventSchemaVersions,
});

/**
 * Client packages for the application layer: one stream per package,
 * `clientPackage-<clientPackageId>`; the command's actor and instant go into every event's metadata.
 *
 * @example
 * const handle = commandHandler(store, clientPackageAggregate);
 * const outcome = await handle(assignCommand, { commandId: nanoidIds.newId() });
 */
export const clientPackageAggregate: Aggregate<ClientPackageCommand, ClientPackageEvent, ClientPackageState, ClientPackageError> = {
  decider: clientPackage,
  events: clientPackageEventCodec,
  streamOf: (command) => clientPackageStream(command.clientPackageId),
  actorOf: (command) => actorLabel(command.actor),
  occurredAt: (command) => command.at,
};
