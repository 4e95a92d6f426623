import type { AccountPackageEvent, ChargeLine } from '../../src';
import {
  accounts,
  added,
  addJson,
  billJson,
  chargesOf,
  command,
  decided,
  event,
  fibre,
  fibreAdded,
  given,
  manager,
  packageOf,
  play,
  scheduler,
  singleService,
} from './fixtures';

const at = '2026-01-10T09:00:00.000Z';
const january = command(billJson('2026-01-01', '2026-02-01'));
const february = command(billJson('2026-02-01', '2026-03-01'));
const march = command(billJson('2026-03-01', '2026-04-01'));

/** The lines a bill command would add, as `kind serviceId amount` rows. */
const lines = (history: readonly AccountPackageEvent[], bill = february): string[] =>
  chargesOf(decided(history, bill)).map((l: ChargeLine) => `${l.kind} ${'serviceId' in l ? l.serviceId : ''} ${l.amount.amount.toFixed(2)}`.replace('  ', ' '));

describe('billing a package', () => {
  test('prepaid: a period is billed in advance, on its first day, and the dates move', () => {
    const period = { start: '2026-01-01', end: '2026-02-01' };
    given([added]).when(january).then([event({
      type: 'PackageBilled',
      data: {
        accountPackageId: 'ap-1', invoiceNumber: 'INV-2026-01-01', billPeriod: period, postingDate: '2026-01-01',
        options: { billCharges: true, billUsage: false, invoiceTopUp: false, runContractCommitment: false },
        periods: [{ period, periodKind: 'full', billingPeriod: period }],
        charges: [{
          kind: 'recurring', invoiceNumber: 'INV-2026-01-01', amount: { amount: '100.00', currency: 'EUR' }, serviceId: 'line', status: 'active',
          period, periodKind: 'full', days: 31, periodDays: 31, unitPrice: { amount: '100.00', currency: 'EUR' }, quantity: 1,
        }],
        total: { amount: '100.00', currency: 'EUR' },
        billedThrough: '2026-02-01', nextBillDate: '2026-02-01', nextUsageBillDate: '2026-02-01',
        by: scheduler, at: '2026-01-01T02:00:00.000Z',
      },
    })]);
  });

  test('postpaid: a period is billed after it ends', () => {
    const postpaid = play([command(addJson({ options: { chargeFullPeriod: false, postpaid: true, chargeRecurringOnlyIfUsage: false } }))]);
    given(postpaid).when(january).then([]);
    const [billed] = decided(postpaid, february);
    expect(billed?.type === 'PackageBilled' && billed.data.periods.map((p) => p.period)).toEqual([{ start: '2026-01-01', end: '2026-02-01' }]);
    expect(billed?.type === 'PackageBilled' && billed.data.nextBillDate).toBe('2026-03-01');
  });

  test('billing the same period twice adds nothing, whatever the invoice number', () => {
    const billed = play([january], [added]);
    given(billed).when(january).then([]);
    given(billed).when(command(billJson('2026-01-01', '2026-02-01', { invoiceNumber: 'INV-OTHER' }))).then([]);
  });

  test('a package is billed only when its next bill date falls in the bill period: a missed date is refused, a later one bills nothing', () => {
    given([added]).when(february).thenRefuses('bill_date_missed', { nextBillDate: '2026-01-01' });
    given(play([january], [added])).when(command(billJson('2026-01-15', '2026-01-31'))).then([]);
  });

  test('every charge carries the invoice number, and one-time charges come with the first billing', () => {
    const charges = chargesOf(decided(fibreAdded, january));
    expect(charges.map((l) => `${l.kind} ${l.amount.amount.toFixed(2)}`)).toEqual(['recurring 50.00', 'recurring 10.00', 'one_time 99.00']);
    expect(new Set(charges.map((l) => l.invoiceNumber))).toEqual(new Set(['INV-2026-01-01']));
  });

  test('one-time charges are billed once only', () => {
    expect(lines(play([january], fibreAdded))).toEqual(['recurring internet 50.00', 'recurring voice 10.00']);
  });

  test('quantity multiplies every charge', () => {
    const three = play([command(addJson({ definition: fibre, quantity: 3, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: 'v' }] }))]);
    expect(lines(three, january)).toEqual(['recurring internet 150.00', 'recurring voice 30.00', 'one_time internet 297.00']);
  });

  test('each status has its own recurring price: a suspended service is charged its suspended price', () => {
    const suspended = play([january, command({ type: 'ChangeServiceStatus', accountPackageId: 'ap-1', instanceId: 'internet.1', status: 'suspended', effectiveOn: '2026-02-01', actor: manager, at })], fibreAdded);
    expect(lines(suspended)).toEqual(['recurring internet 5.00', 'recurring voice 10.00']);
  });

  test('transition charges are billed with the next billing after the status change', () => {
    const cancelled = play([january, command({ type: 'ChangeServiceStatus', accountPackageId: 'ap-1', instanceId: 'internet.1', status: 'cancelled', effectiveOn: '2026-02-01', actor: manager, at })], fibreAdded);
    expect(lines(cancelled)).toEqual(['recurring voice 10.00', 'transition internet 25.00']);
    expect(lines(play([february], cancelled), march)).toEqual(['recurring voice 10.00']);
  });

  test('a status change inside a period billed in advance is charged and credited pro rata at the next billing', () => {
    // January was billed at 50.00; from Jan 10 internet is suspended (5.00): 22 of 31 days x (5 - 50) = -31.94.
    const changed = play([january, command({ type: 'ChangeServiceStatus', accountPackageId: 'ap-1', instanceId: 'internet.1', status: 'suspended', actor: manager, at })], fibreAdded);
    expect(lines(changed)).toEqual(['recurring internet 5.00', 'recurring voice 10.00', 'adjustment internet -31.94']);
    expect(lines(play([february], changed), march)).toEqual(['recurring internet 5.00', 'recurring voice 10.00']);
  });

  test('an account-service added inside a period billed in advance is charged pro rata at the next billing', () => {
    const withIp = play([january, command({ type: 'AddAccountService', accountPackageId: 'ap-1', serviceId: 'static-ip', instances: [{ instanceId: 'ip-1' }], status: 'active', actor: manager, at })], fibreAdded);
    expect(lines(withIp)).toEqual(['recurring internet 50.00', 'recurring voice 10.00', 'recurring static-ip 5.00', 'adjustment static-ip 3.55']);
  });

  test('a non-billable status skips recurring charges only: one-time charges still apply and the dates still move', () => {
    const paused = play([command({ type: 'ChangePackageStatus', accountPackageId: 'ap-1', status: { code: 'on_hold', billable: false, readOnly: false }, actor: manager, at })], fibreAdded);
    expect(lines(paused, january)).toEqual(['one_time internet 99.00']);
    expect(packageOf(play([january], paused)).billedThrough).toBe('2026-02-01');
  });

  test('charge full period: a package that starts part-way through a period is charged the whole period', () => {
    const full = play([command(addJson({ effectiveDate: '2026-01-10', options: { chargeFullPeriod: true, postpaid: false, chargeRecurringOnlyIfUsage: false } }))]);
    expect(lines(full, january)).toEqual(['recurring line 100.00']);
    const prorated = play([command(addJson({ effectiveDate: '2026-01-10' }))]);
    expect(lines(prorated, january)).toEqual(['recurring line 70.97']);
  });

  test('charge recurring only if usage: a period without usage in the package is not charged its recurring prices', () => {
    const onlyIfUsage = play([command(addJson({ definition: fibre, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: 'v' }], options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: true } }))]);
    expect(lines(onlyIfUsage)).toEqual(['one_time internet 99.00']);
    const used = play([command({ type: 'RecordUsage', accountPackageId: 'ap-1', usageId: 'u1', instanceId: 'voice.1', on: '2026-01-05', quantity: '0', amount: { amount: '0', currency: 'EUR' }, actor: scheduler, at })], onlyIfUsage);
    expect(lines(used)).toEqual(['recurring internet 50.00', 'recurring voice 10.00', 'one_time internet 99.00']);
  });

  test('usage is billed up to the usage bill date, with any earlier usage not yet billed', () => {
    const usage = (id: string, on: string, amount: string) => command({ type: 'RecordUsage', accountPackageId: 'ap-1', usageId: id, instanceId: 'voice.1', on, quantity: '3', amount: { amount, currency: 'EUR' }, actor: scheduler, at });
    const withUsage = play([january, usage('u1', '2026-01-05', '1.50'), usage('u2', '2026-01-20', '2.00'), usage('u3', '2026-02-03', '9.00')], fibreAdded);
    const usageFebruary = command(billJson('2026-02-01', '2026-03-01', { billUsage: true }));
    expect(lines(withUsage, usageFebruary)).toEqual(['recurring internet 50.00', 'recurring voice 10.00', 'usage voice 3.50']);
    const late = play([usageFebruary, usage('u4', '2026-01-25', '0.25')], withUsage);
    expect(lines(late, command(billJson('2026-03-01', '2026-04-01', { billUsage: true })))).toEqual(['recurring internet 50.00', 'recurring voice 10.00', 'usage voice 9.25']);
    expect(packageOf(late).usageBilledThrough).toBe('2026-02-01');
  });

  test('invoice top-up lifts a billing below the contract\'s minimum invoice amount to it', () => {
    const contract = { contractId: 'c1', startDate: '2026-01-01', termMonths: 12, renewal: 'expire', minimumInvoiceAmount: { amount: '120.00', currency: 'EUR' } };
    const withContract = play([command(addJson({ contract }))]);
    expect(lines(withContract, command(billJson('2026-01-01', '2026-02-01', { invoiceTopUp: true })))).toEqual(['recurring line 100.00', 'top_up 20.00']);
    expect(lines(withContract, january)).toEqual(['recurring line 100.00']);
  });

  test('invoice top-up needs charges or usage to bill', () => {
    given([added]).when(command(billJson('2026-01-01', '2026-02-01', { billCharges: false, invoiceTopUp: true }))).thenRefuses('top_up_needs_billing');
  });

  test('an invoice number stamps one billing of a package', () => {
    given(play([january], [added])).when(command(billJson('2026-02-01', '2026-03-01', { invoiceNumber: 'INV-2026-01-01' }))).thenRefuses('invoice_number_already_used');
  });

  test('billing activation by usage: billing starts on the day usage reaches the activation quantity', () => {
    const definition = { ...singleService('100.00'), services: [{ ...singleService('100.00').services[0], usageBased: true }], billingActivation: { type: 'after_usage', quantity: '10' } };
    const waiting = play([command(addJson({ definition, serviceDetails: [{ instanceId: 'line.1', usageIdentifier: 'sim-1' }] }))]);
    given(waiting).when(january).then([]);
    const use = (id: string, on: string, quantity: string) => command({ type: 'RecordUsage', accountPackageId: 'ap-1', usageId: id, instanceId: 'line.1', on, quantity, amount: { amount: '0', currency: 'EUR' }, actor: scheduler, at });
    const [recorded, activated] = decided(play([use('u1', '2026-01-05', '6')], waiting), use('u2', '2026-01-16', '4'));
    expect(recorded?.type).toBe('UsageRecorded');
    expect(activated).toMatchObject({ type: 'AccountPackageBillingActivated', data: { activatedOn: '2026-01-16', nextBillDate: '2026-01-16' } });
    expect(lines(play([use('u1', '2026-01-05', '6'), use('u2', '2026-01-16', '4')], waiting), january)).toEqual(['recurring line 51.61']);
  });

  test('a bill period is at most ten years', () => {
    given([added]).when(command(billJson('2026-01-01', '2036-03-01'))).thenRefuses('bill_period_too_long');
  });

  test('the Accounts team and the scheduler bill; other staff may not', () => {
    given([added]).when(command(billJson('2026-01-01', '2026-02-01', { actor: manager }))).thenRefuses('forbidden', { permission: 'account-package:bill' });
    expect(lines([added], command(billJson('2026-01-01', '2026-02-01', { actor: accounts })))).toEqual(['recurring line 100.00']);
  });
});
