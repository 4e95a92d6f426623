import { InMemoryEventStore, accountPackageAggregate, commandHandler, runBulkCancel, runBulkTransfer, type EventStore } from '@packledger/application';
import { Actor, decodeAccountPackageCommand, decodeWith, type AccountPackageCommand, type EntityId, type Instant, type LocalDate, type TransferAccountPackage } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { crashingOnAppend } from './crashing-store';

// Given: account acc-1 (EUR) with three packages. ap-1 and ap-2 are fibre (internet + usage-based
// voice whose line is 0161 496 0000, custom fields); ap-2 is billed for January and February.
// ap-3 is a single line. Account acc-2 (EUR) already holds ap-20.
const eur = (amount: string, currency = 'EUR') => ({ amount, currency });
const fibre = (currency = 'EUR') => ({
  catalogPackageId: 'fibre-100', name: 'Fibre 100', allowsGlobalAddOns: false,
  services: [
    { serviceId: 'internet', name: 'Internet', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices: [{ status: 'active', price: eur('50.00', currency) }], transitionPrices: [] },
    { serviceId: 'voice', name: 'Voice', usageBased: true, defaultInstances: 1, minInstances: 0, maxInstances: 2, recurringPrices: [{ status: 'active', price: eur('10.00', currency) }], transitionPrices: [] },
  ],
});
const line = {
  catalogPackageId: 'line', name: 'Line', allowsGlobalAddOns: false,
  services: [{ serviceId: 'line', name: 'Line', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices: [{ status: 'active', price: eur('20.00') }], transitionPrices: [] }],
};
const sales = { kind: 'staff', userId: 'dana', roles: ['sales'] };
const at = '2026-01-20T09:00:00.000Z';
const acc1 = { accountId: 'acc-1', currency: 'EUR', billDay: 1, usageBillDay: 1 };
const acc2 = { accountId: 'acc-2', currency: 'EUR', billDay: 1, usageBillDay: 1 };
const options = { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false };

const decoded = (json: Record<string, unknown>): AccountPackageCommand => {
  const c = decodeAccountPackageCommand(json);
  if (E.isLeft(c)) throw new Error(`fixture does not decode: ${c.left.message}`);
  return c.right;
};
const add = (accountPackageId: string, account: typeof acc1, definition: unknown, extra: Record<string, unknown> = {}) => decoded({
  type: 'AddAccountPackage', accountPackageId, account, definition, priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly',
  effectiveDate: '2026-01-01', options, actor: sales, at, ...extra,
});
const bill = (accountPackageId: string, start: string, end: string) => decoded({
  type: 'BillPackage', accountPackageId, invoiceNumber: `INV-${start}`, billPeriod: { start, end }, billCharges: true, billUsage: false, invoiceTopUp: false,
  runContractCommitment: false, actor: { kind: 'system', name: 'bill-run' }, at: `${start}T02:00:00.000Z`,
});
const withVoice = { customFields: { site: 'Leeds' }, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: '01614960000', customFields: { label: 'office' } }] };

const setUp = async (store: EventStore) => {
  const handle = commandHandler(store, accountPackageAggregate);
  const commands = [
    add('ap-1', acc1, fibre(), withVoice), add('ap-2', acc1, fibre(), withVoice), add('ap-3', acc1, line), add('ap-20', acc2, line),
    bill('ap-2', '2026-01-01', '2026-02-01'), bill('ap-2', '2026-02-01', '2026-03-01'),
  ];
  for (const [i, c] of commands.entries()) {
    const r = await handle(c, { commandId: `setup-${i}` });
    if (E.isLeft(r)) throw new Error(`setup command ${c.type} failed: ${JSON.stringify(r.left)}`);
  }
};

const transfer = (accountPackageId: string, targetAccountPackageId: string, overrides: Record<string, unknown> = {}) => decoded({
  type: 'TransferAccountPackage', accountPackageId, targetAccountPackageId, targetAccount: acc2, targetDefinition: fibre(), targetPriceBook: { priceBookId: 'eu', currency: 'EUR' },
  targetFrequency: 'monthly', effectiveDate: '2026-02-01', actor: sales, at, ...overrides,
}) as TransferAccountPackage;

const scheduler = (() => { const a = decodeWith(Actor, { kind: 'staff', userId: 'ali', roles: ['accounts'] }); if (E.isLeft(a)) throw new Error('actor'); return a.right; })();

const eventsOf = async (store: EventStore) => {
  const all: { stream: string; type: string; data: Record<string, unknown> }[] = [];
  for await (const e of store.readAll()) all.push({ stream: e.stream, type: e.type, data: e.data as Record<string, unknown> });
  return all;
};

/** Package ids as a host has them after decoding its request. */
const ids = (...xs: string[]) => xs as EntityId[];

