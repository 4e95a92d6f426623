// Packs, ticks and stores for the tick tests.
import * as E from 'fp-ts/Either';
import { decodeCreditPackCommand, type CreditPackCommand, type ExpiryWarning } from '@packledger/domain';
import { commandHandler, creditPackAggregate, type EventStore, type RecordedEvent } from '@packledger/application';

export const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] } as const;
export const londonOffice = { type: 'office', officeId: 'london', companyId: 'acme' } as const;
export const brandFilm = { projectId: 'brand-film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] } as const;

export const WARNINGS: readonly ExpiryWarning[] = [
  { type: 'before_expiry', daysBefore: 30 },
  { type: 'before_expiry', daysBefore: 7 },
  { type: 'after_expiry' },
];

/** Decodes a credit-pack command; a fixture that does not decode is a broken test. */
export const packCommand = (json: Record<string, unknown>): CreditPackCommand => {
  const decoded = decodeCreditPackCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

export const issue = (packId: string, at: string, expiry: Record<string, unknown>, credits = '40', owner: Record<string, unknown> = londonOffice): CreditPackCommand =>
  packCommand({
    type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: `Pack ${packId}`, owner, credits,
    price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'], relationshipManagerId: 'sam', projectManagerId: 'pat',
    invoiceContactId: 'fay', expiry, actor: sales, at,
  });

export const consume = (packId: string, consumptionId: string, credits: string, at: string): CreditPackCommand =>
  packCommand({ type: 'ConsumeCredits', packId, consumptionId, credits, project: brandFilm, productId: 'edit-day', actor: sales, at });

/** Sends credit-pack commands; fails the test when one is not accepted. */
export const packsOf = (store: EventStore) => {
  const handle = commandHandler(store, creditPackAggregate);
  return async (command: CreditPackCommand, commandId: string) => {
    const outcome = await handle(command, { commandId });
    if (E.isLeft(outcome)) throw new Error(`${command.type} was not accepted: ${JSON.stringify(outcome.left, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
    return outcome.right;
  };
};

export const allEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

/** The types of a stream's events, with the warning for warnings: `ExpiryWarningRecorded before_expiry:30`. */
export const history = async (store: EventStore, packId: string): Promise<string[]> =>
  (await allEvents(store)).filter((e) => e.stream === `creditPack-${packId}`).map((e) => {
    const warning = e.data.warning as { type: string; daysBefore?: number } | undefined;
    return warning === undefined ? e.type : `${e.type} ${warning.type}${warning.daysBefore === undefined ? '' : `:${warning.daysBefore}`}`;
  });
