import {
  accountPackage,
  accountPackageEventSchemaVersions,
  accountPackageStream,
  accountPackageUpcasters,
  actorLabel,
  decodeAccountPackageEvent,
  encodeAccountPackageEvent,
  type AccountPackageCommand,
  type AccountPackageError,
  type AccountPackageEvent,
  type AccountPackageState,
} from '@packledger/domain';
import type { Aggregate } from '../aggregate';
import { eventCodec, type EventCodec } from '../event-codec';

/**
 * Account-package events as stored, at their current schema versions, upcast on read.
 *
 * @example
 * const stored = accountPackageEventCodec.encode(event); // { type, data, schemaVersion }
 */
export const accountPackageEventCodec: EventCodec<AccountPackageEvent> = eventCodec({
  encode: encodeAccountPackageEvent,
  decode: decodeAccountPackageEvent,
  schemaVersions: accountPackageEventSchemaVersions,
  upcasters: accountPackageUpcasters,
});

/**
 * Account packages for the application layer: one stream per package,
 * `accountPackage-<accountPackageId>`; the command's actor and instant go into every event's metadata.
 *
 * @example
 * const handle = commandHandler(store, accountPackageAggregate);
 * const outcome = await handle(addPackageCommand, { commandId: nanoidIds.newId() });
 */
export const accountPackageAggregate: Aggregate<AccountPackageCommand, AccountPackageEvent, AccountPackageState, AccountPackageError> = {
  decider: accountPackage,
  events: accountPackageEventCodec,
  streamOf: (command) => accountPackageStream(command.accountPackageId),
  actorOf: (command) => actorLabel(command.actor),
  occurredAt: (command) => command.at,
};
