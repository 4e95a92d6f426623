import { contractTermOn, type LocalDate, type PackageContract } from '../../src';
import { added, addJson, billJson, chargesOf, command, decided, event, fibreAdded, given, manager, packageOf, play, sales, scheduler } from './fixtures';

const at = '2026-01-10T09:00:00.000Z';
const january = command(billJson('2026-01-01', '2026-02-01'));
const february = command(billJson('2026-02-01', '2026-03-01'));
const cancel = (cancellationDate: string, more: Record<string, unknown> = {}) => command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate, actor: sales, at, ...more });
const billedJanuary = play([january], [added]);
const rows = (events: Parameters<typeof chargesOf>[0]) => chargesOf(events).map((l) => `${l.kind} ${l.amount.amount.toFixed(2)}`);

describe('cancelling a package', () => {
  test('cancelling schedules the cancellation on its date, with a billing option for the final period', () => {
    given(billedJanuary).when(cancel('2026-02-15')).then([event({
      type: 'AccountPackageCancellationScheduled',
      data: { accountPackageId: 'ap-1', cancellationDate: '2026-02-15', billingOption: 'prorate', waiveEarlyTerminationFee: false, nextBillDate: '2026-02-01', by: sales, at },
    })]);
  });

  test('the cancellation takes effect when billing reaches its date: the final period is billed and the package cancelled', () => {
    const events = decided(play([cancel('2026-02-15')], billedJanuary), february);
    expect(events.map((e) => e.type)).toEqual(['PackageBilled', 'AccountPackageCancelled']);
    expect(rows(events)).toEqual(['recurring 50.00']);
    expect(events[1]).toMatchObject({ data: { cancellationDate: '2026-02-15', billingOption: 'prorate', status: { code: 'cancelled', billable: false, readOnly: true } } });
  });

  test('refuses a cancellation date inside a period already billed', () => {
    given(billedJanuary).when(cancel('2026-01-20')).thenRefuses('cancellation_in_billed_period', { cancellationDate: '2026-01-20', billedThrough: '2026-02-01' });
  });

  test('accepts a cancellation on the billed-through date: nothing more is charged', () => {
    const events = decided(play([cancel('2026-02-01')], billedJanuary), february);
    expect(events.map((e) => e.type)).toEqual(['AccountPackageCancelled']);
  });

  test('refuses a cancellation date on or before the effective date (delete a package never billed instead)', () => {
    given([added]).when(cancel('2026-01-01')).thenRefuses('cancellation_before_effective_date');
  });

  test.each([
    ['prorate', ['recurring 50.00']],
    ['charge_full_period', ['recurring 100.00']],
    ['no_charge', []],
  ])('the final partial period under "%s"', (billingOption, expected) => {
    expect(rows(decided(play([cancel('2026-02-15', { billingOption })], billedJanuary), february))).toEqual(expected);
  });

  test('the billing option defaults to the package\'s charge-full-period setting', () => {
    const full = play([command(addJson({ options: { chargeFullPeriod: true, postpaid: false, chargeRecurringOnlyIfUsage: false } })), january]);
    const [scheduled] = decided(full, cancel('2026-02-15'));
    expect(scheduled).toMatchObject({ data: { billingOption: 'charge_full_period' } });
  });

  test('prepaid: the final period is billed at its start, and the package cancelled by the billing whose period contains the date', () => {
    const early = play([cancel('2026-02-15'), command(billJson('2026-02-01', '2026-02-10'))], billedJanuary);
    expect(packageOf(early)).toMatchObject({ lifecycle: 'open', billedThrough: '2026-02-15' });
    expect(decided(early, command(billJson('2026-02-10', '2026-03-01'))).map((e) => e.type)).toEqual(['AccountPackageCancelled']);
  });

  test('postpaid: the final period is billed on the cancellation date', () => {
    const postpaid = play([command(addJson({ options: { chargeFullPeriod: false, postpaid: true, chargeRecurringOnlyIfUsage: false } })), cancel('2026-01-15')]);
    const events = decided(postpaid, january);
    expect(events.map((e) => e.type)).toEqual(['PackageBilled', 'AccountPackageCancelled']);
    expect(rows(events)).toEqual(['recurring 45.16']);
  });

  test('a cancelled package accepts no changes, and billing it again adds nothing', () => {
    const cancelled = play([cancel('2026-02-15'), february], billedJanuary);
    given(cancelled).when(command({ type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'line', status: 'active', price: { amount: '1.00', currency: 'EUR' }, actor: sales, at })).thenRefuses('package_cancelled');
    given(cancelled).when(command(billJson('2026-03-01', '2026-04-01'))).then([]);
  });

  test('usage is recorded only before the cancellation date', () => {
    const cancelling = play([cancel('2026-02-15')], fibreAdded);
    given(cancelling).when(command({ type: 'RecordUsage', accountPackageId: 'ap-1', usageId: 'u', instanceId: 'voice.1', on: '2026-02-15', quantity: '1', amount: { amount: '0.10', currency: 'EUR' }, actor: scheduler, at }))
      .thenRefuses('usage_outside_service');
  });

  test('the same cancellation again changes nothing; another date reschedules it', () => {
    const scheduled = play([cancel('2026-02-15')], billedJanuary);
    given(scheduled).when(cancel('2026-02-15')).then([]);
    expect(decided(scheduled, cancel('2026-03-10'))).toMatchObject([{ data: { cancellationDate: '2026-03-10' } }]);
  });

  test('cancelling is for sales and the Accounts team', () => {
    given(billedJanuary).when(cancel('2026-02-15', { actor: manager })).thenRefuses('forbidden', { permission: 'account-package:cancel' });
  });
});

