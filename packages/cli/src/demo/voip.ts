import { clientPackageAggregate, commandHandler, type EventStore } from '@packledger/application';
import { decodeClientPackageCommand } from '@packledger/domain';
import * as E from 'fp-ts/Either';

/** One line of the scenario's log. */
export interface VoipStep {
  readonly command: string;
  readonly at: string;
  readonly outcome: string;
}

/**
 * A VoIP operator's client packages (seed 004): the seed's own package (100.00 USD on 380,
 * 100 minutes on 38044), assigned in the past to "Orig Client" and renewed monthly by the
 * package manager; calls and charges rated against the limits; a renewal deferred for low
 * balance that comes late and asks for a re-rate; a second package left pending.
 */
export const runVoipScenario = async (store: EventStore, newId: () => string): Promise<readonly VoipStep[]> => {
  const handle = commandHandler(store, clientPackageAggregate);
  const steps: VoipStep[] = [];
  const send = async (json: Record<string, unknown>) => {
    const decoded = decodeClientPackageCommand(json);
    if (E.isLeft(decoded)) return steps.push({ command: String(json.type), at: String(json.at), outcome: decoded.left.message });
    const outcome = await handle(decoded.right, { commandId: newId() });
    steps.push({
      command: decoded.right.type, at: decoded.right.at,
      outcome: E.isRight(outcome)
        ? outcome.right.events.map((e) => e.type).join(', ') || 'nothing to do'
        : outcome.left.kind === 'refused' ? `${outcome.left.refusal.code}: ${outcome.left.refusal.message}` : outcome.left.error.message,
    });
  };
  const operator = { kind: 'staff', userId: 'olga', roles: ['accounts'] };
  const manager = { kind: 'system', name: 'package-manager' };
  const rater = { kind: 'system', name: 'rating' };
  const seedPackage = {
    catalogPackageId: 'pkg-volume-credit', name: 'Test Package with volume and credit limits',
    activationFee: { amount: '5.00', currency: 'USD' }, subscriptionFee: { amount: '20.00', currency: 'USD' }, period: { unit: 'month', count: 1 },
    limits: [{ type: 'money', prefix: '380', amount: { amount: '100.00', currency: 'USD' } }, { type: 'volume', prefix: '38044', minutes: '100' }],
  };
  const options = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };
  const orig = 'cp-orig';
  const run = (at: string, balance: string) => send({ type: 'RunPackageManager', clientPackageId: orig, clientBalance: { amount: balance, currency: 'USD' }, actor: manager, at });
  const call = (destination: string, minutes: string, at: string) => send({ type: 'RateUsage', clientPackageId: orig, usage: { type: 'minutes', usageId: newId(), destination, minutes }, actor: rater, at });
  const charge = (destination: string, amount: string, at: string) => send({ type: 'RateUsage', clientPackageId: orig, usage: { type: 'money', usageId: newId(), destination, amount: { amount, currency: 'USD' } }, actor: rater, at });

  await send({ type: 'AssignClientPackage', clientPackageId: orig, clientId: 'orig-client', package: seedPackage, startDate: '2017-10-01T00:00:00Z', quantity: 1, activateInPast: true, options, actor: operator, at: '2017-10-03T09:00:00Z' });
  await run('2017-10-03T09:05:00Z', '250.00');
  await call('380441234567', '42', '2017-10-04T10:00:00Z');
  await call('380441234567', '75', '2017-10-20T16:30:00Z');
  await charge('380501112233', '37.50', '2017-10-21T12:00:00Z');
  await run('2017-11-01T00:00:00Z', '120.00');
  await call('380449876543', '18', '2017-11-07T08:15:00Z');
  await run('2017-12-01T00:00:00Z', '12.00');
  await call('380449876543', '5', '2017-12-01T10:00:00Z');
  await run('2017-12-02T00:00:00Z', '12.00');
  await run('2017-12-03T11:00:00Z', '80.00');
  await charge('380671234567', '140.00', '2017-12-10T12:00:00Z');
  await send({ type: 'RenameClientPackage', clientPackageId: orig, name: 'Volume & Credit 100', actor: operator, at: '2017-12-15T09:00:00Z' });
  await run('2018-01-03T11:00:00Z', '80.00');
  await send({ type: 'AssignClientPackage', clientPackageId: 'cp-rose', clientId: 'rose', accountId: 'rose-term', package: { ...seedPackage, catalogPackageId: 'pkg-did', name: 'Package DID', limits: [] }, startDate: '2018-02-01T00:00:00Z', quantity: 2, activateInPast: false, options, actor: operator, at: '2018-01-05T09:00:00Z' });
  await send({ type: 'RunPackageManager', clientPackageId: 'cp-rose', clientBalance: { amount: '500', currency: 'USD' }, actor: manager, at: '2018-01-05T09:05:00Z' });

  return steps;
};
