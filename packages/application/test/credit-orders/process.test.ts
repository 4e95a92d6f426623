import * as E from 'fp-ts/Either';
import { decodeCreditPackCommand, type CreditPackCommand } from '@packledger/domain';
import {
  InMemoryEventStore,
  commandHandler,
  creditOrderAggregate,
  creditOrderProcess,
  creditPackAggregate,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@packledger/application';
import type { ReadonlyNonEmptyArray } from 'fp-ts/ReadonlyNonEmptyArray';
import {
  CONFIRMED_AT,
  CrashingStore,
  EXPIRES_AT,
  accounts,
  allEvents,
  brandFilm,
  cancel,
  clientAdmin,
  confirm,
  correct,
  count,
  expectOrdersAgreeWithPacks,
  kimAsOwner,
  orderState,
  packState,
  place,
  right,
  sales,
} from './fixtures';

const packCommand = (json: Record<string, unknown>): CreditPackCommand => right(decodeCreditPackCommand(json));
const consume = (packId: string, consumptionId: string, credits: string): CreditPackCommand =>
  packCommand({ type: 'ConsumeCredits', packId, consumptionId, credits, project: brandFilm, productId: 'edit-day', actor: sales, at: '2026-02-10T12:00:00Z' });

/** A store with order-1 placed, confirmed (pack-1 issued, invoice requested). */
const confirmedOrder = async (store: EventStore = new InMemoryEventStore()) => {
  const orders = creditOrderProcess(store);
  right(await orders.send(place(), { commandId: 'req-place' }));
  right(await orders.send(confirm(), { commandId: 'req-confirm' }));
  return { store, orders, packs: commandHandler(store, creditPackAggregate) };
};

describe('confirming a credit order', () => {
  test('issues the pack and records one invoice request to the invoice contact', async () => {
    const store = new InMemoryEventStore();
    const orders = creditOrderProcess(store);
    right(await orders.send(place(), { commandId: 'req-place' }));
    const sent = right(await orders.send(confirm(), { commandId: 'req-confirm' }));
    expect(sent.work.status).toBe('done');
    expect(sent.work.steps.map((s) => [s.commandId, s.outcome, s.events])).toEqual([
      ['creditOrder:order-1:issue-pack:pack-1', 'appended', ['CreditPackIssued']],
      ['creditOrder:order-1:pack-issued:pack-1', 'appended', ['CreditOrderPackIssued']],
      ['creditOrder:order-1:invoice-request', 'appended', ['CreditOrderInvoiceRequested']],
    ]);
    const pack = await packState(store, 'pack-1');
    expect(pack.kind === 'issued' && [pack.owner, pack.expiresAt, pack.issuedAt, pack.remaining.toFixed()]).toEqual([{ type: 'office', officeId: 'london', companyId: 'acme' }, EXPIRES_AT, CONFIRMED_AT, '40']);
    const invoice = (await allEvents(store)).find((e) => e.type === 'CreditOrderInvoiceRequested');
    expect(invoice?.data).toMatchObject({ invoiceContactId: 'fay', price: { amount: '3800.00', currency: 'GBP' }, credits: '40', packId: 'pack-1' });
  });

  test('confirming again, with the same or another command id, issues nothing more', async () => {
    const { store, orders } = await confirmedOrder();
    const before = (await allEvents(store)).length;
    const again = right(await orders.send(confirm(), { commandId: 'req-confirm' }));
    const other = right(await orders.send(confirm('order-1', { at: '2026-02-01T10:00:00Z' }), { commandId: 'req-confirm-2' }));
    expect([again.accepted.duplicate, again.work.status, other.accepted.events, other.work.status]).toEqual([true, 'idle', [], 'idle']);
    expect((await allEvents(store)).length).toBe(before);
  });

  test('an order a client admin placed is confirmed by staff', async () => {
    const store = new InMemoryEventStore();
    const orders = creditOrderProcess(store);
    right(await orders.send(place('order-1', 'pack-1', { actor: clientAdmin }), { commandId: 'req-place' }));
    expect(E.isLeft(await orders.send(confirm('order-1', { actor: clientAdmin }), { commandId: 'req-confirm-client' }))).toBe(true);
    expect(right(await orders.send(confirm(), { commandId: 'req-confirm' })).work.status).toBe('done');
    expect(await count(store, 'CreditPackIssued')).toBe(1);
  });

  test('resuming an order with nothing pending does nothing', async () => {
    const { orders } = await confirmedOrder();
    expect(await orders.resume('order-1')).toEqual({ orderId: 'order-1', status: 'idle', steps: [] });
    expect((await orders.resume('no-such-order')).status).toBe('idle');
  });
});

describe('correcting a confirmed order', () => {
  test('names and managers are edited on the pack', async () => {
    const { store, orders } = await confirmedOrder();
    const sent = right(await orders.send(correct({ name: 'Brand pack', relationshipManagerId: 'rio' }), { commandId: 'req-fix' }));
    expect(sent.work.status).toBe('done');
    const pack = await packState(store, 'pack-1');
    expect(pack.kind === 'issued' && [pack.name, pack.relationshipManagerId]).toEqual(['Brand pack', 'rio']);
    await expectOrdersAgreeWithPacks(store);
  });

  test('the Accounts team\'s credit correction corrects the pack\'s credit value', async () => {
    const { store, orders } = await confirmedOrder();
    right(await orders.send(correct({ credits: '45' }, { actor: accounts }), { commandId: 'req-fix' }));
    const pack = await packState(store, 'pack-1');
    expect(pack.kind === 'issued' && pack.creditValue.toFixed()).toBe('45');
    const order = await orderState(store);
    expect(order.kind === 'order' && order.credits.toFixed()).toBe('45');
  });

  test('a new owner before use: the unused pack is cancelled and the corrected pack issued, and the order names it', async () => {
    const { store, orders } = await confirmedOrder();
    const sent = right(await orders.send(correct({ owner: kimAsOwner }, { newPackId: 'pack-2' }), { commandId: 'req-fix' }));
    expect(sent.work.status).toBe('done');
    const [old, replacement, order] = [await packState(store, 'pack-1'), await packState(store, 'pack-2'), await orderState(store)];
    expect(old.kind === 'issued' && old.status).toBe('cancelled');
    expect(replacement.kind === 'issued' && [replacement.owner, replacement.remaining.toFixed(), replacement.expiresAt, replacement.orderId]).toEqual([kimAsOwner, '40', EXPIRES_AT, 'order-1']);
    expect(order.kind === 'order' && [order.packId, order.owner, order.replacedPackIds]).toEqual(['pack-2', kimAsOwner, ['pack-1']]);
    await expectOrdersAgreeWithPacks(store);
  });

  test('a new owner after use: the Accounts team\'s correction runs the pack\'s cancel-and-reissue', async () => {
    const { store, orders, packs } = await confirmedOrder();
    right(await packs(consume('pack-1', 'use-1', '12'), { commandId: 'use-1' }));
    const sent = right(await orders.send(correct({ owner: kimAsOwner }, { newPackId: 'pack-2', actor: accounts }), { commandId: 'req-fix' }));
    expect(sent.work.status).toBe('done');
    const [old, reissued] = [await packState(store, 'pack-1'), await packState(store, 'pack-2')];
    expect(old.kind === 'issued' && [old.status, old.consumed.toFixed(), old.reissuedTo?.newPackId]).toEqual(['cancelled', '12', 'pack-2']);
    expect(reissued.kind === 'issued' && [reissued.owner, reissued.remaining.toFixed(), reissued.reissuedFrom]).toEqual([kimAsOwner, '28', 'pack-1']);
    await expectOrdersAgreeWithPacks(store);
  });

  test('a new owner after use, asked by sales, is refused with guidance for the Accounts team, and nothing is recorded', async () => {
    const { store, orders, packs } = await confirmedOrder();
    right(await packs(consume('pack-1', 'use-1', '12'), { commandId: 'use-1' }));
    const before = (await allEvents(store)).length;
    const refused = await orders.send(correct({ owner: kimAsOwner }, { newPackId: 'pack-2' }), { commandId: 'req-fix' });
    expect(E.isLeft(refused) && refused.left.kind === 'refused' && [refused.left.refusal.code, refused.left.refusal.message])
      .toEqual(['pack_used', expect.stringMatching(/Contact the Accounts team/)]);
    expect((await allEvents(store)).length).toBe(before);
  });

  test('changing the owner on the order always updates the pack (seed 000\'s bug cannot happen)', async () => {
    const { store, orders } = await confirmedOrder();
    right(await orders.send(correct({ owner: kimAsOwner }, { newPackId: 'pack-2' }), { commandId: 'req-fix-1' }));
    right(await orders.send(correct({ owner: { type: 'office', officeId: 'leeds', companyId: 'acme' } }, { correctionId: 'fix-2', newPackId: 'pack-3' }), { commandId: 'req-fix-2' }));
    const order = await orderState(store);
    const pack = await packState(store, 'pack-3');
    expect(order.kind === 'order' && pack.kind === 'issued' && [order.owner, pack.owner]).toEqual([{ type: 'office', officeId: 'leeds', companyId: 'acme' }, { type: 'office', officeId: 'leeds', companyId: 'acme' }]);
    await expectOrdersAgreeWithPacks(store);
  });
});

describe('cancelling a confirmed order', () => {
  test('cancels its unused pack, then the order', async () => {
    const { store, orders } = await confirmedOrder();
    const sent = right(await orders.send(cancel(), { commandId: 'req-cancel' }));
    expect(sent.work.status).toBe('done');
    const [pack, order] = [await packState(store, 'pack-1'), await orderState(store)];
    expect(pack.kind === 'issued' && [pack.status, pack.forfeited.toFixed()]).toEqual(['cancelled', '40']);
    expect(order.kind === 'order' && order.status).toBe('cancelled');
  });

  test('a used pack: refused with guidance for the Accounts team, and nothing is recorded', async () => {
    const { store, orders, packs } = await confirmedOrder();
    right(await packs(consume('pack-1', 'use-1', '12'), { commandId: 'use-1' }));
    const before = (await allEvents(store)).length;
    const refused = await orders.send(cancel(), { commandId: 'req-cancel' });
    expect(E.isLeft(refused) && refused.left.kind === 'refused' && refused.left.refusal.message).toMatch(/Contact the Accounts team: they fix the credit pack.*balance the invoiced amount with the client/);
    expect((await allEvents(store)).length).toBe(before);
  });

  test('a pack used after the cancellation was asked for: the saga records the refusal on the order and leaves the pack alone', async () => {
    const { store, orders, packs } = await confirmedOrder();
    // Recorded straight on the order (as a crashed host would have left it), then the pack is used before the saga runs.
    right(await commandHandler(store, creditOrderAggregate)(cancel(), { commandId: 'req-cancel' }));
    right(await packs(consume('pack-1', 'use-1', '12'), { commandId: 'use-1' }));
    const work = await orders.resume('order-1');
    expect([work.status, work.refusal?.code]).toEqual(['rejected', 'pack_used']);
    const [pack, order] = [await packState(store, 'pack-1'), await orderState(store)];
    expect(pack.kind === 'issued' && pack.status).toBe('active');
    expect(order.kind === 'order' && [order.status, order.pending]).toEqual(['confirmed', undefined]);
  });

  test('a consumption that wins the race with the cancellation makes the cancellation fail, never both succeed', async () => {
    const inner = new InMemoryEventStore();
    await confirmedOrder(inner);
    const packs = commandHandler(inner, creditPackAggregate);
    let raced = false;
    // Just as the saga appends its cancellation of pack-1, the pack is used: the append then finds the stream moved on.
    const racing: EventStore = {
      append: async (stream: string, events: ReadonlyNonEmptyArray<EventToAppend>, options: { readonly expectedRevision: ExpectedRevision }) => {
        if (!raced && stream === 'creditPack-pack-1' && events[0].type === 'CreditPackCancelled') {
          raced = true;
          right(await packs(consume('pack-1', 'use-1', '12'), { commandId: 'use-1' }));
        }
        return inner.append(stream, events, options);
      },
      readStream: (s, o) => inner.readStream(s, o),
      readAll: (o) => inner.readAll(o),
      subscribeToAll: (o, h) => inner.subscribeToAll(o, h),
    };
    const work = right(await creditOrderProcess(racing).send(cancel(), { commandId: 'req-cancel' })).work;
    expect([raced, work.status, work.refusal?.code]).toEqual([true, 'rejected', 'pack_used']);
    const pack = await packState(inner, 'pack-1');
    expect(pack.kind === 'issued' && [pack.status, pack.consumed.toFixed()]).toEqual(['active', '12']);
  });
});

describe('after a crash', () => {
  test('the host resends its command: the order\'s work finishes once', async () => {
    const inner = new InMemoryEventStore();
    const crashing = new CrashingStore(inner, 3, 'after');
    const orders = creditOrderProcess(crashing);
    right(await orders.send(place(), { commandId: 'req-place' }));
    await expect(orders.send(confirm(), { commandId: 'req-confirm' })).rejects.toThrow('crash after append 3');
    right(await creditOrderProcess(inner).send(confirm(), { commandId: 'req-confirm' }));
    expect([await count(inner, 'CreditPackIssued'), await count(inner, 'CreditOrderInvoiceRequested')]).toEqual([1, 1]);
  });
});
