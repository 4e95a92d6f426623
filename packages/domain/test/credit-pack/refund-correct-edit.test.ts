import {
  accounts,
  command,
  consumedJson,
  event,
  given,
  officePackIssued,
  projectManager,
  relationshipManager,
  twelveConsumed,
  clientAccounts,
} from './fixtures';

const refundJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'RefundConsumption', packId: 'pack-1', refundId: 'refund-1', consumptionId: 'use-1', credits: '5',
  reason: 'Edit day cut short', actor: projectManager, at: '2026-03-01T09:00:00Z', ...overrides,
});
const refundedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditsRefunded',
  data: { packId: 'pack-1', refundId: 'refund-1', consumptionId: 'use-1', projectId: 'brand-film', credits: '5', reason: 'Edit day cut short',
    remaining: '33', by: projectManager, at: '2026-03-01T09:00:00.000Z', ...overrides },
});
const correctJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CorrectCreditValue', packId: 'pack-1', correctedCredits: '45', reason: 'Order said 45', actor: accounts, at: '2026-03-02T09:00:00Z', ...overrides,
});

describe('refunding a consumption', () => {
  test('a refund is a new event that gives credits back, never an edit of the consumption', () => {
    given([officePackIssued, twelveConsumed]).when(command(refundJson())).then([event(refundedJson())]);
  });

  test('refunds at most what was consumed', () => {
    given([officePackIssued, twelveConsumed]).when(command(refundJson({ credits: '12.000001' }))).thenRefuses('refund_exceeds_consumption', { refundable: '12' });
  });

  test('several refunds of one consumption together stay within what was consumed', () => {
    const firstRefund = event(refundedJson({ credits: '10', remaining: '38' }));
    given([officePackIssued, twelveConsumed, firstRefund])
      .when(command(refundJson({ refundId: 'refund-2', credits: '3' })))
      .thenRefuses('refund_exceeds_consumption', { refundable: '2' });
  });

  test('refuses to refund a consumption the pack does not have', () => {
    given([officePackIssued]).when(command(refundJson())).thenRefuses('consumption_not_found');
  });

  test('the same refund id with the same content again changes nothing', () => {
    given([officePackIssued, twelveConsumed, event(refundedJson())]).when(command(refundJson())).then([]);
  });

  test('the same refund id with different content is refused', () => {
    given([officePackIssued, twelveConsumed, event(refundedJson())]).when(command(refundJson({ credits: '1' }))).thenRefuses('refund_id_conflict');
  });

  test('a refund to an exhausted pack makes it usable again', () => {
    const allUsed = event(consumedJson({ credits: '40', remaining: '0' }));
    const refunded = event(refundedJson({ credits: '5', remaining: '5' }));
    given([officePackIssued, allUsed, refunded])
      .when(command({ type: 'ConsumeCredits', packId: 'pack-1', consumptionId: 'use-2', credits: '5', project: { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: [] }, productId: 'edit-day', actor: projectManager, at: '2026-03-03T09:00:00Z' }))
      .then([
        event(consumedJson({ consumptionId: 'use-2', credits: '5', remaining: '0', at: '2026-03-03T09:00:00.000Z' })),
        event({ type: 'CreditPackExhausted', data: { packId: 'pack-1', by: projectManager, at: '2026-03-03T09:00:00.000Z' } }),
      ]);
  });

  test('client-hub users do not refund; staff do', () => {
    given([officePackIssued, twelveConsumed]).when(command(refundJson({ actor: clientAccounts }))).thenRefuses('forbidden', { permission: 'credit-pack:refund' });
  });
});

describe('correcting the credit value', () => {
  test('the Accounts team corrects the value with a reason, visible in the history with before, after and delta', () => {
    given([officePackIssued, twelveConsumed]).when(command(correctJson())).then([
      event({ type: 'CreditValueCorrected', data: { packId: 'pack-1', previousCredits: '40', correctedCredits: '45', delta: '5', reason: 'Order said 45', remaining: '33', by: accounts, at: '2026-03-02T09:00:00.000Z' } }),
    ]);
  });

  test('only the Accounts team corrects a credit value', () => {
    const error = given([officePackIssued]).when(command(correctJson({ actor: relationshipManager }))).thenRefuses('forbidden', { permission: 'credit-pack:correct-value' });
    expect(error.message).toMatch(/accounts/);
  });

  test('a correction needs a reason', () => {
    expect(() => command(correctJson({ reason: '   ' }))).toThrow(/reason/);
  });

  test('refuses to correct below what has already been used', () => {
    given([officePackIssued, twelveConsumed]).when(command(correctJson({ correctedCredits: '11' }))).thenRefuses('correction_below_used', { used: '12' });
  });

  test('a correction down to exactly what was used exhausts the pack', () => {
    given([officePackIssued, twelveConsumed]).when(command(correctJson({ correctedCredits: '12' }))).then([
      event({ type: 'CreditValueCorrected', data: { packId: 'pack-1', previousCredits: '40', correctedCredits: '12', delta: '-28', reason: 'Order said 45', remaining: '0', by: accounts, at: '2026-03-02T09:00:00.000Z' } }),
      event({ type: 'CreditPackExhausted', data: { packId: 'pack-1', by: accounts, at: '2026-03-02T09:00:00.000Z' } }),
    ]);
  });

  test('correcting to the current value changes nothing', () => {
    given([officePackIssued]).when(command(correctJson({ correctedCredits: '40' }))).then([]);
  });
});

describe('editing details, credit status and notes', () => {
  const editJson = (overrides: Record<string, unknown>) => ({ type: 'EditPackDetails', packId: 'pack-1', actor: projectManager, at: '2026-03-01T09:00:00Z', ...overrides });

  test('staff edit the relationship manager, project manager and name; the event names only what changed', () => {
    given([officePackIssued])
      .when(command(editJson({ relationshipManagerId: 'rory', projectManagerId: 'pat', name: 'Brand pack' })))
      .then([event({ type: 'PackDetailsEdited', data: { packId: 'pack-1', relationshipManagerId: 'rory', name: 'Brand pack', by: projectManager, at: '2026-03-01T09:00:00.000Z' } })]);
  });

  test('an edit that changes nothing appends nothing', () => {
    given([officePackIssued]).when(command(editJson({ projectManagerId: 'pat' }))).then([]);
  });

  test('an edit must say what to change', () => {
    given([officePackIssued]).when(command(editJson({}))).thenRefuses('nothing_to_edit');
  });

  test('client-hub users cannot edit a pack', () => {
    given([officePackIssued]).when(command(editJson({ name: 'Mine now', actor: clientAccounts }))).thenRefuses('forbidden', { permission: 'credit-pack:edit' });
  });

  test('staff set a credit status and special notes for a credit drive', () => {
    given([officePackIssued])
      .when(command({ type: 'SetCreditStatus', packId: 'pack-1', creditStatus: 'drive Q2', specialNotes: 'Offer top-up', actor: relationshipManager, at: '2026-03-01T09:00:00Z' }))
      .then([event({ type: 'CreditStatusSet', data: { packId: 'pack-1', creditStatus: 'drive Q2', specialNotes: 'Offer top-up', by: relationshipManager, at: '2026-03-01T09:00:00.000Z' } })]);
  });

  test('special notes are bounded: a huge string is a decode error, not a write', () => {
    expect(() => command({ type: 'SetCreditStatus', packId: 'pack-1', creditStatus: 'x', specialNotes: 'n'.repeat(100_000), actor: relationshipManager, at: '2026-03-01T09:00:00Z' }))
      .toThrow(/specialNotes/);
  });
});
