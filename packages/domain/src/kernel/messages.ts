import * as t from 'io-ts';
import { Actor } from './actor';
import { InstantString } from './calendar';
import { exactObject as exact, strictObject as strict } from './fast-object';
import { EntityId } from './ids';

/**
 * The codec builders of one aggregate's messages. Every command carries the aggregate's id
 * (under the aggregate's own name for it), the acting party and the instant it is decided
 * at; every event's `data` carries the id, `by` and `at`. `…WithOptions` adds optional fields.
 *
 * @example
 * const { command, event } = messageCodecs('packId');
 * export const CancelPack = command('CancelPack', { reason: Reason });
 */
export const messageCodecs = <Id extends string>(idField: Id, options: { readonly commandInstant?: typeof InstantString } = {}) => {
  const id = { [idField]: EntityId } as { readonly [K in Id]: typeof EntityId };
  // An aggregate whose days must stay in a range bounds the instant of its commands, since
  // days are taken from it; its events keep reading any instant.
  const at = options.commandInstant ?? InstantString;
  const eventData = <P extends t.Props>(data: P) => ({ ...id, by: Actor, at: InstantString, ...data });
  return {
    command: <T extends string, P extends t.Props>(type: T, props: P) =>
      strict({ type: t.literal(type), ...id, actor: Actor, at, ...props }, type),
    commandWithOptions: <T extends string, P extends t.Props, O extends t.Props>(type: T, props: P, options: O) =>
      exact({ type: t.literal(type), ...id, actor: Actor, at, ...props }, options, type),
    event: <T extends string, P extends t.Props>(type: T, data: P) =>
      strict({ type: t.literal(type), data: strict(eventData(data)) }, type),
    eventWithOptions: <T extends string, P extends t.Props, O extends t.Props>(type: T, data: P, options: O) =>
      strict({ type: t.literal(type), data: exact(eventData(data), options) }, type),
  };
};
