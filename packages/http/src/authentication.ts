import type { Actor } from '@packledger/domain';
import type { Either } from 'fp-ts/Either';
import type { HttpRequest } from './messages';

/**
 * Why a request is not authenticated: a reason for the caller, and optionally the
 * `WWW-Authenticate` challenge to send with the 401 (such as `Bearer realm="packledger"`).
 */
export interface Unauthenticated {
  readonly reason: string;
  readonly challenge?: string;
}

/**
 * Who is calling: the host's job (sessions, JWTs, API keys: packledger does not know).
 * Right with the actor the request acts as, Left with why it is not authenticated (a
 * 401). A rejected promise is a failure of the host (a 500), not a refusal.
 *
 * @example
 * const authenticate: Authenticator = async (request) => {
 *   const [token] = headerValues(request.headers, 'authorization');
 *   const actor = token === undefined ? undefined : sessions.get(token.replace(/^Bearer /, ''));
 *   return actor === undefined ? E.left({ reason: 'Send a valid bearer token.', challenge: 'Bearer' }) : E.right(actor);
 * };
 */
export type Authenticator = (request: HttpRequest) => Promise<Either<Unauthenticated, Actor>>;

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((r) => right.has(r));
};

/** True when two actors are the same party with the same roles (staff roles compared as a set). */
export const sameActor = (a: Actor, b: Actor): boolean => {
  switch (a.kind) {
    case 'staff':
      return b.kind === 'staff' && a.userId === b.userId && sameRoles(a.roles, b.roles);
    case 'client':
      return b.kind === 'client' && a.userId === b.userId && a.companyId === b.companyId && a.role === b.role;
    case 'system':
      return b.kind === 'system' && a.name === b.name;
  }
};
