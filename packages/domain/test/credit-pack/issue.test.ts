import { command, event, given, issueJson, issuedJson, officePackIssued, kimAsOwner, clientAdmin, projectManager, accounts } from './fixtures';

describe('issuing a credit pack', () => {
  test('issues a pack from a credit order with its owner, credits, price, products, managers, invoice contact and expiry', () => {
    given([]).when(command(issueJson())).then([officePackIssued]);
  });

  test('resolves "N months after issue" to an instant, clamped to month end (Jan 31 + 1 month = Feb 28)', () => {
    given([])
      .when(command(issueJson({ expiry: { type: 'monthsAfterIssue', months: 1 } })))
      .then([event(issuedJson({ expiryRule: { type: 'monthsAfterIssue', months: 1 }, expiresAt: '2026-02-28T10:00:00.000Z' }))]);
  });

  test('keeps an expiry given as a date', () => {
    given([])
      .when(command(issueJson({ expiry: { type: 'on', at: '2026-12-31T00:00:00Z' } })))
      .then([event(issuedJson({ expiryRule: { type: 'on', at: '2026-12-31T00:00:00.000Z' }, expiresAt: '2026-12-31T00:00:00.000Z' }))]);
  });

  test('refuses an expiry that is not after the issue instant', () => {
    given([]).when(command(issueJson({ expiry: { type: 'on', at: '2026-01-31T10:00:00Z' } }))).thenRefuses('expiry_not_after_issue');
  });

  test('the owner is always stated: an issue command without an owner does not decode', () => {
    const withoutOwner: Record<string, unknown> = issueJson();
    delete withoutOwner.owner;
    expect(() => command(withoutOwner)).toThrow(/owner/);
  });

  test('the invoice contact is never taken to be the owner: a user-owned pack belongs to the stated user, not the invoice contact', () => {
    const [issued] = given([]).when(command(issueJson({ owner: kimAsOwner, invoiceContactId: 'fay' }))).then([event(issuedJson({ owner: kimAsOwner }))]);
    expect(issued?.type === 'CreditPackIssued' && issued.data.owner).toEqual(kimAsOwner);
    expect(issued?.type === 'CreditPackIssued' && issued.data.invoiceContactId).toBe('fay');
  });

  test('a user owner must name the office the user belongs to', () => {
    expect(() => command(issueJson({ owner: { type: 'user', userId: 'kim', companyId: 'acme' } }))).toThrow(/owner\.officeId/);
  });

  test('issuing the same pack again for the same order changes nothing', () => {
    given([officePackIssued]).when(command(issueJson())).then([]);
  });

  test('refuses to issue a second, different pack under an existing pack id', () => {
    given([officePackIssued]).when(command(issueJson({ orderId: 'order-2' }))).thenRefuses('pack_already_exists');
  });

  test('only staff issue packs: a client-hub admin is refused with the missing permission named', () => {
    const error = given([]).when(command(issueJson({ actor: clientAdmin }))).thenRefuses('forbidden', { permission: 'credit-pack:issue' });
    expect(error.message).toMatch(/credit-pack:issue/);
  });

  test('a project manager alone does not sell packs', () => {
    given([]).when(command(issueJson({ actor: projectManager }))).thenRefuses('forbidden', { permission: 'credit-pack:issue' });
  });

  test('the Accounts team may issue a pack created directly in the system', () => {
    given([]).when(command(issueJson({ actor: accounts }))).then([event(issuedJson({ by: accounts }))]);
  });
});

describe('issuing again', () => {
  test.each([
    ['name', { name: 'Another name' }],
    ['price', { price: { amount: '1.00', currency: 'GBP' } }],
    ['expiry', { expiry: { type: 'monthsAfterIssue', months: 7 } }],
    ['linked products', { linkedProducts: ['edit-day'] }],
    ['project manager', { projectManagerId: 'max' }],
    ['invoice contact', { invoiceContactId: 'kim' }],
  ])('an issue that differs in %s from the pack issued under that id is refused, not silently ignored', (_field, patch) => {
    given([officePackIssued]).when(command(issueJson(patch))).thenRefuses('pack_already_exists');
  });
});
