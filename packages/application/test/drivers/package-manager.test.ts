import { InMemoryEventStore, clientPackageAggregate, commandHandler, runPackageManager } from '@packledger/application';
import { Actor, decodeClientPackageCommand, decodeWith, money, type Instant } from '@packledger/domain';
import * as E from 'fp-ts/Either';

const manager = (() => { const a = decodeWith(Actor, { kind: 'system', name: 'package-manager' }); if (E.isLeft(a)) throw new Error('actor'); return a.right; })();

const assign = async (store: InMemoryEventStore, clientPackageId: string, startDate: string, activateInPast: boolean) => {
  const c = decodeClientPackageCommand({
    type: 'AssignClientPackage', clientPackageId, clientId: 'orig', startDate, quantity: 1, activateInPast, actor: { kind: 'staff', userId: 'olga', roles: ['accounts'] }, at: '2018-01-10T00:00:00Z',
    options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false },
    package: { catalogPackageId: 'p', name: 'P', activationFee: { amount: '5.00', currency: 'USD' }, subscriptionFee: { amount: '20.00', currency: 'USD' }, period: { unit: 'month', count: 1 }, limits: [] },
  });
  if (E.isLeft(c)) throw new Error(c.left.message);
  const r = await commandHandler(store, clientPackageAggregate)(c.right, { commandId: `assign-${clientPackageId}` });
  if (E.isLeft(r)) throw new Error('assign failed');
};

describe('the package-manager run', () => {
  test('activates in the past and catches up every missed period in one run; the same run again sends nothing', async () => {
    const store = new InMemoryEventStore();
    await assign(store, 'cp1', '2017-10-01T00:00:00Z', true);
    const at = '2018-01-10T00:00:00.000Z' as Instant;
    const first = await runPackageManager({ store, clientPackageIds: ['cp1'], at, actor: manager, balanceOf: async () => money('1000', 'USD') });
    expect(first).toEqual([{ clientPackageId: 'cp1', events: ['ClientPackageActivated', 'ClientPackageRenewed', 'ClientPackageRenewed', 'ClientPackageRenewed'], stoppedBecause: 'done', message: 'nothing more is due' }]);
    const again = await runPackageManager({ store, clientPackageIds: ['cp1'], at, actor: manager, balanceOf: async () => money('1000', 'USD') });
    expect(again[0]?.events).toEqual([]);
    let renewals = 0;
    for await (const e of store.readAll()) if (e.type === 'ClientPackageRenewed') renewals++;
    expect(renewals).toBe(3);
  });

  test('reports why a package stays pending', async () => {
    const store = new InMemoryEventStore();
    await assign(store, 'cp1', '2018-01-01T00:00:00Z', false);
    const [outcome] = await runPackageManager({ store, clientPackageIds: ['cp1'], at: '2018-01-10T00:00:00.000Z' as Instant, actor: manager, balanceOf: async () => money('3', 'USD') });
    expect([outcome?.events, outcome?.stoppedBecause]).toEqual([[], 'insufficient_balance']);
    expect(outcome?.message).toMatch(/needs 25/);
  });
});
