import * as E from 'fp-ts/Either';
import {
  creditPack,
  creditPackStream,
  decodeCreditPackCommand,
  encodeCreditPackEvent,
  decodeCreditPackEvent,
  fold,
  reissuedPackCommand,
  type CreditPackCommand,
  type CreditPackEvent,
  type CreditPackState,
} from '@packledger/domain';

/** One line of the scenario's log: a command and what became of it. */
export interface Step {
  readonly command: string;
  readonly packId: string;
  readonly outcome: 'accepted' | 'refused';
  readonly detail: string;
}

/** What the scenario leaves behind: the streams (stored as JSON, as a real store would) and its log. */
export interface ScenarioResult {
  readonly streams: ReadonlyMap<string, readonly unknown[]>;
  readonly steps: readonly Step[];
}

/**
 * An agency's credit packs, start to finish: a pack for an office and one for a user,
 * projects paid with credits, refusals (wrong office, overdraw, client-hub user), a refund,
 * an Accounts correction, a reissue to the right owner, warnings and expiry.
 * Commands go in as JSON, as a host would receive them; events are stored as JSON.
 */
export const runAgencyScenario = (newId: () => string): ScenarioResult => {
  const streams = new Map<string, unknown[]>();
  const steps: Step[] = [];
  const load = (packId: string): { events: CreditPackEvent[]; state: CreditPackState } => {
    const events = (streams.get(creditPackStream(packId)) ?? []).map((json) => {
      const decoded = decodeCreditPackEvent(json);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      return decoded.right;
    });
    return { events, state: fold(creditPack, events) };
  };
  const run = (command: CreditPackCommand): readonly CreditPackEvent[] => {
    const outcome = creditPack.decide(command, load(command.packId).state);
    if (E.isLeft(outcome)) {
      steps.push({ command: command.type, packId: command.packId, outcome: 'refused', detail: `${outcome.left.code}: ${outcome.left.message}` });
      return [];
    }
    const stream = streams.get(creditPackStream(command.packId)) ?? [];
    streams.set(creditPackStream(command.packId), [...stream, ...outcome.right.map(encodeCreditPackEvent)]);
    steps.push({ command: command.type, packId: command.packId, outcome: 'accepted', detail: outcome.right.map((e) => e.type).join(', ') || 'no change' });
    return outcome.right;
  };
  const handle = (json: Record<string, unknown>): readonly CreditPackEvent[] => {
    const decoded = decodeCreditPackCommand(json);
    if (E.isLeft(decoded)) {
      steps.push({ command: String(json.type), packId: String(json.packId), outcome: 'refused', detail: decoded.left.message });
      return [];
    }
    return run(decoded.right);
  };

  const sales = { kind: 'staff', userId: 'dana-sales', roles: ['sales'] };
  const accounts = { kind: 'staff', userId: 'ali-accounts', roles: ['accounts'] };
  const pm = { kind: 'staff', userId: 'pat-pm', roles: ['project_manager'] };
  const clientAccounts = { kind: 'client', userId: 'kim', companyId: 'northwind', role: 'accounts' };
  const clientUser = { kind: 'client', userId: 'lee', companyId: 'northwind', role: 'user' };
  const scheduler = { kind: 'system', name: 'expiry' };
  const londonOffice = { type: 'office', officeId: 'london', companyId: 'northwind' };
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

  handle(issue(officePack, londonOffice, '40', { type: 'monthsAfterIssue', months: 6 }, '2026-01-31T10:00:00Z'));
  // The deal was closed with the invoice contact as owner: the wrong user.
  handle(issue(userPack, { type: 'user', userId: 'finance-fay', officeId: 'london', companyId: 'northwind' }, '10', { type: 'on', at: '2026-12-31T00:00:00Z' }, '2026-02-01T09:00:00Z'));

  const brandFilm = project('brand-film', 'london', ['kim']);
  const [firstUse] = handle(consume(officePack, '12', brandFilm, pm, '2026-02-10T12:00:00Z', { invoiceId: 'inv-1001', lineId: 'l1' }));
  handle(consume(officePack, '8', brandFilm, clientAccounts, '2026-03-02T15:30:00Z'));
  handle(consume(officePack, '5', project('paris-promo', 'paris', ['kim']), pm, '2026-03-05T09:00:00Z'));
  handle(consume(officePack, '30', brandFilm, pm, '2026-03-06T09:00:00Z'));
  handle(consume(officePack, '1', brandFilm, clientUser, '2026-03-07T09:00:00Z'));
  handle({ ...consume(officePack, '-3', brandFilm, pm, '2026-03-07T09:00:00Z') });
  if (firstUse?.type === 'CreditsConsumed') {
    handle({ type: 'RefundConsumption', packId: officePack, refundId: newId(), consumptionId: firstUse.data.consumptionId, credits: '2', reason: 'Edit day cut short', actor: pm, at: '2026-03-10T10:00:00Z' });
  }
  handle({ type: 'CorrectCreditValue', packId: officePack, correctedCredits: '45', reason: 'Order said 45 credits; pack was keyed as 40', actor: pm, at: '2026-03-11T10:00:00Z' });
  handle({ type: 'CorrectCreditValue', packId: officePack, correctedCredits: '45', reason: 'Order said 45 credits; pack was keyed as 40', actor: accounts, at: '2026-03-11T10:05:00Z' });
  handle({ type: 'SetCreditStatus', packId: officePack, creditStatus: 'credit drive Q2', specialNotes: 'Offer a top-up before July', actor: pm, at: '2026-04-01T08:00:00Z' });

  handle({ type: 'ChangeOwner', packId: userPack, newOwner: { type: 'user', userId: 'kim', officeId: 'london', companyId: 'northwind' }, actor: accounts, at: '2026-02-02T09:00:00Z' });
  const fixedPack = newId();
  const [reissued] = handle({ type: 'ReissueToNewOwner', packId: userPack, newPackId: fixedPack, newOwner: { type: 'user', userId: 'kim', officeId: 'london', companyId: 'northwind' }, reason: 'Owner was mistaken for the invoice contact', actor: accounts, at: '2026-02-02T09:05:00Z' });
  const old = load(userPack).state;
  if (reissued?.type === 'CreditPackReissued' && old.kind === 'issued') run(reissuedPackCommand(old, reissued));
  handle(consume(fixedPack, '4', project('launch-teaser', 'london', ['kim']), clientAccounts, '2026-05-20T11:00:00Z'));

  handle({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: '2026-07-01T00:00:00Z' });
  handle({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: '2026-07-02T00:00:00Z' });
  handle(consume(officePack, '1', brandFilm, pm, '2026-07-31T10:00:00Z'));
  handle({ type: 'ExpirePack', packId: officePack, actor: scheduler, at: '2026-07-31T10:00:00Z' });
  handle({ type: 'RecordExpiryWarning', packId: officePack, warning: { type: 'after_expiry' }, actor: scheduler, at: '2026-08-01T00:00:00Z' });

  return { streams, steps };
};

/** The folded state of every pack in the result. */
export const packsOf = (result: ScenarioResult): { events: CreditPackEvent[]; state: CreditPackState }[] =>
  [...result.streams.values()].map((json) => {
    const events = json.map((j) => {
      const decoded = decodeCreditPackEvent(j);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      return decoded.right;
    });
    return { events, state: fold(creditPack, events) };
  });
