import {
  actorLabel,
  creditPack,
  creditPackEventSchemaVersions,
  creditPackStream,
  creditPackUpcasters,
  decodeCreditPackEvent,
  encodeCreditPackEvent,
  type CreditPackCommand,
  type CreditPackError,
  type CreditPackEvent,
  type CreditPackState,
} from '@packledger/domain';
import type { Aggregate } from '../aggregate';
import { eventCodec, type EventCodec } from '../event-codec';

/**
 * Credit-pack events as stored: current schema versions on write; on read, older versions
 * upcast with `creditPackUpcasters` (a `CreditPackIssued` of version 1 gains its `expiryRule`).
 *
 * @example
 * const stored = creditPackEventCodec.encode(event); // { type, data, schemaVersion }
 * const again = creditPackEventCodec.decode(stored); // Right(event)
 */
export const creditPackEventCodec: EventCodec<CreditPackEvent> = eventCodec({
  encode: encodeCreditPackEvent,
  decode: decodeCreditPackEvent,
  schemaVersions: creditPackEventSchemaVersions,
  upcasters: creditPackUpcasters,
});

/**
 * Credit packs for the application layer: one stream per pack, `creditPack-<packId>`; the
 * command's actor and instant go into every event's metadata.
 *
 * @example
 * const handle = commandHandler(new InMemoryEventStore(), creditPackAggregate);
 * const outcome = await handle(issueCommand, { commandId: 'order-42-issue' });
 */
export const creditPackAggregate: Aggregate<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError> = {
  decider: creditPack,
  events: creditPackEventCodec,
  streamOf: (command) => creditPackStream(command.packId),
  actorOf: (command) => actorLabel(command.actor),
  occurredAt: (command) => command.at,
};
