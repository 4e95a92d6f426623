import { creditOrder, fold, type CreditOrderEvent } from '../../src';
import {
  CONFIRMED_AT,
  ORDER,
  PACK,
  accounts,
  cancelJson,
  clientAccounts,
  clientAdmin,
  clientUser,
  command,
  confirmJson,
  confirmed,
  confirmedJson,
  correctJson,
  correctionRequestedJson,
  event,
  fulfilled,
  given,
  invoiceRequested,
  kimAsOwner,
  packIssued,
  placeJson,
  placed,
  placedJson,
  projectManager,
  relationshipManager,
  saga,
  sales,
  terms,
} from './fixtures';

const clientPlaced = (actor: Record<string, unknown>) => event(placedJson({ by: actor }));

describe('placing an order', () => {
  test('sales places an order naming owner, invoice contact, credits, price, products, expiry rule and managers', () => {
    given([]).when(command(placeJson())).then([placed]);
  });

  test('a Client Hub Accounts user places an order for their own company', () => {
    given([]).when(command(placeJson({ actor: clientAccounts }))).then([clientPlaced(clientAccounts)]);
  });

  test('a Client Hub Admin user places an order for their own company', () => {
    given([]).when(command(placeJson({ actor: clientAdmin }))).then([clientPlaced(clientAdmin)]);
  });

  test('a Client Hub User cannot place an order, and is told whom to ask', () => {
    const error = given([]).when(command(placeJson({ actor: clientUser }))).thenRefuses('forbidden', { permission: 'credit-order:place' });
    expect(error.message).toMatch(/Accounts or Admin/);
  });

  test('a Client Hub Accounts user cannot order credits for another company', () => {
    given([]).when(command(placeJson({ actor: { kind: 'client', userId: 'zed', companyId: 'globex', role: 'accounts' } })))
      .thenRefuses('forbidden', { permission: 'credit-order:place' });
  });

  test('staff who do not sell (a project manager) cannot place an order', () => {
    given([]).when(command(placeJson({ actor: projectManager }))).thenRefuses('forbidden');
  });

  test('placing the same order again changes nothing; other terms under the same id are refused', () => {
    given([placed]).when(command(placeJson())).then([]);
    given([placed]).when(command(placeJson({ credits: '50' }))).thenRefuses('order_already_exists');
  });

  test('a fixed expiry that is not after the order is refused', () => {
    given([]).when(command(placeJson({ expiry: { type: 'on', at: '2026-01-20T09:00:00Z' } }))).thenRefuses('expiry_not_after_order');
  });

  test('a product listed twice is linked once', () => {
    given([]).when(command(placeJson({ linkedProducts: ['edit-day', 'shoot-day', 'edit-day'] }))).then([placed]);
  });
});

describe('confirming an order', () => {
  test('confirming records the pack to issue and its expiry, counted from the confirmation', () => {
    given([placed]).when(command(confirmJson())).then([confirmed]);
  });

  test('one month after Jan 31 of a leap year is Feb 29', () => {
    given([event(placedJson({ expiryRule: { type: 'monthsAfterIssue', months: 1 } }))])
      .when(command(confirmJson({ at: '2028-01-31T10:00:00Z' })))
      .then([event(confirmedJson({ expiresAt: '2028-02-29T10:00:00.000Z', at: '2028-01-31T10:00:00.000Z' }))]);
  });

  test('only staff confirm: a Client Hub Admin cannot confirm their own order', () => {
    given([clientPlaced(clientAdmin)]).when(command(confirmJson({ actor: clientAdmin }))).thenRefuses('forbidden', { permission: 'credit-order:confirm' });
  });

  test('confirming twice changes nothing', () => {
    given([placed, confirmed]).when(command(confirmJson({ at: '2026-02-01T10:00:00Z' }))).then([]);
  });

  test('a cancelled order cannot be confirmed', () => {
    const cancelled = event({ type: 'CreditOrderCancelled', data: { orderId: ORDER, cancellationId: 'c', reason: 'Withdrawn', by: sales, at: '2026-01-21T00:00:00.000Z' } });
    given([placed, cancelled]).when(command(confirmJson())).thenRefuses('order_cancelled');
  });

  test('a fixed expiry that has passed by the confirmation is refused', () => {
    given([event(placedJson({ expiryRule: { type: 'on', at: '2026-01-25T00:00:00.000Z' } }))]).when(command(confirmJson())).thenRefuses('expiry_not_after_issue');
  });

  test('an order that was never placed cannot be confirmed', () => {
    given([]).when(command(confirmJson())).thenRefuses('order_not_found');
  });
});

