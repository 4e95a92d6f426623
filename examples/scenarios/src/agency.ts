import { InMemoryEventStore, commandHandler, creditPackAggregate } from '@packledger/application';
import { decodeCreditPackCommand } from '@packledger/domain';
import {
  InMemoryReadModelStore, allViews, availableToClient, creditBalances, creditHistory, eventDecoder, packledgerStreams, rebuildViews,
  type CreditBalance, type CreditHistory,
} from '@packledger/projections';
import * as E from 'fp-ts/Either';

/**
 * An agency sells prepaid credit packs: a client pays up front for credits, then spends
 * them on projects. Here the Northwind company's London office buys 40 credits, uses
 * some, is refused when it asks for more than is left, gets two credits back, and the
 * Accounts team corrects the pack to the 45 credits the order said. Then the read models
 * are rebuilt from the events and printed.
 */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  // Every change to a pack is an event in this store. The embedded store keeps them in
  // memory; PostgreSQL or EventStoreDB stores work the same way.
  const store = new InMemoryEventStore();
  const handle = commandHandler(store, creditPackAggregate);

  // A host receives each command as JSON: decode it (bad input is listed, never thrown),
  // then handle it. The command id makes a retry safe: the same id never applies twice.
  let sent = 0;
  const send = async (json: Record<string, unknown>): Promise<void> => {
    const command = decodeCreditPackCommand(json);
    if (E.isLeft(command)) throw new Error(command.left.message);
    const outcome = await handle(command.right, { commandId: `agency-${++sent}` });
    if (E.isRight(outcome)) log(`ok       ${command.right.type}: ${outcome.right.events.map((e) => e.type).join(', ')}`);
    else if (outcome.left.kind === 'refused') log(`refused  ${command.right.type}: ${outcome.left.refusal.code}: ${outcome.left.refusal.message}`);
    else throw new Error(outcome.left.error.message);
  };

  // Who does what. Staff have roles; Kim is a Client Hub user of Northwind's accounts team.
  const dana = { kind: 'staff', userId: 'dana', roles: ['sales'] };
  const pat = { kind: 'staff', userId: 'pat', roles: ['project_manager'] };
  const ali = { kind: 'staff', userId: 'ali', roles: ['accounts'] };
  const kim = { kind: 'client', userId: 'kim', companyId: 'northwind', role: 'accounts' };
  const brandFilm = { projectId: 'brand-film', companyId: 'northwind', officeId: 'london', contactUserIds: ['kim'] };
  const use = (consumptionId: string, credits: string, actor: object, at: string) =>
    send({ type: 'ConsumeCredits', packId: 'pack-1', consumptionId, credits, project: brandFilm, productId: 'edit-day', actor, at });

  // 1. Sales issues a pack of 40 credits to the London office, valid for six months.
  await send({
    type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack', credits: '40',
    owner: { type: 'office', officeId: 'london', companyId: 'northwind' }, price: { amount: '3800.00', currency: 'GBP' },
    linkedProducts: ['edit-day'], relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
    expiry: { type: 'monthsAfterIssue', months: 6 }, actor: dana, at: '2026-01-31T10:00:00Z',
  });
  // 2. The project manager spends 12 credits on the brand film; Kim spends 8 more. 20 are left.
  await use('use-1', '12', pat, '2026-02-10T12:00:00Z');
  await use('use-2', '8', kim, '2026-03-02T15:30:00Z');
  // 3. Asking for 30 credits when 20 are left is refused: the pack never goes below zero.
  await use('use-3', '30', pat, '2026-03-06T09:00:00Z');
  // 4. An edit day was cut short: 2 of the first 12 credits go back into the pack (22 left).
  await send({ type: 'RefundConsumption', packId: 'pack-1', refundId: 'refund-1', consumptionId: 'use-1', credits: '2', reason: 'Edit day cut short', actor: pat, at: '2026-03-10T10:00:00Z' });
  // 5. The order said 45 credits, not 40. Only the Accounts team may correct it: 5 more (27 left).
  await send({ type: 'CorrectCreditValue', packId: 'pack-1', correctedCredits: '45', reason: 'Order said 45 credits', actor: ali, at: '2026-03-11T10:00:00Z' });

  // The read models are folds of the events: replay every event into every view.
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });

  log('');
  const balances = (await readModels.all(creditBalances.name)) as readonly CreditBalance[];
  for (const b of balances) {
    log(`balance ${b.packId}: issued ${b.issued}, corrected ${b.corrected}, consumed ${b.consumed}, refunded ${b.refunded}, remaining ${b.remaining} (${b.status}, expires ${b.expiresAt.slice(0, 10)})`);
  }
  log(`northwind can use ${availableToClient(balances, 'northwind', '2026-03-12T00:00:00Z')} credits`);
  for (const h of (await readModels.all(creditHistory.name)) as readonly CreditHistory[]) {
    log(`history ${h.packId}:`);
    for (const e of h.entries) log(`  ${e.at.slice(0, 10)} ${e.kind.padEnd(9)} ${e.credits.padStart(4)} -> ${e.balance.padStart(2)}  ${e.by}, ${e.detail}`);
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
