/**
 * `@packledger/http`: a framework-free HTTP adapter. A pure core, `httpHandler(options)`,
 * takes `{ method, path, query, headers, body }` and answers `{ status, headers, body }`;
 * `nodeListener(core)` mounts it on `node:http`, Express or Fastify. It takes the
 * commands of the three aggregates (`POST /<aggregates>/:id/commands`, with an
 * `Idempotency-Key`) and answers queries of the views, JSON in and out, with the actor
 * from the host's authenticator and the Client Hub roles of seed 002.
 *
 * @example
 * import http from 'node:http';
 * import { httpHandler, nodeListener } from '@packledger/http';
 * const handle = httpHandler({ store, readModels, projections, authenticate });
 * http.createServer(nodeListener(handle)).listen(8080);
 */
export { backOfficeSight, creditPackSight, type CreditPackSight } from './access';
export { defaultAggregates, type PackledgerAggregates } from './aggregates';
export { sameActor, type Authenticator, type Unauthenticated } from './authentication';
export { commandRoute, idempotencyKey, jsonBody, type ActingCommand, type CommandEndpoint } from './commands';
export { httpError, type HttpError, type HttpErrorCode } from './errors';
export { httpHandler, packledgerRoutes, type HttpOptions } from './handler';
export { toJson } from './json';
export { headerValues, type HttpHandler, type HttpHeaders, type HttpQuery, type HttpRequest, type HttpResponse } from './messages';
export { DEFAULT_BODY_LIMIT, nodeListener, type NodeListenerOptions } from './node';
export { queryParams, type QueryDecoder } from './query-params';
export { DEFAULT_VIEWS_TIMEOUT_MS, waitForViews, type ReadYourWrites } from './read-your-writes';
export { errorResponse, jsonResponse } from './responses';
export { checkPathParams, matchRoute, type Route, type RouteContext, type RouteMatch } from './routes';
export { errorStatuses, statusOf, type ErrorCode, type ErrorStatus, type RefusalCode } from './statuses';