describe('correcting an order before confirmation', () => {
  test('the order changes at once: there is no pack yet', () => {
    given([placed]).when(command(correctJson({ owner: kimAsOwner }))).then([
      event({ type: 'CreditOrderCorrected', data: { orderId: ORDER, correctionId: 'fix-1', changes: { owner: kimAsOwner }, reason: 'Owner mistaken for invoice contact', by: sales, at: '2026-02-05T09:00:00.000Z' } }),
    ]);
  });

  test('the same correction again changes nothing; the same id with other changes is refused', () => {
    const history = [placed, ...given([placed]).when(command(correctJson({ owner: kimAsOwner }))).then([
      event({ type: 'CreditOrderCorrected', data: { orderId: ORDER, correctionId: 'fix-1', changes: { owner: kimAsOwner }, reason: 'Owner mistaken for invoice contact', by: sales, at: '2026-02-05T09:00:00.000Z' } }),
    ])];
    given(history).when(command(correctJson({ owner: kimAsOwner }))).then([]);
    given(history).when(command(correctJson({ credits: '45' }))).thenRefuses('correction_id_conflict');
  });

  test('a correction that changes nothing is refused', () => {
    given([placed]).when(command(correctJson({ credits: '40' }))).thenRefuses('nothing_to_correct');
  });

  test('the client who placed the order may correct it, but not move it to another company', () => {
    given([clientPlaced(clientAdmin)]).when(command(correctJson({ credits: '45' }, { actor: clientAdmin }))).then([
      event({ type: 'CreditOrderCorrected', data: { orderId: ORDER, correctionId: 'fix-1', changes: { credits: '45' }, reason: 'Owner mistaken for invoice contact', by: clientAdmin, at: '2026-02-05T09:00:00.000Z' } }),
    ]);
    given([clientPlaced(clientAdmin)]).when(command(correctJson({ owner: { type: 'office', officeId: 'ny', companyId: 'globex' } }, { actor: clientAdmin })))
      .thenRefuses('forbidden');
  });
});

describe('correcting a confirmed order', () => {
  const requested = (changes: Record<string, unknown>, mode: string, overrides: Record<string, unknown> = {}) => event(correctionRequestedJson(changes, mode, overrides));

  test('while the confirmation is still being carried out, a correction waits', () => {
    given([placed, confirmed]).when(command(correctJson({ name: 'Brand pack' }))).thenRefuses('order_busy');
  });

  test('any staff member corrects the name and managers: the pack is edited in place', () => {
    given(fulfilled).when(command(correctJson({ relationshipManagerId: 'rio', projectManagerId: 'pia' }, { actor: projectManager })))
      .then([requested({ relationshipManagerId: 'rio', projectManagerId: 'pia' }, 'details', { by: projectManager })]);
  });

  test('only the Accounts team corrects the credit value (seed: "you can\'t resolve this one by yourself")', () => {
    given(fulfilled).when(command(correctJson({ credits: '45' }))).thenRefuses('forbidden', { permission: 'credit-order:correct-credits' });
    given(fulfilled).when(command(correctJson({ credits: '45' }, { actor: accounts }))).then([requested({ credits: '45' }, 'credit_value', { by: accounts })]);
  });

  test('a new owner replaces the pack: the correction names the new pack', () => {
    given(fulfilled).when(command(correctJson({ owner: kimAsOwner }, { newPackId: 'pack-2' })))
      .then([requested({ owner: kimAsOwner }, 'replace_pack', { newPackId: 'pack-2' })]);
  });

  test('replacing the pack needs a new pack id of its own', () => {
    given(fulfilled).when(command(correctJson({ owner: kimAsOwner }))).thenRefuses('new_pack_id_required');
    given(fulfilled).when(command(correctJson({ owner: kimAsOwner }, { newPackId: PACK }))).thenRefuses('new_pack_id_in_use');
  });

  test('credits cannot move to another company', () => {
    given(fulfilled).when(command(correctJson({ owner: { type: 'office', officeId: 'ny', companyId: 'globex' } }, { newPackId: 'pack-2' })))
      .thenRefuses('owner_company_change');
  });

  test('the price and invoice contact were invoiced: correcting them is refused with guidance for the Accounts team', () => {
    const error = given(fulfilled).when(command(correctJson({ price: { amount: '4000.00', currency: 'GBP' } }, { actor: accounts })))
      .thenRefuses('invoice_already_requested', { fields: ['price'] });
    expect(error.message).toMatch(/Accounts team/);
    given(fulfilled).when(command(correctJson({ invoiceContactId: 'gus' }))).thenRefuses('invoice_already_requested');
  });

  test('Client Hub users cannot correct a confirmed order', () => {
    given(fulfilled).when(command(correctJson({ name: 'Brand pack' }, { actor: clientAdmin }))).thenRefuses('forbidden', { permission: 'credit-order:edit-details' });
  });

  test('an expired pack is not replaced', () => {
    given(fulfilled).when(command(correctJson({ owner: kimAsOwner }, { newPackId: 'pack-2', at: '2026-07-31T10:00:00Z' }))).thenRefuses('pack_expired');
  });

  test('an expiry rule rewritten to the same instant does not replace the pack', () => {
    given(fulfilled).when(command(correctJson({ expiry: { type: 'on', at: '2026-07-31T10:00:00Z' } })))
      .then([requested({ expiry: { type: 'on', at: '2026-07-31T10:00:00.000Z' } }, 'details')]);
  });

  test('a moved expiry replaces the pack, and must still be after the correction', () => {
    given(fulfilled).when(command(correctJson({ expiry: { type: 'monthsAfterIssue', months: 12 } }, { newPackId: 'pack-2' })))
      .then([requested({ expiry: { type: 'monthsAfterIssue', months: 12 } }, 'replace_pack', { newPackId: 'pack-2' })]);
    given(fulfilled).when(command(correctJson({ expiry: { type: 'on', at: '2026-02-01T00:00:00Z' } }, { newPackId: 'pack-2' }))).thenRefuses('expiry_not_after_issue');
  });

  test('one correction at a time: another waits until the first is applied or rejected', () => {
    given([...fulfilled, requested({ owner: kimAsOwner }, 'replace_pack', { newPackId: 'pack-2' })])
      .when(command(correctJson({ name: 'Brand pack' }, { correctionId: 'fix-2' }))).thenRefuses('order_busy');
  });

  test('relationship managers may edit details but not replace the pack', () => {
    given(fulfilled).when(command(correctJson({ owner: kimAsOwner }, { newPackId: 'pack-2', actor: relationshipManager })))
      .thenRefuses('forbidden', { permission: 'credit-order:replace-pack' });
  });
});