const ok = <A>(r: E.Either<Error, A>): A => {
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

describe('bulk cancel', () => {
  const request = { cancellationDate: '2026-02-15' as LocalDate, billingOption: 'prorate' as const, waiveEarlyTerminationFee: false, actor: scheduler, at: '2026-02-10T10:00:00.000Z' as Instant };

  test('cancels each package that may be cancelled, reports each refusal with its reason, and appends nothing for a refused package', async () => {
    const store = new InMemoryEventStore();
    await setUp(store);
    const before = (await eventsOf(store)).length;
    const report = ok(await runBulkCancel({ store, accountPackageIds: ids('ap-1', 'ap-2', 'ap-3', 'ap-404'), request, operationId: 'op-1' }));
    expect(report.succeeded.map((c) => c.accountPackageId)).toEqual(['ap-1', 'ap-3']);
    // ap-2 is billed up to 2026-03-01, so 2026-02-15 falls in a billed period; ap-404 does not exist.
    expect(report.failed.map((f) => [f.accountPackageId, f.code])).toEqual([['ap-2', 'cancellation_in_billed_period'], ['ap-404', 'package_not_found']]);
    expect(report.failed.every((f) => f.message.length > 0)).toBe(true);
    const after = await eventsOf(store);
    expect(after.slice(before).map((e) => [e.stream, e.type])).toEqual([['accountPackage-ap-1', 'AccountPackageCancellationScheduled'], ['accountPackage-ap-3', 'AccountPackageCancellationScheduled']]);
  });

  test('run again with the same operation id, it cancels nothing twice', async () => {
    const store = new InMemoryEventStore();
    await setUp(store);
    ok(await runBulkCancel({ store, accountPackageIds: ids('ap-1', 'ap-3'), request, operationId: 'op-1' }));
    const once = (await eventsOf(store)).length;
    const again = ok(await runBulkCancel({ store, accountPackageIds: ids('ap-1', 'ap-3'), request, operationId: 'op-1' }));
    expect((await eventsOf(store)).length).toBe(once);
    expect([again.succeeded.map((c) => c.accountPackageId), again.failed.map((f) => f.code)]).toEqual([['ap-1', 'ap-3'], []]);
  });
});

describe('bulk transfer', () => {
  test('moves each package all or nothing: the source records the move and is cancelled, the target carries usage identifiers and custom fields, and refusals write nothing', async () => {
    const store = new InMemoryEventStore();
    await setUp(store);
    const before = (await eventsOf(store)).length;
    const report = ok(await runBulkTransfer({
      store, operationId: 'move-1', transfers: [
        transfer('ap-1', 'ap-9'),
        // a USD price book for an EUR account
        transfer('ap-3', 'ap-10', { targetDefinition: line, targetPriceBook: { priceBookId: 'us', currency: 'USD' } }),
        // ap-20 is already a package of acc-2
        transfer('ap-2', 'ap-20', { effectiveDate: '2026-03-01' }),
        // one usage-based service at the source, none at the target
        transfer('ap-2', 'ap-11', { targetDefinition: line, effectiveDate: '2026-03-01' }),
      ],
    }));
    expect(report.succeeded.map((r) => [r.accountPackageId, r.target.accountPackageId])).toEqual([['ap-1', 'ap-9']]);
    expect(report.succeeded[0]?.leftBehind).toBeDefined();
    expect(report.failed.map((f) => [f.accountPackageId, f.code, f.facts['requirement']])).toEqual([
      ['ap-3', 'transfer_not_allowed', 'target_currency'], ['ap-2', 'target_exists', undefined], ['ap-2', 'transfer_not_allowed', 'usage_based_services'],
    ]);

    const written = (await eventsOf(store)).slice(before);
    expect(written.map((e) => [e.stream, e.type])).toEqual([['accountPackage-ap-1', 'AccountPackageTransferred'], ['accountPackage-ap-9', 'AccountPackageAdded']]);
    const moved = written[0]?.data;
    expect(moved).toMatchObject({ target: { accountId: 'acc-2', accountPackageId: 'ap-9' }, effectiveDate: '2026-02-01' });
    const target = written[1]?.data;
    expect(target).toMatchObject({ account: { accountId: 'acc-2' }, customFields: { site: 'Leeds' }, transferredFrom: { accountId: 'acc-1', accountPackageId: 'ap-1' } });
    expect(JSON.stringify(target)).toContain('01614960000');
  });

  test('a crash between the two halves leaves the source moved and the target missing; running the operation again adds the target once', async () => {
    const real = new InMemoryEventStore();
    await setUp(real);
    const crashing = crashingOnAppend(real, 2);
    const transfers = [transfer('ap-1', 'ap-9')];
    await expect(runBulkTransfer({ store: crashing, operationId: 'move-1', transfers })).rejects.toThrow('crash');
    const streams = async () => (await eventsOf(real)).filter((e) => e.stream === 'accountPackage-ap-1' || e.stream === 'accountPackage-ap-9').map((e) => [e.stream, e.type]);
    expect(await streams()).toEqual([['accountPackage-ap-1', 'AccountPackageAdded'], ['accountPackage-ap-1', 'AccountPackageTransferred']]);

    const resumed = ok(await runBulkTransfer({ store: real, operationId: 'move-1', transfers }));
    expect(resumed.succeeded.map((r) => r.target.accountPackageId)).toEqual(['ap-9']);
    expect(await streams()).toEqual([['accountPackage-ap-1', 'AccountPackageAdded'], ['accountPackage-ap-1', 'AccountPackageTransferred'], ['accountPackage-ap-9', 'AccountPackageAdded']]);

    // A third run, even under a new operation id, writes nothing: the source is already moved to this target.
    const count = (await eventsOf(real)).length;
    const third = ok(await runBulkTransfer({ store: real, operationId: 'move-2', transfers }));
    expect(third.failed).toEqual([]);
    expect((await eventsOf(real)).length).toBe(count);
  });

  test('a transfer to another target after the package moved is refused with the conflict', async () => {
    const store = new InMemoryEventStore();
    await setUp(store);
    ok(await runBulkTransfer({ store, operationId: 'move-1', transfers: [transfer('ap-1', 'ap-9')] }));
    const again = ok(await runBulkTransfer({ store, operationId: 'move-2', transfers: [transfer('ap-1', 'ap-12')] }));
    expect(again.failed.map((f) => f.code)).toEqual(['transfer_conflict']);
  });
});
