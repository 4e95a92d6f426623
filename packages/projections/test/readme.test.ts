// The example of packages/projections/README.md, run as written.
import { InMemoryEventStore, commandHandler, creditPackAggregate } from '@packledger/application';
import { decodeCreditPackCommand } from '@packledger/domain';
import { InMemoryReadModelStore, allViews, availableToClient, eventDecoder, packledgerStreams, startProjections, type CreditBalance } from '@packledger/projections';
import * as E from 'fp-ts/Either';

test('the README example runs and finds 40 credits available', async () => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const running = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  await running.caughtUp;

  const issue = decodeCreditPackCommand({
    type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack',
    owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
    relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
    expiry: { type: 'monthsAfterIssue', months: 6 }, actor: { kind: 'staff', userId: 'dana', roles: ['sales'] },
    at: '2026-01-31T10:00:00Z',
  });
  const outcome = E.isRight(issue) ? await commandHandler(store, creditPackAggregate)(issue.right, { commandId: 'order-1-issue' }) : undefined;
  const position = outcome !== undefined && E.isRight(outcome) ? outcome.right.position : undefined;
  if (position !== undefined) await running.reached(position);

  await running.stop();
  const balances = (await readModels.all('credit_balances')) as unknown as CreditBalance[];
  expect(availableToClient(balances, 'acme', '2026-03-01T00:00:00Z')).toBe('40');
});
