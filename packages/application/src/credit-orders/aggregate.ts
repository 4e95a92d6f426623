import {
  actorLabel,
  creditOrder,
  creditOrderEventSchemaVersions,
  creditOrderStream,
  creditPackStream,
  decodeCreditOrderEvent,
  encodeCreditOrderEvent,
  unusedCreditPack,
  type CreditOrderCommand,
  type CreditOrderError,
  type CreditOrderEvent,
  type CreditOrderState,
  type CreditPackCommand,
  type CreditPackError,
  type CreditPackEvent,
  type CreditPackState,
} from '@packledger/domain';
import type { Aggregate } from '../aggregate';
import { creditPackEventCodec } from '../credit-pack';
import { eventCodec, type EventCodec } from '../event-codec';

/**
 * Credit-order events as stored, at their current schema versions (all at version 1: no
 * upcasters yet).
 *
 * @example
 * const stored = creditOrderEventCodec.encode(event); // { type, data, schemaVersion }
 * const again = creditOrderEventCodec.decode(stored); // Right(event)
 */
export const creditOrderEventCodec: EventCodec<CreditOrderEvent> = eventCodec({
  encode: encodeCreditOrderEvent,
  decode: decodeCreditOrderEvent,
  schemaVersions: creditOrderEventSchemaVersions,
});

/**
 * Credit orders for the application layer: one stream per order, `creditOrder-<orderId>`,
 * which is also the log of the order's saga; the command's actor and instant go into every
 * event's metadata. Send people's commands through `creditOrderProcess`, which also carries
 * out the work they start; this binding alone records the order's events only.
 *
 * @example
 * const handle = commandHandler(store, creditOrderAggregate);
 * const outcome = await handle(placeCommand, { commandId: nanoidIds.newId() });
 */
export const creditOrderAggregate: Aggregate<CreditOrderCommand, CreditOrderEvent, CreditOrderState, CreditOrderError> = {
  decider: creditOrder,
  events: creditOrderEventCodec,
  streamOf: (command) => creditOrderStream(command.orderId),
  actorOf: (command) => actorLabel(command.actor),
  occurredAt: (command) => command.at,
};

/**
 * Credit packs decided by `unusedCreditPack`: the same streams and events as
 * `creditPackAggregate`, refusing once the pack has been used. The saga cancels packs
 * through it.
 */
export const unusedCreditPackAggregate: Aggregate<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError | CreditOrderError> = {
  decider: unusedCreditPack,
  events: creditPackEventCodec,
  streamOf: (command) => creditPackStream(command.packId),
  actorOf: (command) => actorLabel(command.actor),
  occurredAt: (command) => command.at,
};
