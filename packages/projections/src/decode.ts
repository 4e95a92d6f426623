import type { EventCodec, RecordedEvent, UnreadableEvent } from '@packledger/application';
import * as E from 'fp-ts/Either';
import type { DomainEvent, ProjectedEvent } from './view';

/** The codec of the events of the streams that start with `prefix`. */
export interface StreamCodec {
  readonly prefix: string;
  readonly codec: EventCodec<DomainEvent>;
}

/**
 * Turns a stored event into a projected one: Right(undefined) for a stream no codec
 * claims (a side stream), Left when a claimed event cannot be read (the runner stops: it
 * never skips an event silently).
 */
export type EventDecoder = (e: RecordedEvent) => E.Either<UnreadableEvent, ProjectedEvent | undefined>;

/** Builds an {@link EventDecoder} from the codecs of the aggregates' stream prefixes. */
export const eventDecoder = (codecs: readonly StreamCodec[]): EventDecoder => (e) => {
  const claimed = codecs.find((c) => e.stream.startsWith(c.prefix));
  if (claimed === undefined) return E.right(undefined);
  const decoded = claimed.codec.decode({ type: e.type, data: e.data, schemaVersion: e.metadata.schemaVersion });
  return E.isLeft(decoded) ? decoded : E.right({ stream: e.stream, position: e.position, event: decoded.right });
};
