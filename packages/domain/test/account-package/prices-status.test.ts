import { recurringPrice } from '../../src';
import { added, billJson, chargesOf, command, decided, event, fibreAdded, given, manager, packageOf, play, sales } from './fixtures';

const at = '2026-01-10T09:00:00.000Z';
const january = command(billJson('2026-01-01', '2026-02-01'));
const february = command(billJson('2026-02-01', '2026-03-01'));
const price = (amount: string, status = 'active') => command({ type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'internet', status, price: { amount, currency: 'EUR' }, actor: sales, at });
const amounts = (history: Parameters<typeof decided>[0], bill = february) => chargesOf(decided(history, bill)).map((l) => `${l.kind} ${l.amount.amount.toFixed(2)}`);

describe('prices', () => {
  test('changing a recurring price remembers the catalog price', () => {
    given(fibreAdded).when(price('45.00')).then([event({
      type: 'ServicePriceChanged',
      data: { accountPackageId: 'ap-1', serviceId: 'internet', status: 'active', price: { amount: '45.00', currency: 'EUR' }, backToCatalog: false, catalogPrice: { amount: '50.00', currency: 'EUR' }, by: sales, at },
    })]);
  });

  test('setting a price back to the catalog price returns to the catalog price', () => {
    const changed = play([price('45.00')], fibreAdded);
    const [back] = decided(changed, price('50.00'));
    expect(back).toMatchObject({ type: 'ServicePriceChanged', data: { backToCatalog: true } });
    const p = packageOf(play([price('50.00')], changed));
    expect(p.priceOverrides.size).toBe(0);
    expect(recurringPrice(p, 'internet', 'active')?.amount.toFixed(2)).toBe('50.00');
  });

  test('setting the price it already has changes nothing', () => {
    given(fibreAdded).when(price('50.00')).then([]);
  });

  test('billing charges the changed price', () => {
    expect(amounts(play([january, price('45.00')], fibreAdded))).toEqual(['recurring 45.00', 'recurring 10.00']);
  });

  test('a price in another currency is refused', () => {
    given(fibreAdded).when(command({ type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'internet', status: 'active', price: { amount: '45.00', currency: 'USD' }, actor: sales, at }))
      .thenRefuses('currency_mismatch', { currency: 'USD' });
  });

  test('prices, discounts and contracts are for sales and the Accounts team', () => {
    given(fibreAdded).when(command({ type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'internet', status: 'active', price: { amount: '45.00', currency: 'EUR' }, actor: manager, at }))
      .thenRefuses('forbidden', { permission: 'account-package:price' });
  });
});

describe('temporary discounts', () => {
  const discount = (terms: Record<string, unknown>, period = { start: '2026-02-01', end: '2026-02-15' }) =>
    command({ type: 'AddServiceDiscount', accountPackageId: 'ap-1', discountId: 'promo', serviceId: 'internet', period, discount: terms, actor: sales, at });

  test('a percentage off applies to the days the discount and the billed period share: 50% of 14/28 of 50.00', () => {
    expect(amounts(play([january, discount({ type: 'percent', percent: '50' })], fibreAdded))).toEqual(['recurring 50.00', 'recurring 10.00', 'discount -12.50']);
  });

  test('an amount off each period is prorated the same way and never exceeds the charge', () => {
    expect(amounts(play([january, discount({ type: 'amount', amount: { amount: '20.00', currency: 'EUR' } })], fibreAdded))).toEqual(['recurring 50.00', 'recurring 10.00', 'discount -10.00']);
    expect(amounts(play([january, discount({ type: 'amount', amount: { amount: '500.00', currency: 'EUR' } }, { start: '2026-02-01', end: '2026-03-01' })], fibreAdded)))
      .toEqual(['recurring 50.00', 'recurring 10.00', 'discount -50.00']);
  });

  test('a discount outside the billed period changes nothing', () => {
    expect(amounts(play([january, discount({ type: 'percent', percent: '50' }, { start: '2026-06-01', end: '2026-07-01' })], fibreAdded))).toEqual(['recurring 50.00', 'recurring 10.00']);
  });

  test('a deleted discount no longer applies; deleting an unknown discount is refused', () => {
    const removed = play([january, discount({ type: 'percent', percent: '50' }), command({ type: 'RemoveServiceDiscount', accountPackageId: 'ap-1', discountId: 'promo', actor: sales, at })], fibreAdded);
    expect(amounts(removed)).toEqual(['recurring 50.00', 'recurring 10.00']);
    given(removed).when(command({ type: 'RemoveServiceDiscount', accountPackageId: 'ap-1', discountId: 'promo', actor: sales, at })).thenRefuses('discount_not_found');
  });

  test('the same discount again changes nothing; other terms under its id are refused', () => {
    const once = play([discount({ type: 'percent', percent: '50' })], fibreAdded);
    given(once).when(discount({ type: 'percent', percent: '50' })).then([]);
    given(once).when(discount({ type: 'percent', percent: '60' })).thenRefuses('discount_id_conflict');
  });
});

