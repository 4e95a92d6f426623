import { InMemoryEventStore } from '@packledger/application';
import { Actor } from '@packledger/domain';
import { headerValues, httpHandler, nodeListener, type Authenticator } from '@packledger/http';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, startProjections } from '@packledger/projections';
import * as E from 'fp-ts/Either';

/**
 * The demo's sessions: bearer tokens and who they are. A real host looks tokens up in its
 * identity provider; packledger only needs the `Actor` at the end.
 */
export const demoSessions: Readonly<Record<string, unknown>> = {
  'dana-token': { kind: 'staff', userId: 'dana', roles: ['sales', 'accounts'] },
  'ann-token': { kind: 'client', userId: 'ann', companyId: 'acme', role: 'accounts' },
  'kim-token': { kind: 'client', userId: 'kim', companyId: 'acme', role: 'user' },
};

/** `Authorization: Bearer <token>` against {@link demoSessions}. */
export const demoAuthenticator: Authenticator = async (request) => {
  const [authorization] = headerValues(request.headers, 'authorization');
  const token = authorization?.startsWith('Bearer ') === true ? authorization.slice('Bearer '.length) : '';
  const actor = Object.prototype.hasOwnProperty.call(demoSessions, token) ? Actor.decode(demoSessions[token]) : undefined;
  return actor !== undefined && E.isRight(actor) ? actor : E.left({ reason: 'Send Authorization: Bearer <token> (try dana-token).', challenge: 'Bearer realm="packledger-demo"' });
};

/** packledger on the embedded store, ready to mount: the `node:http` listener and how to stop it. */
export interface Packledger {
  readonly listener: ReturnType<typeof nodeListener>;
  readonly stop: () => Promise<void>;
}

/** Starts the embedded store, the projections and the HTTP handler (with read-your-writes). */
export const startPackledger = async (): Promise<Packledger> => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  await projections.caughtUp;
  const handle = httpHandler({ store, readModels, projections, authenticate: demoAuthenticator, onError: (error) => console.error(error) });
  return { listener: nodeListener(handle, { bodyLimit: 256 * 1024 }), stop: () => projections.stop() };
};

/** A started example server: where it listens and how to close it. */
export interface RunningServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}