describe('deleting a package', () => {
  const del = command({ type: 'DeleteAccountPackage', accountPackageId: 'ap-1', reason: 'added by mistake', actor: sales, at });

  test('a package never billed can be deleted', () => {
    given([added]).when(del).then([event({ type: 'AccountPackageDeleted', data: { accountPackageId: 'ap-1', reason: 'added by mistake', by: sales, at } })]);
  });

  test('a billed package cannot be deleted: cancel it instead', () => {
    given(billedJanuary).when(del).thenRefuses('package_already_billed');
  });

  test('a deleted package refuses everything; deleting it again changes nothing', () => {
    const deleted = play([del], [added]);
    given(deleted).when(del).then([]);
    given(deleted).when(january).thenRefuses('package_deleted');
  });
});

describe('package contracts', () => {
  const contract = { contractId: 'c-24', startDate: '2026-01-01', termMonths: 12, renewal: 'expire', earlyTerminationFee: { amount: '150.00', currency: 'EUR' } };
  const withContract = play([command({ type: 'SetPackageContract', accountPackageId: 'ap-1', contract, actor: sales, at }), january], [added]);
  const commitment = (start: string, end: string, more: Record<string, unknown> = {}) => command(billJson(start, end, { runContractCommitment: true, ...more }));

  test('a contract is set, replaced and removed', () => {
    given([added]).when(command({ type: 'SetPackageContract', accountPackageId: 'ap-1', contract, actor: sales, at }))
      .then([event({ type: 'PackageContractSet', data: { accountPackageId: 'ap-1', contract, by: sales, at } })]);
    given(withContract).when(command({ type: 'SetPackageContract', accountPackageId: 'ap-1', contract, actor: sales, at })).then([]);
    given(withContract).when(command({ type: 'RemovePackageContract', accountPackageId: 'ap-1', actor: sales, at }))
      .then([event({ type: 'PackageContractRemoved', data: { accountPackageId: 'ap-1', contractId: 'c-24', by: sales, at } })]);
  });

  test('cancelling before the term ends owes the early-termination fee, charged by the billing that runs the contract commitment', () => {
    const events = decided(play([cancel('2026-02-15')], withContract), commitment('2026-02-01', '2026-03-01'));
    expect(rows(events)).toEqual(['recurring 50.00', 'early_termination_fee 150.00']);
    expect(events[1]).toMatchObject({ type: 'AccountPackageCancelled', data: { earlyTerminationFee: { contractId: 'c-24' }, earlyTerminationFeeInvoice: 'INV-2026-02-01' } });
  });

  test('a fee owed but not charged is charged by a later billing that runs the contract commitment, whatever its bill period', () => {
    const owed = play([cancel('2026-02-15'), february], withContract);
    expect(packageOf(owed).pendingTerminationFee?.amount.amount.toFixed(2)).toBe('150.00');
    const later = commitment('2025-06-01', '2025-07-01', { invoiceNumber: 'INV-FEE' });
    expect(rows(decided(owed, later))).toEqual(['early_termination_fee 150.00']);
    given(play([later], owed)).when(commitment('2026-03-01', '2026-04-01')).then([]);
  });

  test('a waived fee is not charged', () => {
    const events = decided(play([cancel('2026-02-15', { waiveEarlyTerminationFee: true })], withContract), commitment('2026-02-01', '2026-03-01'));
    expect(rows(events)).toEqual(['recurring 50.00']);
  });

  test('no fee once the term is over', () => {
    const yearLater = play([command(billJson('2026-02-01', '2027-01-01'))], withContract);
    expect(rows(decided(play([cancel('2027-01-01')], yearLater), commitment('2027-01-01', '2027-02-01')))).toEqual([]);
  });

  test.each<[string, Partial<PackageContract>, string, [string, string] | undefined]>([
    ['inside the only term', { renewal: 'expire' }, '2026-06-30', ['2026-01-31', '2027-01-31']],
    ['after an expiring term', { renewal: 'expire' }, '2027-01-31', undefined],
    ['before the start', { renewal: 'renew' }, '2026-01-30', undefined],
    ['in the third term of a renewing contract, counted from the start (no drift from Feb 28)', { renewal: 'renew', termMonths: 1 }, '2026-04-15', ['2026-03-31', '2026-04-30']],
    ['renewing terms counted from the start date', { renewal: 'renew' }, '2028-02-15', ['2028-01-31', '2029-01-31']],
  ])('the contract term on a day: %s', (_what, terms, day, expected) => {
    const c = { contractId: 'c', startDate: '2026-01-31', termMonths: 12, renewal: 'renew', ...terms } as PackageContract;
    const term = contractTermOn(c, day as LocalDate);
    expect(term === undefined ? undefined : [term.start, term.end]).toEqual(expected === undefined ? undefined : expected);
  });
});