describe('cancelling an order', () => {
  test('an unconfirmed order is cancelled at once, also by the client who placed it', () => {
    given([clientPlaced(clientAccounts)]).when(command(cancelJson({ actor: clientAccounts }))).then([
      event({ type: 'CreditOrderCancelled', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', by: clientAccounts, at: '2026-02-05T09:00:00.000Z' } }),
    ]);
  });

  test('a confirmed order asks for its pack to be cancelled first', () => {
    given(fulfilled).when(command(cancelJson())).then([
      event({ type: 'CreditOrderCancellationRequested', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', by: sales, at: '2026-02-05T09:00:00.000Z' } }),
    ]);
  });

  test('Client Hub users cannot cancel a confirmed order', () => {
    given(fulfilled).when(command(cancelJson({ actor: clientAdmin }))).thenRefuses('forbidden', { permission: 'credit-order:cancel-confirmed' });
  });

  test('cancelling again changes nothing; the same cancellation id with another reason is refused', () => {
    const cancelled = event({ type: 'CreditOrderCancelled', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', by: sales, at: '2026-02-05T09:00:00.000Z' } });
    given([placed, cancelled]).when(command(cancelJson())).then([]);
    given([placed, cancelled]).when(command(cancelJson({ cancellationId: 'cancel-2' }))).then([]);
    given([placed, cancelled]).when(command(cancelJson({ reason: 'Other' }))).thenRefuses('cancellation_id_conflict');
  });

  test('a cancelled order cannot be corrected', () => {
    const cancelled = event({ type: 'CreditOrderCancelled', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', by: sales, at: '2026-02-05T09:00:00.000Z' } });
    given([placed, cancelled]).when(command(correctJson({ name: 'Other' }))).thenRefuses('order_cancelled');
  });
});

describe('the saga records its steps on the order', () => {
  const step = (json: Record<string, unknown>) => command({ orderId: ORDER, actor: saga, at: CONFIRMED_AT, ...json });

  test('only the saga records a step', () => {
    given([placed, confirmed]).when(command({ type: 'RecordCreditOrderPackIssued', orderId: ORDER, packId: PACK, actor: sales, at: CONFIRMED_AT }))
      .thenRefuses('forbidden', { permission: 'credit-order:record-progress' });
  });

  test('the pack is recorded issued once', () => {
    given([placed, confirmed]).when(step({ type: 'RecordCreditOrderPackIssued', packId: PACK })).then([packIssued]);
    given([placed, confirmed, packIssued]).when(step({ type: 'RecordCreditOrderPackIssued', packId: PACK })).then([]);
  });

  test('nothing is recorded for an order not yet confirmed', () => {
    given([placed]).when(step({ type: 'RecordCreditOrderPackIssued', packId: PACK })).thenRefuses('order_not_confirmed');
  });

  test('the invoice request goes to the invoice contact for the order\'s price, once, after the pack is issued', () => {
    given([placed, confirmed]).when(step({ type: 'RecordCreditOrderInvoiceRequest' })).thenRefuses('pack_not_issued');
    given([placed, confirmed, packIssued]).when(step({ type: 'RecordCreditOrderInvoiceRequest' })).then([invoiceRequested]);
    given(fulfilled).when(step({ type: 'RecordCreditOrderInvoiceRequest' })).then([]);
  });

  test('an applied correction changes the terms and, when it replaced the pack, the order\'s pack', () => {
    const history: CreditOrderEvent[] = [...fulfilled, event(correctionRequestedJson({ owner: kimAsOwner }, 'replace_pack', { newPackId: 'pack-2' }))];
    const applied = given(history).when(step({ type: 'ApplyCreditOrderCorrection', correctionId: 'fix-1', packId: 'pack-2', at: '2026-02-05T09:00:00Z' })).then([
      event({ type: 'CreditOrderCorrectionApplied', data: { orderId: ORDER, correctionId: 'fix-1', changes: { owner: kimAsOwner }, packId: 'pack-2', replacedPackId: PACK, by: saga, at: '2026-02-05T09:00:00.000Z' } }),
    ]);
    const after = fold(creditOrder, [...history, ...applied]);
    expect(after.kind === 'order' && [after.packId, after.owner, after.replacedPackIds, after.pending]).toEqual(['pack-2', kimAsOwner, [PACK], undefined]);
  });

  test('an applied correction of the expiry moves the order\'s expiry, counted from the confirmation', () => {
    const history: CreditOrderEvent[] = [...fulfilled, event(correctionRequestedJson({ expiry: { type: 'monthsAfterIssue', months: 12 } }, 'replace_pack', { newPackId: 'pack-2' }))];
    const applied = given(history).when(step({ type: 'ApplyCreditOrderCorrection', correctionId: 'fix-1', packId: 'pack-2' })).outcome;
    if (applied._tag === 'Left') throw new Error(applied.left.message);
    const after = fold(creditOrder, [...history, ...applied.right]);
    expect(after.kind === 'order' && after.confirmation?.expiresAt).toBe('2027-01-31T10:00:00.000Z');
  });

  test('a step for work that is not under way is refused; for work already resolved it changes nothing', () => {
    given(fulfilled).when(step({ type: 'ApplyCreditOrderCorrection', correctionId: 'fix-9', packId: PACK })).thenRefuses('no_such_work');
    const history: CreditOrderEvent[] = [...fulfilled, event(correctionRequestedJson({ name: 'Brand pack' }, 'details')),
      event({ type: 'CreditOrderCorrectionApplied', data: { orderId: ORDER, correctionId: 'fix-1', changes: { name: 'Brand pack' }, packId: PACK, by: saga, at: CONFIRMED_AT } })];
    given(history).when(step({ type: 'ApplyCreditOrderCorrection', correctionId: 'fix-1', packId: PACK })).then([]);
  });

  test('a rejected correction leaves the order as it was, and the next correction may go ahead', () => {
    const history: CreditOrderEvent[] = [...fulfilled, event(correctionRequestedJson({ owner: kimAsOwner }, 'replace_pack', { newPackId: 'pack-2' })),
      event({ type: 'CreditOrderCorrectionRejected', data: { orderId: ORDER, correctionId: 'fix-1', code: 'pack_used', message: 'Contact the Accounts team.', by: saga, at: CONFIRMED_AT } })];
    const after = fold(creditOrder, history);
    expect(after.kind === 'order' && [after.owner, after.packId, after.pending]).toEqual([terms.owner, PACK, undefined]);
    given(history).when(command(correctJson({ name: 'Brand pack' }, { correctionId: 'fix-2' }))).then([
      event(correctionRequestedJson({ name: 'Brand pack' }, 'details', { correctionId: 'fix-2' })),
    ]);
  });

  test('a completed cancellation cancels the order and names its pack; a rejected one keeps it confirmed', () => {
    const requested = event({ type: 'CreditOrderCancellationRequested', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', by: sales, at: CONFIRMED_AT } });
    given([...fulfilled, requested]).when(step({ type: 'CompleteCreditOrderCancellation', cancellationId: 'cancel-1' })).then([
      event({ type: 'CreditOrderCancelled', data: { orderId: ORDER, cancellationId: 'cancel-1', reason: 'Client withdrew', packId: PACK, by: saga, at: CONFIRMED_AT } }),
    ]);
    const rejected = given([...fulfilled, requested]).when(step({ type: 'RejectCreditOrderCancellation', cancellationId: 'cancel-1', code: 'pack_used', message: 'Contact the Accounts team.' })).outcome;
    if (rejected._tag === 'Left') throw new Error(rejected.left.message);
    const after = fold(creditOrder, [...fulfilled, requested, ...rejected.right]);
    expect(after.kind === 'order' && [after.status, after.pending]).toEqual(['confirmed', undefined]);
  });
});
