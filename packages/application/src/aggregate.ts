import type { Decider } from '@packledger/domain';
import type { EventCodec } from './event-codec';

/**
 * Everything the application layer needs to know of one aggregate type: its decider, how
 * its events are stored, which stream a command goes to, and who acts in a command.
 *
 * @example
 * const creditPackAggregate: Aggregate<CreditPackCommand, CreditPackEvent, CreditPackState, CreditPackError> = {
 *   decider: creditPack,
 *   events: creditPackEventCodec,
 *   streamOf: (command) => creditPackStream(command.packId),
 *   actorOf: (command) => actorLabel(command.actor),
 *   occurredAt: (command) => command.at,
 * };
 */
export interface Aggregate<Command, Event, State, Err> {
  readonly decider: Decider<Command, Event, State, Err>;
  readonly events: EventCodec<Event>;
  /** The stream of the instance a command is for: `creditPack-<packId>`. */
  readonly streamOf: (command: Command) => string;
  /** The `actor` label written in the metadata of the events a command causes. */
  readonly actorOf: (command: Command) => string;
  /** When the command's events happened (the instant the command carries); the handler's clock when absent. */
  readonly occurredAt?: (command: Command) => string;
}
