import * as E from 'fp-ts/Either';
import {
  creditOrderCancellationRoute,
  creditOrderPackIssue,
  creditOrderCorrectionRoute,
  creditOrder,
  creditPack,
  fold,
  creditOrderReplacedPackCancel,
  creditOrderReplacementPackIssue,
  unusedCreditPack,
  type CreditOrder,
  type CreditOrderEvent,
  type CreditPackEvent,
  type CreditPackState,
  type PendingCreditOrderCancellation,
  type PendingCreditOrderCorrection,
} from '../../src';
import { command as packCommand, event as packEvent, officePackIssued, twelveConsumed } from '../credit-pack/fixtures';
import { EXPIRES_AT, accounts, correctionRequestedJson, event, fulfilled, kimAsOwner, sales } from './fixtures';

const orderAfter = (...extra: CreditOrderEvent[]): CreditOrder => {
  const state = fold(creditOrder, [...fulfilled, ...extra]);
  if (state.kind !== 'order') throw new Error('fixture broken');
  return state;
};
const pendingCorrection = (order: CreditOrder): PendingCreditOrderCorrection => {
  if (order.pending?.kind !== 'correction') throw new Error('fixture broken');
  return order.pending;
};
const pack = (...events: CreditPackEvent[]): CreditPackState => fold(creditPack, events);
const ownerCorrection = (by: Record<string, unknown> = sales) =>
  orderAfter(event(correctionRequestedJson({ owner: kimAsOwner }, 'replace_pack', { newPackId: 'pack-2', by })));

describe('what an order does to its pack', () => {
  test('the confirmed pack carries the order\'s terms and expires when the order says', () => {
    const order = orderAfter();
    if (order.confirmation === undefined) throw new Error('fixture broken');
    const issued = creditPack.decide(creditOrderPackIssue(order, order.confirmation), pack());
    expect(E.isRight(issued) && issued.right[0]?.type === 'CreditPackIssued' && [issued.right[0].data.expiresAt, issued.right[0].data.owner, issued.right[0].data.invoiceContactId])
      .toEqual([EXPIRES_AT, order.owner, 'fay']);
  });

  test('an unused pack is replaced: cancelled, and the corrected pack issued with the same expiry', () => {
    const order = ownerCorrection();
    const c = pendingCorrection(order);
    if (order.confirmation === undefined) throw new Error('fixture broken');
    expect(creditOrderCorrectionRoute(order, order.confirmation, c, pack(officePackIssued)).kind).toBe('replace_unused');
    const replacement = creditPack.decide(creditOrderReplacementPackIssue(order, order.confirmation, c, c.newPackId ?? order.packId), pack());
    expect(E.isRight(replacement) && replacement.right[0]?.type === 'CreditPackIssued' && [replacement.right[0].data.owner, replacement.right[0].data.expiresAt, replacement.right[0].data.credits.toFixed()])
      .toEqual([kimAsOwner, EXPIRES_AT, '40']);
  });

  test('a used pack\'s owner is corrected by the Accounts team\'s cancel-and-reissue', () => {
    const order = ownerCorrection(accounts);
    if (order.confirmation === undefined) throw new Error('fixture broken');
    expect(creditOrderCorrectionRoute(order, order.confirmation, pendingCorrection(order), pack(officePackIssued, twelveConsumed)).kind).toBe('reissue');
  });

  test('sales cannot correct a used pack\'s owner: the refusal sends them to the Accounts team', () => {
    const order = ownerCorrection(sales);
    if (order.confirmation === undefined) throw new Error('fixture broken');
    const route = creditOrderCorrectionRoute(order, order.confirmation, pendingCorrection(order), pack(officePackIssued, twelveConsumed));
    expect(route.kind === 'refused' && [route.error.code, route.error.message]).toEqual(['pack_used', expect.stringMatching(/Accounts team.*28 credits/)]);
  });

  test('a used pack\'s products cannot change with the order', () => {
    const order = orderAfter(event(correctionRequestedJson({ linkedProducts: ['edit-day'] }, 'replace_pack', { newPackId: 'pack-2', by: accounts })));
    if (order.confirmation === undefined) throw new Error('fixture broken');
    const route = creditOrderCorrectionRoute(order, order.confirmation, pendingCorrection(order), pack(officePackIssued, twelveConsumed));
    expect(route.kind === 'refused' && route.error.facts.fields).toEqual(['linkedProducts']);
  });

  test('the saga recognises the pack it cancelled itself, and nothing else, as on its way to replacement', () => {
    const order = ownerCorrection();
    const c = pendingCorrection(order);
    if (order.confirmation === undefined) throw new Error('fixture broken');
    const cancel = creditOrderReplacedPackCancel(order, c);
    const ours = packEvent({ type: 'CreditPackCancelled', data: { packId: 'pack-1', reason: cancel.reason, forfeitedCredits: '40', by: sales, at: '2026-02-05T09:00:00.000Z' } });
    const theirs = packEvent({ type: 'CreditPackCancelled', data: { packId: 'pack-1', reason: 'Accounts cleanup', forfeitedCredits: '40', by: accounts, at: '2026-02-05T09:00:00.000Z' } });
    expect(creditOrderCorrectionRoute(order, order.confirmation, c, pack(officePackIssued, ours)).kind).toBe('replace_unused');
    expect(creditOrderCorrectionRoute(order, order.confirmation, c, pack(officePackIssued, theirs))).toMatchObject({ kind: 'refused', error: { code: 'pack_closed' } });
  });

  test('a used pack cannot be cancelled with its order: the refusal is guidance for the Accounts team', () => {
    const order = orderAfter(event({ type: 'CreditOrderCancellationRequested', data: { orderId: 'order-1', cancellationId: 'cancel-1', reason: 'Client withdrew', by: sales, at: '2026-02-05T09:00:00.000Z' } }));
    if (order.pending?.kind !== 'cancellation') throw new Error('fixture broken');
    const k: PendingCreditOrderCancellation = order.pending;
    expect(creditOrderCancellationRoute(order, k, pack(officePackIssued)).kind).toBe('cancel_unused');
    const route = creditOrderCancellationRoute(order, k, pack(officePackIssued, twelveConsumed));
    expect(route.kind === 'refused' && [route.error.code, route.error.message]).toEqual(['pack_used', expect.stringMatching(/Contact the Accounts team.*balance the invoiced amount/)]);
  });

  test('cancelling through unusedCreditPack is refused once the pack is used, decided in the pack\'s own stream', () => {
    const cancel = packCommand({ type: 'CancelPack', packId: 'pack-1', reason: 'Order cancelled', actor: sales, at: '2026-02-05T09:00:00Z' });
    expect(E.isRight(unusedCreditPack.decide(cancel, pack(officePackIssued)))).toBe(true);
    const refused = unusedCreditPack.decide(cancel, pack(officePackIssued, twelveConsumed));
    expect(E.isLeft(refused) && refused.left.code).toBe('pack_used');
  });
});
