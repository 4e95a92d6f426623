// The example of packages/application/README.md, run as written (console.log captured).
import * as E from 'fp-ts/Either';
import { InMemoryEventStore, commandHandler, creditPackAggregate, nanoidIds } from '@packledger/application';
import { decodeCreditPackCommand } from '@packledger/domain';

test('the README example runs and prints what it says', async () => {
  const printed: string[] = [];
  const console = { log: (...xs: unknown[]) => printed.push(xs.join(' ')) };

  // --- README example starts here ---
  const store = new InMemoryEventStore();
  const handle = commandHandler(store, creditPackAggregate);

  // Commands arrive as JSON (an HTTP body, a queue message); each gets its own command id.
  const send = async (json: unknown, commandId: string = nanoidIds.newId()) => {
    const command = decodeCreditPackCommand(json);
    if (E.isLeft(command)) return console.log(command.left.message);
    const outcome = await handle(command.right, { commandId });
    if (E.isLeft(outcome)) return console.log(outcome.left.kind, outcome.left.kind === 'refused' ? outcome.left.refusal.message : outcome.left.error.message);
    const { events, nextRevision, duplicate } = outcome.right;
    console.log(`${events.map((e) => e.type).join(', ')} at revision ${nextRevision}${duplicate ? ' (already recorded)' : ''}`);
  };

  const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  await send({
    type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack',
    owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
    relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
    expiry: { type: 'monthsAfterIssue', months: 6 }, actor: sales, at: '2026-01-31T10:00:00Z',
  });
  const consume = (consumptionId: string, credits: string) => ({
    type: 'ConsumeCredits', packId: 'pack-1', consumptionId, credits, productId: 'edit-day',
    project: { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: [] },
    actor: sales, at: '2026-02-10T12:00:00Z',
  });
  await send(consume('use-1', '12'), 'cmd-42');
  await send(consume('use-1', '12'), 'cmd-42'); // a retry: same outcome, nothing appended twice
  await send(consume('use-2', '30'));
  // --- README example ends here ---

  expect(printed).toEqual([
    'CreditPackIssued at revision 0',
    'CreditsConsumed at revision 1',
    'CreditsConsumed at revision 1 (already recorded)',
    'refused Pack pack-1 has 28 credits left; you asked for 30. Use at most what is left, and pay the rest another way.',
  ]);
});
