import { effectiveRatePlan, serviceCountsOn, type EntityId, type LocalDate } from '../../src';
import { accounts, addJson, command, event, fibre, fibreAdded, given, manager, packageOf, play } from './fixtures';

const at = '2026-01-10T09:00:00.000Z';
const accountPlan = 'acc-plan' as EntityId;
const addService = (overrides: Record<string, unknown> = {}) => ({
  type: 'AddAccountService', accountPackageId: 'ap-1', serviceId: 'static-ip', instances: [{ instanceId: 'ip-1' }], status: 'active', actor: manager, at, ...overrides,
});
const serviceAddedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'AccountServiceAdded',
  data: { accountPackageId: 'ap-1', serviceId: 'static-ip', instances: [{ instanceId: 'ip-1' }], status: 'active', effectiveOn: '2026-01-10', by: manager, at, ...overrides },
});
const statusChange = (overrides: Record<string, unknown> = {}) => ({ type: 'ChangeServiceStatus', accountPackageId: 'ap-1', instanceId: 'internet.1', status: 'suspended', actor: manager, at, ...overrides });
const voiceAddOn = {
  catalogPackageId: 'intl-calls', name: 'International calls', frequency: 'monthly',
  service: { serviceId: 'intl', name: 'International', usageBased: true, defaultInstances: 0, minInstances: 0, maxInstances: 1, recurringPrices: [{ status: 'active', price: { amount: '3.00', currency: 'EUR' } }], transitionPrices: [] },
};

describe('optional services and global add-ons', () => {
  test('adds optional account-services, effective today unless the command says a later day', () => {
    given(fibreAdded).when(command(addService())).then([event(serviceAddedJson())]);
    given(fibreAdded).when(command(addService({ effectiveOn: '2026-02-01' }))).then([event(serviceAddedJson({ effectiveOn: '2026-02-01' }))]);
  });

  test('respects the service\'s maximum instances', () => {
    const three = [{ instanceId: 'ip-1' }, { instanceId: 'ip-2' }, { instanceId: 'ip-3' }];
    given(fibreAdded).when(command(addService({ instances: three }))).then([event(serviceAddedJson({ instances: three }))]);
    given(fibreAdded).when(command(addService({ instances: [...three, { instanceId: 'ip-4' }] }))).thenRefuses('above_maximum_instances', { maximum: 3, present: 0, adding: 4 });
    given(fibreAdded).when(command(addService({ serviceId: 'internet', instances: [{ instanceId: 'net-2' }] }))).thenRefuses('above_maximum_instances', { maximum: 1, present: 1 });
  });

  test('a usage-based service needs a usage identifier for each account-service', () => {
    given(fibreAdded).when(command(addService({ serviceId: 'voice', instances: [{ instanceId: 'voice-2' }] }))).thenRefuses('usage_identifier_required', { instanceIds: ['voice-2'] });
    given(fibreAdded).when(command(addService({ serviceId: 'voice', instances: [{ instanceId: 'voice-2', usageIdentifier: '+442079460001' }] })))
      .then([event(serviceAddedJson({ serviceId: 'voice', instances: [{ instanceId: 'voice-2', usageIdentifier: '+442079460001' }] }))]);
  });

  test('only services of the package can be added; others come through a global add-on', () => {
    given(fibreAdded).when(command(addService({ serviceId: 'tv' }))).thenRefuses('service_not_in_package', { serviceId: 'tv' });
    given(fibreAdded).when(command(addService({ serviceId: 'intl', instances: [{ instanceId: 'intl-1', usageIdentifier: '+442079460000' }], addOn: voiceAddOn })))
      .then([event(serviceAddedJson({ serviceId: 'intl', instances: [{ instanceId: 'intl-1', usageIdentifier: '+442079460000' }], addOn: voiceAddOn }))]);
  });

  test('global add-ons only on packages that allow them, and on the package\'s frequency', () => {
    const closed = play([command(addJson({ definition: { ...fibre, allowsGlobalAddOns: false } }))]);
    const addOn = addService({ serviceId: 'intl', instances: [{ instanceId: 'intl-1', usageIdentifier: 'x' }], addOn: voiceAddOn });
    given(closed).when(command(addOn)).thenRefuses('global_add_ons_not_allowed');
    given(fibreAdded).when(command({ ...addOn, addOn: { ...voiceAddOn, frequency: 'yearly' } })).thenRefuses('add_on_frequency_mismatch', { addOnFrequency: 'yearly', frequency: 'monthly' });
  });

  test('adding the same account-services again changes nothing; reusing an id for another is refused', () => {
    const withIp = play([command(addService())], fibreAdded);
    given(withIp).when(command(addService())).then([]);
    given(withIp).when(command(addService({ instances: [{ instanceId: 'ip-1' }, { instanceId: 'ip-2' }] }))).thenRefuses('service_instance_exists', { instanceIds: ['ip-1'] });
  });

  test('services cannot be added from a day before today', () => {
    given(fibreAdded).when(command(addService({ effectiveOn: '2026-01-09' }))).thenRefuses('change_in_the_past');
  });
});

describe('removing services', () => {
  test('removes an account-service while the service stays at or above its minimum instances', () => {
    given(fibreAdded).when(command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at }))
      .then([event({ type: 'AccountServiceRemoved', data: { accountPackageId: 'ap-1', instanceId: 'voice.1', serviceId: 'voice', status: 'active', removedOn: '2026-01-10', by: manager, at } })]);
  });

  test('refuses to remove below the service\'s minimum instances', () => {
    given(fibreAdded).when(command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'internet.1', actor: manager, at })).thenRefuses('below_minimum_instances', { minimum: 1, present: 1 });
  });

  test('removing it again changes nothing; an unknown account-service is refused', () => {
    const removed = play([command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at })], fibreAdded);
    given(removed).when(command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at })).then([]);
    given(removed).when(command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'nope', actor: manager, at })).thenRefuses('service_instance_not_found');
  });
});