describe('package status', () => {
  const status = (s: Record<string, unknown>) => command({ type: 'ChangePackageStatus', accountPackageId: 'ap-1', status: s, actor: manager, at });
  const readOnly = { code: 'frozen', billable: false, readOnly: true };

  test('the status changes to a configured billable or non-billable, read-only or writable status', () => {
    given([added]).when(status(readOnly)).then([event({
      type: 'AccountPackageStatusChanged', data: { accountPackageId: 'ap-1', from: { code: 'active', billable: true, readOnly: false }, to: readOnly, by: manager, at },
    })]);
  });

  test('a read-only status refuses every change except the status itself', () => {
    const frozen = play([status(readOnly)], fibreAdded);
    given(frozen).when(price('45.00')).thenRefuses('package_read_only', { status: 'frozen' });
    given(frozen).when(command({ type: 'ChangeBillDay', accountPackageId: 'ap-1', billDay: 15, actor: manager, at })).thenRefuses('package_read_only');
    given(frozen).when(command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: '2026-03-01', actor: sales, at })).thenRefuses('package_read_only');
    given(frozen).when(status({ code: 'active', billable: true, readOnly: false })).then([event({
      type: 'AccountPackageStatusChanged', data: { accountPackageId: 'ap-1', from: readOnly, to: { code: 'active', billable: true, readOnly: false }, by: manager, at },
    })]);
  });

  test('a read-only package is still billed', () => {
    expect(amounts(play([status(readOnly)], fibreAdded), january)).toEqual(['one_time 99.00']);
  });

  test('cancelling is not a status change: it takes a date and a billing option', () => {
    given([added]).when(status({ code: 'cancelled', billable: false, readOnly: true })).thenRefuses('status_change_not_allowed', { instead: 'CancelAccountPackage' });
  });

  test('setting the status it already has changes nothing', () => {
    given([added]).when(status({ code: 'active', billable: true, readOnly: false })).then([]);
  });
});

describe('package settings', () => {
  test('edits rate plan, share plan, product code, counting rule, account contract and custom fields; null clears', () => {
    const edit = (fields: Record<string, unknown>) => command({ type: 'EditAccountPackage', accountPackageId: 'ap-1', actor: manager, at, ...fields });
    given([added]).when(edit({ ratePlanId: 'rp', sharePlanId: 'sp', productCode: 'PROMO-1', countingRuleId: 'cr', accountContractId: 'ac', customFields: { site: 'Leeds' } })).then([event({
      type: 'AccountPackageEdited', data: { accountPackageId: 'ap-1', ratePlanId: 'rp', sharePlanId: 'sp', productCode: 'PROMO-1', countingRuleId: 'cr', accountContractId: 'ac', customFields: { site: 'Leeds' }, by: manager, at },
    })]);
    const edited = play([edit({ ratePlanId: 'rp' })], [added]);
    given(edited).when(edit({ ratePlanId: null })).then([event({ type: 'AccountPackageEdited', data: { accountPackageId: 'ap-1', ratePlanId: null, by: manager, at } })]);
    expect(packageOf(play([edit({ ratePlanId: null })], edited)).ratePlanId).toBeUndefined();
    given(edited).when(edit({ ratePlanId: 'rp' })).then([]);
    given(edited).when(edit({})).thenRefuses('nothing_to_edit');
  });

  test('a new usage bill day takes effect after the current usage period', () => {
    const [e] = decided([added], command({ type: 'ChangeUsageBillDay', accountPackageId: 'ap-1', usageBillDay: 20, actor: manager, at }));
    expect(e).toMatchObject({ type: 'UsageBillDayChangeScheduled', data: { usageBillDay: 20, previousUsageBillDay: 1, effectiveFrom: '2026-02-01', nextUsageBillDate: '2026-02-01' } });
    const p = packageOf(play([command({ type: 'ChangeUsageBillDay', accountPackageId: 'ap-1', usageBillDay: 20, actor: manager, at }), command(billJson('2026-02-01', '2026-03-01', { billCharges: false, billUsage: true }))], [added]));
    // The February run bills usage up to the old usage bill date (Feb 1), then up to the first new one (Feb 20).
    expect(p.usageBilledThrough).toBe('2026-02-20');
  });
});
