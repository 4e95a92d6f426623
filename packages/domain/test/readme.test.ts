// The example of packages/domain/README.md, run as written.
import * as E from 'fp-ts/Either';
import { creditPack, decodeCreditPackCommand, fold, type CreditPackEvent } from '@packledger/domain';

test('the README example runs and prints what it says', () => {
  const printed: string[] = [];
  const log = (...xs: unknown[]) => printed.push(xs.join(' '));

  const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  const history: CreditPackEvent[] = [];

  const run = (json: unknown) => {
    const command = decodeCreditPackCommand(json);
    if (E.isLeft(command)) return log(command.left.message);
    const outcome = creditPack.decide(command.right, fold(creditPack, history));
    if (E.isLeft(outcome)) return log(outcome.left.code, outcome.left.message);
    history.push(...outcome.right);
  };

  run({
    type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack',
    owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
    relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
    expiry: { type: 'monthsAfterIssue', months: 6 }, actor: sales, at: '2026-01-31T10:00:00Z',
  });
  run({
    type: 'ConsumeCredits', packId: 'pack-1', consumptionId: 'use-1', credits: '45', productId: 'edit-day',
    project: { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: [] },
    actor: sales, at: '2026-02-10T12:00:00Z',
  });
  const pack = fold(creditPack, history);
  if (pack.kind === 'issued') log(pack.remaining.toFixed(), pack.expiresAt);

  expect(printed[0]).toMatch(/^insufficient_credits Pack pack-1 has 40 credits left; you asked for 45\./);
  expect(printed[1]).toBe('40 2026-07-31T10:00:00.000Z');
});
