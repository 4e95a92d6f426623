import { InMemoryEventStore, fixedClock, type EventStore } from '@packledger/application';
import { Actor } from '@packledger/domain';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, startProjections, type RunningProjections } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { headerValues, httpHandler, type Authenticator, type HttpHandler, type HttpOptions, type HttpResponse } from '@packledger/http';

/** The instant the test clock always says. */
export const NOW = '2026-02-01T00:00:00.000Z';

/** Everyone who calls in the tests, by bearer token. Client Hub users all belong to acme. */
const actorsJson = {
  staff: { kind: 'staff', userId: 'sam', roles: ['sales', 'accounts'] },
  pm: { kind: 'staff', userId: 'pat', roles: ['project_manager'] },
  scheduler: { kind: 'system', name: 'expiry' },
  user: { kind: 'client', userId: 'kim', companyId: 'acme', role: 'user' },
  accounts: { kind: 'client', userId: 'ann', companyId: 'acme', role: 'accounts' },
  admin: { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' },
  roleless: { kind: 'staff', userId: 'new', roles: [] },
} as const;
export type Caller = keyof typeof actorsJson;

const asActor = (json: unknown): Actor => {
  const decoded = Actor.decode(json);
  if (E.isLeft(decoded)) throw new Error(`not an actor: ${JSON.stringify(json)}`);
  return decoded.right;
};
export const actors = Object.fromEntries(Object.entries(actorsJson).map(([name, json]) => [name, asActor(json)])) as Record<Caller, Actor>;

/** The host's authenticator of the tests: `Authorization: Bearer <caller>`. */
export const bearerAuthenticator: Authenticator = async (request) => {
  const [header] = headerValues(request.headers, 'authorization');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const actor = token !== undefined && Object.prototype.hasOwnProperty.call(actors, token) ? actors[token as Caller] : undefined;
  return actor === undefined ? E.left({ reason: 'Send Authorization: Bearer <token>.', challenge: 'Bearer realm="packledger"' }) : E.right(actor);
};

/** Every event in the store, in order. */
export const allEvents = async (store: EventStore) => {
  const events = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};

export interface World {
  readonly store: InMemoryEventStore;
  readonly readModels: InMemoryReadModelStore;
  readonly projections: RunningProjections;
  readonly handle: HttpHandler;
  send(method: string, path: string, options?: { as?: Caller | 'nobody'; body?: unknown; key?: string | null; query?: Record<string, string | string[]>; headers?: Record<string, string> }): Promise<HttpResponse>;
  post(path: string, body: unknown, as?: Caller, key?: string): Promise<HttpResponse>;
  get(path: string, query?: Record<string, string | string[]>, as?: Caller): Promise<HttpResponse>;
  stop(): Promise<void>;
}

/** An embedded store, running projections and the handler, with callers by name. */
export const makeWorld = async (options: Partial<HttpOptions> = {}): Promise<World> => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  await projections.caughtUp;
  const handle = httpHandler({ store, readModels, projections, authenticate: bearerAuthenticator, clock: fixedClock(NOW), ...options });
  let keys = 0;
  const send: World['send'] = (method, path, o = {}) => {
    const as = o.as ?? 'staff';
    const key = o.key === undefined ? `key-${++keys}` : o.key;
    return handle({
      method, path, query: o.query ?? {}, body: o.body,
      headers: { ...(as === 'nobody' ? {} : { authorization: `Bearer ${as}` }), ...(key === null || method !== 'POST' ? {} : { 'idempotency-key': key }), ...o.headers },
    });
  };
  return {
    store, readModels, projections, handle, send,
    post: (path, body, as = 'staff', key) => send('POST', path, { as, body, ...(key === undefined ? {} : { key }) }),
    get: (path, query = {}, as = 'staff') => send('GET', path, { as, query }),
    stop: () => projections.stop(),
  };
};

/** The JSON of an `IssueCreditPack` (without packId, actor and at: the server fills them in). */
export const issueBody = (o: { company?: string; office?: string; user?: string; credits?: string; pm?: string; rm?: string; name?: string; months?: number } = {}) => ({
  type: 'IssueCreditPack', orderId: `order-${o.name ?? 'x'}`.replace(/\s/g, '-'), name: o.name ?? 'Production pack',
  owner: o.user === undefined
    ? { type: 'office', officeId: o.office ?? 'london', companyId: o.company ?? 'acme' }
    : { type: 'user', userId: o.user, officeId: o.office ?? 'london', companyId: o.company ?? 'acme' },
  credits: o.credits ?? '40', price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit', 'shoot'],
  relationshipManagerId: o.rm ?? 'rae', projectManagerId: o.pm ?? 'pat', invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: o.months ?? 6 },
  at: '2026-01-15T10:00:00Z',
});

/** The JSON of a `ConsumeCredits` on a project of acme's london office. */
export const consumeBody = (consumptionId: string, credits: string, o: { company?: string; office?: string; productId?: string } = {}) => ({
  type: 'ConsumeCredits', consumptionId, credits, productId: o.productId ?? 'edit',
  project: { projectId: `film-${consumptionId}`, companyId: o.company ?? 'acme', officeId: o.office ?? 'london', contactUserIds: ['kim'] },
});

export const voipPackage = {
  catalogPackageId: 'voip', name: 'VoIP 100', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
  period: { unit: 'month', count: 1 }, limits: [{ type: 'volume', prefix: '380', minutes: '100' }],
};

/** The JSON of an `AssignClientPackage` starting on the test clock's day. */
export const assignBody = (clientId: string, o: { accountId?: string; name?: string } = {}) => ({
  type: 'AssignClientPackage', clientId, package: { ...voipPackage, name: o.name ?? voipPackage.name }, startDate: NOW, quantity: 1, activateInPast: false,
  options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, ...(o.accountId === undefined ? {} : { accountId: o.accountId }),
});

/** The JSON of an `AddAccountPackage`: a one-line plan at 100.00 EUR a month from the test clock's day. */
export const addAccountPackageBody = (accountId: string, name = 'Plan') => ({
  type: 'AddAccountPackage',
  account: { accountId, currency: 'EUR', billDay: 1, usageBillDay: 1 },
  definition: {
    catalogPackageId: 'plan', name, allowsGlobalAddOns: false,
    services: [{ serviceId: 'line', name: 'Line', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
      recurringPrices: [{ status: 'active', price: { amount: '100.00', currency: 'EUR' } }], transitionPrices: [] }],
  },
  priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly', effectiveDate: '2026-02-01',
  options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false },
});

/** The JSON of a `BillPackage` for February 2026, by the scheduler's bill run. */
export const billFebruaryBody = (invoiceNumber: string) => ({
  type: 'BillPackage', invoiceNumber, billPeriod: { start: '2026-02-01', end: '2026-03-01' },
  billCharges: true, billUsage: false, invoiceTopUp: false, runContractCommitment: false,
});

/** The body of an error response. */
export const errorOf = (response: HttpResponse): { code: string; message: string; facts: Record<string, unknown> } =>
  (response.body as { error: { code: string; message: string; facts: Record<string, unknown> } }).error;
