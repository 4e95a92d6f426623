// Credit orders for the application tests: commands decoded from JSON as a host would, a store
// that crashes on a chosen append, and the checks every run must pass.
import * as E from 'fp-ts/Either';
import {
  CREDIT_ORDER_STREAM_PREFIX,
  creditOrderStream,
  creditPackStream,
  decodeCreditOrderCommand,
  type CreditOrderRequest,
  type CreditOrderState,
  type CreditPackState,
} from '@packledger/domain';
import {
  creditOrderAggregate,
  creditPackAggregate,
  loadStream,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionHandler,
} from '@packledger/application';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';

export const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;
export const accounts = { kind: 'staff', userId: 'ali', roles: ['accounts'] } as const;
export const projectManager = { kind: 'staff', userId: 'pat', roles: ['project_manager'] } as const;
export const clientAdmin = { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' } as const;
export const londonOffice = { type: 'office', officeId: 'london', companyId: 'acme' } as const;
export const kimAsOwner = { type: 'user', userId: 'kim', officeId: 'london', companyId: 'acme' } as const;
export const brandFilm = { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] } as const;

export const PLACED_AT = '2026-01-20T09:00:00.000Z';
export const CONFIRMED_AT = '2026-01-31T10:00:00.000Z';
export const EXPIRES_AT = '2026-07-31T10:00:00.000Z';

/** Decodes a person's order command; a fixture that does not decode is a broken test. */
export const request = (json: Record<string, unknown>): CreditOrderRequest => {
  const decoded = decodeCreditOrderCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  if (!['PlaceCreditOrder', 'ConfirmCreditOrder', 'CorrectCreditOrder', 'CancelCreditOrder'].includes(decoded.right.type)) throw new Error('not a request');
  return decoded.right as CreditOrderRequest;
};

export const place = (orderId = 'order-1', packId = 'pack-1', overrides: Record<string, unknown> = {}): CreditOrderRequest =>
  request({
    type: 'PlaceCreditOrder', orderId, packId, name: 'Production pack', owner: londonOffice, invoiceContactId: 'fay', credits: '40',
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day', 'shoot-day'], expiry: { type: 'monthsAfterIssue', months: 6 },
    relationshipManagerId: 'sam', projectManagerId: 'pat', actor: sales, at: PLACED_AT, ...overrides,
  });

export const confirm = (orderId = 'order-1', overrides: Record<string, unknown> = {}): CreditOrderRequest =>
  request({ type: 'ConfirmCreditOrder', orderId, actor: sales, at: CONFIRMED_AT, ...overrides });

export const correct = (changes: Record<string, unknown>, overrides: Record<string, unknown> = {}): CreditOrderRequest =>
  request({ type: 'CorrectCreditOrder', orderId: 'order-1', correctionId: 'fix-1', changes, reason: 'Owner mistaken for invoice contact', actor: sales, at: '2026-02-20T09:00:00Z', ...overrides });

export const cancel = (overrides: Record<string, unknown> = {}): CreditOrderRequest =>
  request({ type: 'CancelCreditOrder', orderId: 'order-1', cancellationId: 'cancel-1', reason: 'Client withdrew', actor: sales, at: '2026-02-20T09:00:00Z', ...overrides });

/** The value of a Right; a Left fails the test with what it holds. */
export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left ${JSON.stringify(e.left, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return e.right;
};

/** Thrown by {@link CrashingStore}: the process "dies" here. */
export class Crash extends Error {
  override readonly name = 'Crash';
}

/**
 * An event store that crashes on its `crashAt`-th append: `before` it reaches the store (nothing
 * written), or `after` it was written but before the caller hears of it. Every other call
 * goes to the store underneath.
 */
export class CrashingStore implements EventStore {
  appends = 0;
  constructor(private readonly inner: EventStore, private readonly crashAt: number, private readonly when: 'before' | 'after') {}

  async append(stream: string, events: ReadonlyNonEmptyArray<EventToAppend>, options: { readonly expectedRevision: ExpectedRevision }) {
    this.appends += 1;
    if (this.appends === this.crashAt && this.when === 'before') throw new Crash(`crash before append ${this.appends} (${stream})`);
    const result = await this.inner.append(stream, events, options);
    if (this.appends === this.crashAt && this.when === 'after') throw new Crash(`crash after append ${this.appends} (${stream})`);
    return result;
  }

  readStream(stream: string, options?: ReadStreamOptions) {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler) {
    return this.inner.subscribeToAll(options, handler);
  }
}

/** Every event of the store, in order. */
export const allEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

/** How many events of this type the store holds. */
export const count = async (store: EventStore, type: string): Promise<number> => (await allEvents(store)).filter((e) => e.type === type).length;

export const orderState = async (store: EventStore, orderId = 'order-1'): Promise<CreditOrderState> => right(await loadStream(store, creditOrderAggregate, creditOrderStream(orderId))).state;
export const packState = async (store: EventStore, packId: string): Promise<CreditPackState> => right(await loadStream(store, creditPackAggregate, creditPackStream(packId))).state;

const sameOwner = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The order and its pack never disagree: for every order whose pack is recorded issued, the
 * pack it names exists and has the order's owner, credits-independent terms and expiry.
 */
export const expectOrdersAgreeWithPacks = async (store: EventStore): Promise<void> => {
  const orderIds = new Set((await allEvents(store)).filter((e) => e.stream.startsWith(CREDIT_ORDER_STREAM_PREFIX)).map((e) => e.stream.slice(CREDIT_ORDER_STREAM_PREFIX.length)));
  for (const orderId of orderIds) {
    const order = await orderState(store, orderId);
    if (order.kind !== 'order' || !order.packIssued) continue;
    const pack = await packState(store, order.packId);
    if (pack.kind !== 'issued') throw new Error(`order ${orderId} names pack ${order.packId}, which was never issued`);
    expect(sameOwner(pack.owner, order.owner)).toBe(true);
    expect(pack.orderId).toBe(orderId);
    expect(pack.expiresAt).toBe(order.confirmation?.expiresAt);
    expect(pack.invoiceContactId).toBe(order.invoiceContactId);
  }
};
