import { EntityId, toProblems, type Actor, type DecodeProblem, type Instant } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { httpError, type HttpError } from './errors';
import type { HttpRequest, HttpResponse } from './messages';

/** What a route's handler is given: the request, its path parameters, the authenticated actor and the time. */
export interface RouteContext {
  readonly request: HttpRequest;
  /** Path parameters by name, each already checked to be an id (1 to 64 of `A-Z a-z 0-9 _ -`). */
  readonly params: Readonly<Record<string, string>>;
  readonly actor: Actor;
  /** The handler's clock, read once per request. */
  readonly now: Instant;
}

/** One route: a method, a path pattern with `:name` parameters, a summary, and its handler. */
export interface Route {
  readonly method: 'GET' | 'POST';
  /** Such as `/credit-packs/:packId/commands`. */
  readonly path: string;
  readonly summary: string;
  readonly handle: (context: RouteContext) => Promise<HttpResponse>;
}

/** Which route a request is for. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly string[] };

const segmentsOf = (path: string): string[] => {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
};

const matchPath = (pattern: string, segments: readonly string[]): [string, string][] | undefined => {
  const parts = segmentsOf(pattern);
  if (parts.length !== segments.length) return undefined;
  const params: [string, string][] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part.startsWith(':')) {
      if (segment.length === 0) return undefined;
      params.push([part.slice(1), segment]);
    } else if (part !== segment) return undefined;
  }
  return params;
};

/**
 * Finds the route of a method and path. A path no route has is `not_found`; a path some
 * route has, but not with this method, is `method_not_allowed` with the methods it has.
 * One trailing slash is ignored.
 */
export const matchRoute = (routes: readonly Route[], method: string, path: string): RouteMatch => {
  if (typeof path !== 'string' || !path.startsWith('/')) return { kind: 'not_found' };
  const segments = segmentsOf(path);
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', route, params: Object.fromEntries(params) };
    if (!allow.includes(route.method)) allow.push(route.method);
  }
  return allow.length === 0 ? { kind: 'not_found' } : { kind: 'method_not_allowed', allow };
};

/** Checks every path parameter is an id; Left listing each one that is not. */
export const checkPathParams = (params: Readonly<Record<string, string>>): E.Either<HttpError, Readonly<Record<string, string>>> => {
  const problems: DecodeProblem[] = Object.keys(params).flatMap((name) => {
    const decoded = EntityId.decode(params[name]);
    return E.isLeft(decoded) ? toProblems(decoded.left).map((p) => ({ path: name, message: p.message })) : [];
  });
  return problems.length === 0
    ? E.right(params)
    : E.left(httpError('invalid_path', { problems }, `Invalid path: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`));
};
