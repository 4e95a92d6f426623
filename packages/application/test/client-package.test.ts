import * as E from 'fp-ts/Either';
import { InMemoryEventStore, clientPackageAggregate, clientPackageEventCodec, commandHandler, loadStream } from '@packledger/application';
import { sameValue } from '@packledger/application/testing';
import { clientPackageStream, decodeClientPackageCommand, type ClientPackageCommand } from '@packledger/domain';
import { right } from './credit-packs';

const operator = { kind: 'staff', userId: 'olga', roles: ['accounts'] };
const command = (json: Record<string, unknown>): ClientPackageCommand => right(decodeClientPackageCommand(json));
const assign = command({
  type: 'AssignClientPackage', clientPackageId: 'cp-1', clientId: 'client-7', startDate: '2017-10-01T00:00:00Z', quantity: 1,
  activateInPast: false, options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, actor: operator, at: '2017-09-20T12:00:00Z',
  package: {
    catalogPackageId: 'volume-and-credit', name: 'Volume and credit', activationFee: { amount: '5.00', currency: 'USD' },
    subscriptionFee: { amount: '20.00', currency: 'USD' }, period: { unit: 'month', count: 1 },
    limits: [{ type: 'money', prefix: '380', amount: { amount: '100.00', currency: 'USD' } }, { type: 'volume', prefix: '38044', minutes: '100' }],
  },
});
const rename = command({ type: 'RenameClientPackage', clientPackageId: 'cp-1', name: 'Volume and credit (2018)', actor: operator, at: '2017-09-21T12:00:00Z' });

describe('client packages through the handler', () => {
  test('commands are recorded in clientPackage-<id> with their actor and instant, and the events read back equal', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, clientPackageAggregate);
    const assigned = right(await handle(assign, { commandId: 'cmd-1' }));
    const renamed = right(await handle(rename, { commandId: 'cmd-2' }));
    const stored = right(await store.readStream(clientPackageStream('cp-1')));
    expect(stored.map((e) => [e.type, e.metadata.actor, e.metadata.occurredAt])).toEqual([
      ['ClientPackageAssigned', 'staff:olga', '2017-09-20T12:00:00.000Z'],
      ['ClientPackageRenamed', 'staff:olga', '2017-09-21T12:00:00.000Z'],
    ]);
    const decoded = stored.map((e) => clientPackageEventCodec.decode({ type: e.type, data: e.data, schemaVersion: e.metadata.schemaVersion }));
    expect(decoded.every(E.isRight)).toBe(true);
    expect(sameValue(decoded.map((d) => (E.isRight(d) ? d.right : undefined)), [...assigned.events, ...renamed.events])).toBe(true);
    expect(right(await loadStream(store, clientPackageAggregate, clientPackageStream('cp-1'))).revision).toBe(1n);
  });
});
