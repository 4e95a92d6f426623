import { commandHandler, systemClock, type Aggregate, type Clock, type EventStore } from '@packledger/application';
import {
  Actor,
  decodeAccountPackageCommand,
  decodeClientPackageCommand,
  decodeCreditPackCommand,
  toProblems,
  type DecodeError,
  type DomainError,
} from '@packledger/domain';
import type { ReadModelStore } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { defaultAggregates, type PackledgerAggregates } from './aggregates';
import type { Authenticator } from './authentication';
import { commandRoute, type ActingCommand } from './commands';
import { httpError } from './errors';
import type { HttpHandler, HttpRequest, HttpResponse } from './messages';
import { accountPackageQueryRoutes } from './queries/account-packages';
import { clientPackageQueryRoutes } from './queries/client-packages';
import { creditPackQueryRoutes } from './queries/credit-packs';
import { DEFAULT_VIEWS_TIMEOUT_MS, waitForViews, type ReadYourWrites } from './read-your-writes';
import { errorResponse } from './responses';
import { checkPathParams, matchRoute, type Route } from './routes';

/** What the HTTP handler is built from. */
export interface HttpOptions {
  /** Where commands are recorded. */
  readonly store: EventStore;
  /** Where the projections keep the views the queries read. */
  readonly readModels: ReadModelStore;
  /** Who is calling: the host's job (see {@link Authenticator}). */
  readonly authenticate: Authenticator;
  /**
   * Read-your-writes: when given (the `RunningProjections` of `startProjections`), an
   * accepted command is answered only once the views have taken in its events, or after
   * `viewsTimeoutMs`; the response's `viewsCurrent` says which. A GET sent after the
   * answer then sees the command's effect.
   */
  readonly projections?: ReadYourWrites;
  /** Longest wait for the views after an accepted command (default 5,000 ms). */
  readonly viewsTimeoutMs?: number;
  /** Aggregates to mount in addition to (or instead of) {@link defaultAggregates}. */
  readonly aggregates?: PackledgerAggregates;
  /** The instant of commands that do not state one, and the default `at` of queries. */
  readonly clock?: Clock;
  /** Retries after a concurrency conflict before answering 409 (default: the command handler's, 3). */
  readonly maxRetries?: number;
  /** Told of every failure answered with 500 (a store or authenticator that threw), for the host's logs. */
  readonly onError?: (error: unknown, request: HttpRequest) => void;
}

/** Every route of packledger with what it is built from: for documentation, tests and hosts that mount routes one by one. */
export const packledgerRoutes = (options: HttpOptions): readonly Route[] => {
  const aggregates: PackledgerAggregates = { ...defaultAggregates, ...options.aggregates };
  const handlerOptions = { ...(options.clock === undefined ? {} : { clock: options.clock }), ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) };
  const viewsReached = waitForViews(options.projections, options.viewsTimeoutMs ?? DEFAULT_VIEWS_TIMEOUT_MS);
  const commands = <C extends ActingCommand, Ev, S, Err extends DomainError>(
    collection: string,
    idField: string,
    idOf: (command: C) => string,
    decode: (input: unknown) => E.Either<DecodeError, C>,
    aggregate: Aggregate<C, Ev, S, Err> | undefined,
  ): Route =>
    aggregate === undefined
      ? {
        method: 'POST',
        path: `/${collection}/:${idField}/commands`,
        summary: `Send a command to one ${collection} item (not mounted)`,
        handle: async () => errorResponse(httpError('commands_not_mounted', { collection },
          `This server does not take ${collection} commands: the host did not mount that aggregate (HttpOptions.aggregates).`)),
      }
      : commandRoute({ collection, idField, idOf, decode, handle: commandHandler(options.store, aggregate, handlerOptions), events: aggregate.events }, viewsReached);
  return [
    commands('credit-packs', 'packId', (c) => c.packId, decodeCreditPackCommand, aggregates.creditPack),
    commands('client-packages', 'clientPackageId', (c) => c.clientPackageId, decodeClientPackageCommand, aggregates.clientPackage),
    commands('account-packages', 'accountPackageId', (c) => c.accountPackageId, decodeAccountPackageCommand, aggregates.accountPackage),
    ...creditPackQueryRoutes(options.readModels),
    ...clientPackageQueryRoutes(options.readModels),
    ...accountPackageQueryRoutes(options.readModels),
  ];
};

const internalError = httpError('internal_error', {}, 'The server failed to answer. Send the same request again (a command with the same Idempotency-Key): it is recorded at most once.');

/**
 * The framework-free HTTP handler of packledger: commands of the three aggregates and
 * queries of the views, JSON in and out. For each request: route (404, 405), authenticate
 * (401), path ids (400), then the route. It never rejects and never answers 5xx for
 * anything a client sends: 500 means the store or the authenticator failed.
 *
 * @example
 * const store = new InMemoryEventStore();
 * const readModels = new InMemoryReadModelStore();
 * const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
 * const handle = httpHandler({ store, readModels, projections, authenticate });
 * http.createServer(nodeListener(handle)).listen(8080);
 */
export const httpHandler = (options: HttpOptions): HttpHandler => {
  const routes = packledgerRoutes(options);
  const clock = options.clock ?? systemClock;

  const answer = async (request: HttpRequest): Promise<HttpResponse> => {
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    const match = matchRoute(routes, method, request.path);
    if (match.kind === 'not_found') {
      return errorResponse(httpError('route_not_found', {}, 'No such route; see the route table of @packledger/http.'));
    }
    if (match.kind === 'method_not_allowed') {
      return errorResponse(httpError('method_not_allowed', { allow: match.allow }, `This route takes ${match.allow.join(', ')} only.`), { allow: match.allow.join(', ') });
    }
    const authenticated = await options.authenticate(request);
    if (E.isLeft(authenticated)) {
      const { reason, challenge } = authenticated.left;
      return errorResponse(httpError('unauthenticated', {}, reason), challenge === undefined ? {} : { 'www-authenticate': challenge });
    }
    // The authenticator is the host's code: an actor that is not one is its bug, not the caller's.
    const actor = Actor.decode(authenticated.right);
    if (E.isLeft(actor)) throw new TypeError(`the authenticator returned an invalid actor: ${toProblems(actor.left).map((p) => `${p.path} ${p.message}`).join('; ')}`);
    const params = checkPathParams(match.params);
    if (E.isLeft(params)) return errorResponse(params.left);
    return match.route.handle({ request, params: params.right, actor: actor.right, now: clock.now() });
  };

  return async (request) => {
    try {
      return await answer(request);
    } catch (error) {
      try {
        options.onError?.(error, request);
      } catch {
        // A failing logger must not turn a 500 into a rejected promise.
      }
      return errorResponse(internalError);
    }
  };
};
