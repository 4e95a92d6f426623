import type { CommandHandler, EventCodec, GlobalPosition } from '@packledger/application';
import type { Actor, DecodeError, DomainError } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { sameActor } from './authentication';
import { excerpt, httpError, type HttpError } from './errors';
import { hasOwn, isJsonObject } from './json';
import { headerValues, type HttpRequest, type HttpResponse } from './messages';
import { errorResponse, jsonResponse } from './responses';
import type { Route, RouteContext } from './routes';

/** What every command carries: who acts and the instant it is decided at. */
export interface ActingCommand {
  readonly actor: Actor;
  readonly at: string;
}

/**
 * How the commands of one aggregate type come in over HTTP:
 * `POST /<collection>/:<idField>/commands`.
 */
export interface CommandEndpoint<C extends ActingCommand, Ev, Err extends DomainError> {
  /** The path's collection: `credit-packs`. */
  readonly collection: string;
  /** The command field that holds the aggregate's id, also the path parameter's name: `packId`. */
  readonly idField: string;
  /** The aggregate's id in a decoded command. */
  readonly idOf: (command: C) => string;
  /** The domain's decoder of untrusted input (never throws, lists every bad field). */
  readonly decode: (input: unknown) => E.Either<DecodeError, C>;
  /** The application's command handler of the aggregate. */
  readonly handle: CommandHandler<C, Ev, Err>;
  /** How the aggregate's events are stored: the response shows them in that form. */
  readonly events: EventCodec<Ev>;
}

/** Idempotency keys: 1 to 128 visible ASCII characters (a UUID, a nanoid, `order-42:issue`). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** The request's `Idempotency-Key`, which becomes the command id. */
export const idempotencyKey = (request: HttpRequest): E.Either<HttpError, string> => {
  const values = headerValues(request.headers, 'idempotency-key');
  if (values.length === 0) {
    return E.left(httpError('idempotency_key_required', {},
      'Send an Idempotency-Key header (such as a UUID) with every command, and the same key when you retry it: the command is then recorded at most once.'));
  }
  const [key] = values;
  if (values.length > 1 || key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    return E.left(httpError('invalid_idempotency_key', { count: values.length },
      'Idempotency-Key must be one value of 1 to 128 visible ASCII characters (no spaces), such as a UUID.'));
  }
  return E.right(key);
};

/** The request body as a JSON value: a string is parsed as JSON text; no body is an error. */
export const jsonBody = (body: unknown): E.Either<HttpError, unknown> => {
  if (body === undefined || body === '') return E.left(httpError('body_required', {}, 'Send the command as a JSON object in the request body.'));
  if (typeof body !== 'string') return E.right(body);
  try {
    return E.right(JSON.parse(body) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? excerpt(error.message, 120) : 'unparseable';
    return E.left(httpError('malformed_json', { length: body.length }, `The body is not valid JSON (${reason}); send a JSON object.`));
  }
};

/**
 * The command as the client sent it, with what the server supplies filled in where the
 * body leaves it out: the aggregate id from the path, the actor from authentication and
 * the instant from the clock. What the body does state is checked after decoding.
 */
const withServerFields = (body: unknown, defaults: Readonly<Record<string, unknown>>): unknown =>
  isJsonObject(body) ? Object.fromEntries([...Object.entries(defaults).filter(([k]) => !hasOwn(body, k)), ...Object.entries(body)]) : body;

/** The response of an accepted command, with its events as stored. */
const accepted = <Ev>(
  events: EventCodec<Ev>,
  commandId: string,
  outcome: { readonly events: readonly Ev[]; readonly nextRevision: bigint | 'no_stream'; readonly position: GlobalPosition | undefined; readonly duplicate: boolean },
  viewsCurrent: boolean,
): HttpResponse =>
  jsonResponse(200, {
    commandId,
    duplicate: outcome.duplicate,
    events: outcome.events.map((e) => events.encode(e)),
    revision: outcome.nextRevision === 'no_stream' ? null : outcome.nextRevision,
    position: outcome.position ?? null,
    viewsCurrent,
  }, outcome.duplicate ? { 'idempotent-replayed': 'true' } : {});

/**
 * The route `POST /<collection>/:<idField>/commands` of an aggregate type. In order:
 * Idempotency-Key (400), JSON body (400), fill and decode (400 with every bad field),
 * path id = body id (400), body actor = authenticated actor (403), a Client Hub user may
 * not state the instant (403), then the command handler: accepted 200 (duplicate: the
 * first outcome, nothing appended), refused (status table), conflict after retries 409,
 * unreadable stream 500. Nothing is appended on any error.
 */
export const commandRoute = <C extends ActingCommand, Ev, Err extends DomainError>(
  endpoint: CommandEndpoint<C, Ev, Err>,
  viewsReached: (position: GlobalPosition | undefined) => Promise<boolean>,
): Route => ({
  method: 'POST',
  path: `/${endpoint.collection}/:${endpoint.idField}/commands`,
  summary: `Send a command to one ${endpoint.collection.replace(/s$/, '').replace(/-/g, ' ')}`,
  handle: async ({ request, params, actor, now }: RouteContext): Promise<HttpResponse> => {
    const key = idempotencyKey(request);
    if (E.isLeft(key)) return errorResponse(key.left);
    const body = jsonBody(request.body);
    if (E.isLeft(body)) return errorResponse(body.left);
    const pathId = params[endpoint.idField] ?? '';
    const statesInstant = isJsonObject(body.right) && hasOwn(body.right, 'at');
    const decoded = endpoint.decode(withServerFields(body.right, { [endpoint.idField]: pathId, actor, at: now }));
    if (E.isLeft(decoded)) return errorResponse(decoded.left);
    const command = decoded.right;
    if (endpoint.idOf(command) !== pathId) {
      return errorResponse(httpError('path_id_mismatch', { path: pathId, body: endpoint.idOf(command) },
        `The path names ${endpoint.idField} ${pathId} but the body names ${endpoint.idOf(command)}; send the command to /${endpoint.collection}/${endpoint.idOf(command)}/commands, or leave ${endpoint.idField} out of the body.`));
    }
    if (!sameActor(command.actor, actor)) {
      return errorResponse(httpError('actor_mismatch', {},
        'The body names another actor than the one you are authenticated as; leave "actor" out of the body (it is filled in from your credentials) or state yourself.'));
    }
    if (statesInstant && actor.kind === 'client') {
      return errorResponse(httpError('instant_not_allowed', {},
        'A Client Hub user may not state the instant of a command; leave "at" out of the body and the server\'s clock decides it.'));
    }
    const outcome = await endpoint.handle(command, { commandId: key.right });
    if (E.isRight(outcome)) return accepted(endpoint.events, key.right, outcome.right, await viewsReached(outcome.right.position));
    const failure = outcome.left;
    switch (failure.kind) {
      case 'refused':
        return errorResponse(failure.refusal);
      case 'conflict':
        return errorResponse(
          httpError('concurrency_conflict', { ...failure.error.facts, retryable: true },
            `${endpoint.collection.replace(/s$/, '').replace(/-/g, ' ')} ${pathId} kept changing under the command (${failure.error.facts.attempts} attempts); nothing was recorded. Send the same request again with the same Idempotency-Key.`),
          { 'retry-after': '1' },
        );
      case 'unreadable':
        return errorResponse(httpError('unreadable_stream', { stream: failure.error.facts.stream }, failure.error.message));
    }
  },
});
