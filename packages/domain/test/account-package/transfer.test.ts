import * as E from 'fp-ts/Either';
import {
  decideTransferAccountPackage,
  fold,
  accountPackage,
  planBulkCancel,
  planBulkTransfer,
  transferredPackageCommand,
  type AccountPackageEvent,
  type EntityId,
  type Instant,
  type LocalDate,
  type TransferAccountPackage,
} from '../../src';
import { addJson, billJson, command, decided, fibreAdded, given, manager, packageOf, play, sales, typedActor } from './fixtures';

const at = '2026-01-20T09:00:00.000Z';

/** The source: the fibre package, billed for January, with an IP, custom fields, a bucket, a rate plan and a share plan. */
const source = play([
  command(billJson('2026-01-01', '2026-02-01')),
  command({ type: 'AddAccountService', accountPackageId: 'ap-1', serviceId: 'static-ip', instances: [{ instanceId: 'ip-1', customFields: { label: 'web' } }], status: 'active', effectiveOn: '2026-02-01', actor: manager, at }),
  command({ type: 'EditAccountPackage', accountPackageId: 'ap-1', ratePlanId: 'rp-uk', sharePlanId: 'sp-family', customFields: { site: 'Leeds' }, actor: manager, at }),
  command({ type: 'SetUsageBucket', accountPackageId: 'ap-1', instanceId: 'voice.1', bucket: { bucketId: 'mins', allowance: '500', unit: 'minute' }, actor: manager, at }),
], fibreAdded);

const fibre500 = (currency = 'EUR') => ({
  catalogPackageId: 'fibre-500', name: 'Fibre 500', allowsGlobalAddOns: false,
  services: [
    { serviceId: 'internet500', name: 'Internet 500', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1, recurringPrices: [{ status: 'active', price: { amount: '70.00', currency } }], transitionPrices: [] },
    { serviceId: 'voice', name: 'Voice', usageBased: true, defaultInstances: 1, minInstances: 0, maxInstances: 2, recurringPrices: [{ status: 'active', price: { amount: '10.00', currency } }], transitionPrices: [] },
  ],
});

const transferJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'TransferAccountPackage',
  accountPackageId: 'ap-1',
  targetAccountPackageId: 'ap-9',
  targetAccount: { accountId: 'acc-2', currency: 'EUR', billDay: 1, usageBillDay: 1 },
  targetDefinition: fibre500(),
  targetPriceBook: { priceBookId: 'eu', currency: 'EUR' },
  targetFrequency: 'monthly',
  effectiveDate: '2026-02-01',
  serviceMap: [{ from: 'voice.1', to: 'voice.1' }, { from: 'ip-1', to: 'internet500.1' }],
  actor: sales,
  at,
  ...overrides,
});
const transfer = (overrides: Record<string, unknown> = {}) => command(transferJson(overrides)) as TransferAccountPackage;
const plan = (history: readonly AccountPackageEvent[], c = transfer()) => {
  const r = decideTransferAccountPackage(c, fold(accountPackage, history));
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('transferring a package to another account', () => {
  test('the source records the move and is cancelled on the effective date; the target add command carries usage identifiers and custom fields', () => {
    const p = plan(source);
    expect(p.events.map((e) => e.type)).toEqual(['AccountPackageTransferred']);
    expect(packageOf([...source, ...p.events])).toMatchObject({ cancellation: { date: '2026-02-01', billingOption: 'prorate' }, transferredTo: { accountId: 'acc-2', accountPackageId: 'ap-9' } });
    expect(p.targetCommand).toMatchObject({
      type: 'AddAccountPackage', accountPackageId: 'ap-9', account: { accountId: 'acc-2' }, effectiveDate: '2026-02-01', customFields: { site: 'Leeds' },
      serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: '+442079460000' }, { instanceId: 'internet500.1', customFields: { label: 'web' } }],
      transferredFrom: { accountId: 'acc-1', accountPackageId: 'ap-1' },
    });
  });

  test('usage buckets, rate plans and share plans stay behind', () => {
    const p = plan(source);
    expect(p.report.leftBehind).toEqual({ usageBuckets: 1, ratePlanIds: ['rp-uk'], sharePlanId: 'sp-family' });
    const target = packageOf(decided([], p.targetCommand));
    expect(target.ratePlanId).toBeUndefined();
    expect(target.sharePlanId).toBeUndefined();
    expect([...target.accountServices.values()].map((s) => [s.instanceId, s.usageIdentifier, s.customFields, s.usageBuckets.size]))
      .toEqual([['internet500.1', undefined, { label: 'web' }, 0], ['voice.1', '+442079460000', {}, 0]]);
  });

  test('the source is cancelled after the move, when billing reaches the effective date', () => {
    const moved = [...source, ...plan(source).events];
    expect(decided(moved, command(billJson('2026-02-01', '2026-03-01'))).map((e) => e.type)).toEqual(['AccountPackageCancelled']);
  });

  test('the target add command is rebuilt from the source\'s event alone, and adding it again changes nothing', () => {
    const p = plan(source);
    const [transferred] = p.events;
    if (transferred?.type !== 'AccountPackageTransferred') throw new Error('fixture broken');
    expect(transferredPackageCommand(transferred)).toEqual(p.targetCommand);
    given(decided([], p.targetCommand)).when(p.targetCommand).then([]);
  });

  test('refuses when the packages hold different numbers of usage-based account-services', () => {
    const noVoice = { ...fibre500(), services: [fibre500().services[0]] };
    given(source).when(transfer({ targetDefinition: noVoice, serviceMap: [{ from: 'ip-1', to: 'internet500.1' }] }))
      .thenRefuses('transfer_not_allowed', { requirement: 'usage_based_services', source: 1, target: 0 });
  });

  test('refuses a target package whose currency is not the target account\'s; the source\'s currency does not matter', () => {
    given(source).when(transfer({ targetPriceBook: { priceBookId: 'us', currency: 'USD' }, targetDefinition: fibre500('USD') }))
      .thenRefuses('transfer_not_allowed', { requirement: 'target_currency', targetCurrency: 'USD', targetAccountCurrency: 'EUR' });
    const gbp = transfer({ targetAccount: { accountId: 'acc-2', currency: 'GBP', billDay: 1, usageBillDay: 1 }, targetPriceBook: { priceBookId: 'uk', currency: 'GBP' }, targetDefinition: fibre500('GBP') });
    expect(plan(source, gbp).targetCommand.priceBook.currency).toBe('GBP');
  });

  test('refuses a source that is not active or is scheduled to be cancelled', () => {
    const cancelling = play([command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: '2026-03-01', actor: sales, at })], source);
    given(cancelling).when(transfer()).thenRefuses('transfer_not_allowed', { requirement: 'source_active' });
    const suspended = play([command({ type: 'ChangePackageStatus', accountPackageId: 'ap-1', status: { code: 'suspended', billable: false, readOnly: false }, actor: manager, at })], source);
    given(suspended).when(transfer()).thenRefuses('transfer_not_allowed', { requirement: 'source_active', status: 'suspended' });
  });

  test('all or nothing: an account-service whose usage identifier or custom fields would have no target refuses the transfer', () => {
    given(source).when(transfer({ serviceMap: undefined })).thenRefuses('transfer_not_allowed', { requirement: 'service_mapping', unmapped: ['ip-1'] });
  });

  test('without a service map, usage-based account-services pair in order and the others by service', () => {
    const simple = plan(fibreAdded, transfer({ serviceMap: undefined, effectiveDate: '2026-01-20' }));
    expect(simple.report.services).toEqual([{ from: 'voice.1', to: 'voice.1' }]);
  });

  test('refuses an effective date in a period already billed (the source is cancelled on it)', () => {
    given(source).when(transfer({ effectiveDate: '2026-01-25' })).thenRefuses('transfer_not_allowed', { requirement: 'effective_date', billedThrough: '2026-02-01' });
  });

  test('refuses a target package that could not be added, naming its reason', () => {
    const tooMany = { ...fibre500(), services: [{ ...fibre500().services[0], defaultInstances: 2 }, fibre500().services[1]] };
    given(source).when(transfer({ targetDefinition: tooMany })).thenRefuses('transfer_not_allowed', { requirement: 'target_package', cause: 'invalid_package_definition' });
  });

  test('retrying the same transfer changes nothing; a transfer elsewhere is refused', () => {
    const moved = [...source, ...plan(source).events];
    given(moved).when(transfer()).then([]);
    given(moved).when(transfer({ targetAccountPackageId: 'ap-10' })).thenRefuses('transfer_conflict');
    expect(plan(moved).targetCommand.accountPackageId).toBe('ap-9');
  });
});

describe('bulk cancel and transfer', () => {
  const other = play([command(addJson({ accountPackageId: 'ap-2' }))]);

  test('a bulk transfer moves each package as a whole or not at all, and reports each', () => {
    const report = planBulkTransfer([
      { state: fold(accountPackage, source), command: transfer() },
      { state: fold(accountPackage, other), command: transfer({ accountPackageId: 'ap-2', targetAccountPackageId: 'ap-8' }) },
    ]);
    expect(report.succeeded.map((s) => s.targetCommand.accountPackageId)).toEqual(['ap-9']);
    expect(report.failed).toMatchObject([{ accountPackageId: 'ap-2', code: 'transfer_not_allowed', facts: { requirement: 'usage_based_services' } }]);
  });

  test('a bulk cancel applies one date, billing option and fee waiver to every package, and reports those refused', () => {
    const report = planBulkCancel(
      [{ accountPackageId: 'ap-1' as EntityId, state: fold(accountPackage, source) }, { accountPackageId: 'ap-2' as EntityId, state: fold(accountPackage, other) }],
      { cancellationDate: '2026-01-15' as LocalDate, billingOption: 'no_charge', waiveEarlyTerminationFee: true, actor: typedActor(sales), at: at as Instant },
    );
    expect(report.succeeded).toMatchObject([{ accountPackageId: 'ap-2', cancellationDate: '2026-01-15', billingOption: 'no_charge', waiveEarlyTerminationFee: true }]);
    expect(report.failed).toMatchObject([{ accountPackageId: 'ap-1', code: 'cancellation_in_billed_period' }]);
  });
});
