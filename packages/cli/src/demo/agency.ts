import { commandHandler, creditPackAggregate, loadStream, type EventStore } from '@packledger/application';
import { creditPackStream, decodeCreditPackCommand, reissuedPackCommand, type CreditPackCommand, type CreditPackEvent } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/** One line of the scenario's log: a command and what became of it. */
export interface Step {
  readonly command: string;
  readonly packId: string;
  readonly outcome: 'accepted' | 'refused';
  readonly detail: string;
}


/**
 * An agency's credit packs, start to finish, through the command handler and the embedded
 * store: a pack for an office and one for a user, projects paid with credits, refusals
 * (wrong office, overdraw, a Client Hub User, a negative amount), a refund, an Accounts
 * correction, a reissue to the right owner, expiry warnings and expiry. Commands go in as
 * JSON, as a host receives them.
 */
export const runAgencyScenario = async (store: EventStore, newId: () => string): Promise<readonly Step[]> => {
  const handle = commandHandler(store, creditPackAggregate);
  const steps: Step[] = [];

  const run = async (command: CreditPackCommand): Promise<readonly CreditPackEvent[]> => {
    const outcome = await handle(command, { commandId: newId() });
    if (E.isLeft(outcome)) {
      const why = outcome.left.kind === 'refused' ? `${outcome.left.refusal.code}: ${outcome.left.refusal.message}` : outcome.left.error.message;
      steps.push({ command: command.type, packId: command.packId, outcome: 'refused', detail: why });
      return [];
    }
    steps.push({ command: command.type, packId: command.packId, outcome: 'accepted', detail: outcome.right.events.map((e) => e.type).join(', ') || 'no change' });
    return outcome.right.events;
  };
  const send = async (json: Record<string, unknown>): Promise<readonly CreditPackEvent[]> => {
    const decoded = decodeCreditPackCommand(json);
    if (E.isRight(decoded)) return run(decoded.right);
    steps.push({ command: String(json.type), packId: String(json.packId), outcome: 'refused', detail: decoded.left.message });
    return [];
  };

  const sales = { kind: 'staff', userId: 'dana-sales', roles: ['sales'] };
  const accounts = { kind: 'staff', userId: 'ali-accounts', roles: ['accounts'] };
  const pm = { kind: 'staff', userId: 'pat-pm', roles: ['project_manager'] };
  const clientAccounts = { kind: 'client', userId: 'kim', companyId: 'northwind', role: 'accounts' };
  const clientUser = { kind: 'client', userId: 'lee', companyId: 'northwind', role: 'user' };
  const scheduler = { kind: 'system', name: 'expiry' };
  const londonOffice = { type: 'office', officeId: 'london', companyId: 'northwind' };
  const kim = { type: 'user', userId: 'kim', officeId: 'london', companyId: 'northwind' };
  const officePack = newId();
  const userPack = newId();
  const issue = (packId: string, owner: object, credits: string, expiry: object, at: string) => ({
    type: 'IssueCreditPack', packId, orderId: newId(), name: `Production pack ${credits}`, owner, credits,
    price: { amount: String(Number(credits) * 95), currency: 'GBP' }, linkedProducts: ['edit-day', 'shoot-day'],
    relationshipManagerId: 'rm-sam', projectManagerId: 'pat-pm', invoiceContactId: 'finance-fay', expiry, actor: sales, at,
  });
  const project = (projectId: string, officeId: string, contactUserIds: string[]) => ({ projectId, companyId: 'northwind', officeId, contactUserIds });
  const consume = (packId: string, credits: string, proj: object, actor: object, at: string, invoiceLine?: object) => ({
    type: 'ConsumeCredits', packId, consumptionId: newId(), credits, project: proj, productId: 'edit-day', actor, at,
    ...(invoiceLine === undefined ? {} : { invoiceLine }),
  });

  await send(issue(officePack, londonOffice, '40', { type: 'monthsAfterIssue', months: 6 }, '2026-01-31T10:00:00Z'));
  // The deal was closed with the invoice contact as owner: the wrong user.
  await send(issue(userPack, { type: 'user', userId: 'finance-fay', officeId: 'london', companyId: 'northwind' }, '10', { type: 'on', at: '2026-12-31T00:00:00Z' }, '2026-02-01T09:00:00Z'));

  const brandFilm = project('brand-film', 'london', ['kim']);
  const [firstUse] = await send(consume(officePack, '12', brandFilm, pm, '2026-02-10T12:00:00Z', { invoiceId: 'inv-1001', lineId: 'l1' }));
  await send(consume(officePack, '8', brandFilm, clientAccounts, '2026-03-02T15:30:00Z'));
  await send(consume(officePack, '5', project('paris-promo', 'paris', ['kim']), pm, '2026-03-05T09:00:00Z'));
  await send(consume(officePack, '30', brandFilm, pm, '2026-03-06T09:00:00Z'));
  await send(consume(officePack, '1', brandFilm, clientUser, '2026-03-07T09:00:00Z'));
  await send(consume(officePack, '-3', brandFilm, pm, '2026-03-07T09:00:00Z'));
  if (firstUse?.type === 'CreditsConsumed') {
    await send({ type: 'RefundConsumption', packId: officePack, refundId: newId(), consumptionId: firstUse.data.consumptionId, credits: '2', reason: 'Edit day cut short', actor: pm, at: '2026-03-10T10:00:00Z' });
  }
  await send({ type: 'CorrectCreditValue', packId: officePack, correctedCredits: '45', reason: 'Order said 45 credits; pack was keyed as 40', actor: pm, at: '2026-03-11T10:00:00Z' });
  await send({ type: 'CorrectCreditValue', packId: officePack, correctedCredits: '45', reason: 'Order said 45 credits; pack was keyed as 40', actor: accounts, at: '2026-03-11T10:05:00Z' });
  await send({ type: 'SetCreditStatus', packId: officePack, creditStatus: 'credit drive Q2', specialNotes: 'Offer a top-up before July', actor: pm, at: '2026-04-01T08:00:00Z' });

  await send({ type: 'ChangeOwner', packId: userPack, newOwner: kim, actor: accounts, at: '2026-02-02T09:00:00Z' });
  const fixedPack = newId();
  const [reissued] = await send({ type: 'ReissueToNewOwner', packId: userPack, newPackId: fixedPack, newOwner: kim, reason: 'Owner was mistaken for the invoice contact', actor: accounts, at: '2026-02-02T09:05:00Z' });
  // The second half of the reissue: issue the new pack from the old pack and its CreditPackReissued event.
  const old = await loadStream(store, creditPackAggregate, creditPackStream(userPack));
  if (reissued?.type === 'CreditPackReissued' && E.isRight(old) && old.right.state.kind === 'issued') await run(reissuedPackCommand(old.right.state, reissued));
  await send(consume(fixedPack, '4', project('launch-teaser', 'london', ['kim']), clientAccounts, '2026-05-20T11:00:00Z'));

  await send({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: '2026-07-01T00:00:00Z' });
  await send({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: '2026-07-02T00:00:00Z' });
  await send(consume(officePack, '1', brandFilm, pm, '2026-07-31T10:00:00Z'));
  await send({ type: 'ExpirePack', packId: officePack, actor: scheduler, at: '2026-07-31T10:00:00Z' });
  await send({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'after_expiry' }, actor: scheduler, at: '2026-08-01T00:00:00Z' });

  return steps;
};