describe('service status', () => {
  test('a status change takes effect today, with the catalog\'s transition charge for it', () => {
    given(fibreAdded).when(command(statusChange({ status: 'cancelled' }))).then([event({
      type: 'AccountServiceStatusChanged',
      data: { accountPackageId: 'ap-1', instanceId: 'internet.1', serviceId: 'internet', from: 'active', to: 'cancelled', effectiveOn: '2026-01-10', upcoming: false, transitionCharge: { amount: '25.00', currency: 'EUR' }, by: manager, at },
    })]);
  });

  test('an upcoming change takes effect on a later day', () => {
    given(fibreAdded).when(command(statusChange({ effectiveOn: '2026-01-31' }))).then([event({
      type: 'AccountServiceStatusChanged',
      data: { accountPackageId: 'ap-1', instanceId: 'internet.1', serviceId: 'internet', from: 'active', to: 'suspended', effectiveOn: '2026-01-31', upcoming: true, by: manager, at },
    })]);
    const s = packageOf(play([command(statusChange({ effectiveOn: '2026-01-31' }))], fibreAdded)).accountServices.get('internet.1');
    expect(s?.statuses).toEqual([{ from: '2026-01-01', status: 'active' }, { from: '2026-01-31', status: 'suspended' }]);
  });

  test('a change cannot take effect in the past, nor before an upcoming change already made', () => {
    given(fibreAdded).when(command(statusChange({ effectiveOn: '2026-01-09' }))).thenRefuses('change_in_the_past');
    const upcoming = play([command(statusChange({ effectiveOn: '2026-01-31' }))], fibreAdded);
    given(upcoming).when(command(statusChange({ status: 'cancelled', effectiveOn: '2026-01-20' }))).thenRefuses('change_before_earlier_change', { lastChangeOn: '2026-01-31' });
  });

  test('the Count view shows how many account-services of each service are in each status on a day', () => {
    const history = play([
      command(addService({ instances: [{ instanceId: 'ip-1' }, { instanceId: 'ip-2' }] })),
      command(statusChange({ instanceId: 'ip-2', effectiveOn: '2026-02-01' })),
    ], fibreAdded);
    const counts = (day: string) => [...serviceCountsOn(packageOf(history), day as LocalDate)].map(([service, byStatus]) => [service, Object.fromEntries(byStatus)]);
    expect(counts('2026-01-15')).toEqual([['internet', { active: 1 }], ['voice', { active: 1 }], ['static-ip', { active: 2 }]]);
    expect(counts('2026-02-01')).toEqual([['internet', { active: 1 }], ['voice', { active: 1 }], ['static-ip', { active: 1, suspended: 1 }]]);
  });

  test('changing a service to the status it already has changes nothing', () => {
    given(fibreAdded).when(command(statusChange({ status: 'active' }))).then([]);
  });

  test('a removed account-service cannot change status', () => {
    const removed = play([command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at })], fibreAdded);
    given(removed).when(command(statusChange({ instanceId: 'voice.1' }))).thenRefuses('service_removed');
  });
});

describe('editing account-services', () => {
  const edit = (overrides: Record<string, unknown>) => command({ type: 'EditAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at, ...overrides });

  test('changes the usage identifier, custom fields and rate plan of an account-service (changed fields only)', () => {
    given(fibreAdded).when(edit({ usageIdentifier: '+442079460099', customFields: { port: 'B2' }, ratePlanId: 'uk-mobile' })).then([event({
      type: 'AccountServiceEdited', data: { accountPackageId: 'ap-1', instanceId: 'voice.1', usageIdentifier: '+442079460099', customFields: { port: 'B2' }, ratePlanId: 'uk-mobile', by: manager, at },
    })]);
    given(fibreAdded).when(edit({ usageIdentifier: '+442079460000' })).then([]);
  });

  test('only usage-based services have a usage identifier', () => {
    given(fibreAdded).when(edit({ instanceId: 'internet.1', usageIdentifier: 'x' })).thenRefuses('not_usage_based');
  });

  test('an edit must say what to change', () => {
    given(fibreAdded).when(edit({})).thenRefuses('nothing_to_edit');
  });

  test('usage buckets are set on usage-based account-services only', () => {
    const bucket = { bucketId: 'minutes', allowance: '500', unit: 'minute' };
    given(fibreAdded).when(command({ type: 'SetUsageBucket', accountPackageId: 'ap-1', instanceId: 'voice.1', bucket, actor: accounts, at }))
      .then([event({ type: 'UsageBucketSet', data: { accountPackageId: 'ap-1', instanceId: 'voice.1', bucket, by: accounts, at } })]);
    given(fibreAdded).when(command({ type: 'SetUsageBucket', accountPackageId: 'ap-1', instanceId: 'internet.1', bucket, actor: accounts, at })).thenRefuses('not_usage_based');
  });

  test('the rate plan used is the lowest level configured: account-service, then package, then account', () => {
    const p = packageOf(play([edit({ ratePlanId: 'svc-plan' }), command({ type: 'EditAccountPackage', accountPackageId: 'ap-1', ratePlanId: 'pkg-plan', actor: manager, at })], fibreAdded));
    expect(effectiveRatePlan(p, 'voice.1', accountPlan)).toBe('svc-plan');
    expect(effectiveRatePlan(p, 'internet.1', accountPlan)).toBe('pkg-plan');
    expect(effectiveRatePlan(packageOf(fibreAdded), 'internet.1', accountPlan)).toBe('acc-plan');
  });
});
