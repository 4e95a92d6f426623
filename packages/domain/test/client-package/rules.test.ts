import * as E from 'fp-ts/Either';
import { clientPackage, fold, type ClientPackageEvent } from '../../src';
import { assignJson, callJson, chargeJson, command, given, manager, noOptions, operator, play, runJson, seedPackage } from './fixtures';

const stateAfter = (history: ClientPackageEvent[]) => {
  const s = fold(clientPackage, history);
  if (s.kind !== 'assigned') throw new Error('not assigned');
  return s;
};
const last = (history: ClientPackageEvent[]) => history[history.length - 1];
const assigned = () => play([assignJson()]).history;
const active = () => play([assignJson(), runJson('2017-10-01T00:00:00Z')]).history;

describe('assigning a package', () => {
  test('an assigned package starts pending', () => {
    const history = assigned();
    expect(history.map((e) => e.type)).toEqual(['ClientPackageAssigned']);
    expect(stateAfter(history).status).toBe('pending');
  });

  test('assigning the same package again changes nothing', () => {
    given(assigned()).when(command(assignJson())).then([]);
  });

  test('a different package under an existing id is refused', () => {
    given(assigned()).when(command(assignJson({ quantity: 2 }))).thenRefuses('client_package_exists');
  });

  test('the end date must come after the start date', () => {
    given([]).when(command(assignJson({ endDate: '2017-10-01T00:00:00Z' }))).thenRefuses('end_date_before_start');
  });

  test('activation and subscription fees must share a currency', () => {
    given([]).when(command(assignJson({ package: { ...seedPackage, activationFee: { amount: '5', currency: 'EUR' } } }))).thenRefuses('fee_currency_mismatch');
  });

  test('two limits on the same prefix and kind are refused', () => {
    given([]).when(command(assignJson({ package: { ...seedPackage, limits: [...seedPackage.limits, { type: 'volume', prefix: '38044', minutes: '5' }] } }))).thenRefuses('duplicate_limit');
  });

  test.each([0, 10_001, 1.5])('quantity %p is a decode error at "quantity"', (quantity) => {
    expect(() => command(assignJson({ quantity }))).toThrow(/quantity/);
  });

  test('only staff assign packages', () => {
    given([]).when(command(assignJson({ actor: manager }))).thenRefuses('forbidden');
    given([]).when(command(assignJson({ actor: { kind: 'client', userId: 'rose', companyId: 'rose', role: 'admin' } }))).thenRefuses('forbidden');
  });
});

describe('activation by the package manager', () => {
  test('a package stays pending before its start date, and the run says why', () => {
    given(assigned()).when(command(runJson('2017-09-30T23:59:59Z'))).thenRefuses('start_date_not_reached');
  });

  test('activates when the start date has come and the balance covers activation + subscription fees', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z', '25.00')]);
    const activated = last(history);
    expect(activated?.type).toBe('ClientPackageActivated');
    if (activated?.type !== 'ClientPackageActivated') return;
    expect(activated.data.fees.map((f) => `${f.amount.toFixed(2)} ${f.currency}`)).toEqual(['5.00 USD', '20.00 USD']);
    expect(activated.data.period).toEqual({ number: 1, start: '2017-10-01T00:00:00.000Z', end: '2017-11-01T00:00:00.000Z' });
    expect(stateAfter(history).status).toBe('active');
  });

  test('stays pending when the balance does not cover the fees, and the run reports what is needed', () => {
    given(assigned()).when(command(runJson('2017-10-01T00:00:00Z', '24.99'))).thenRefuses('insufficient_balance', { required: '25', balance: '24.99' });
  });

  test('a balance in another currency is refused, not converted', () => {
    given(assigned()).when(command(runJson('2017-10-01T00:00:00Z', '1000', 'EUR'))).thenRefuses('balance_currency_mismatch');
  });

  test('quantity multiplies the limits and the fees', () => {
    const { history } = play([assignJson({ quantity: 3 }), runJson('2017-10-01T00:00:00Z')]);
    const activated = last(history);
    if (activated?.type !== 'ClientPackageActivated') throw new Error('not activated');
    expect(activated.data.limits.map((l) => (l.type === 'volume' ? `${l.prefix}:${l.minutes.toFixed()} min` : `${l.prefix}:${l.amount.amount.toFixed(2)}`))).toEqual(['380:300.00', '38044:300 min']);
    expect(activated.data.fees.map((f) => f.amount.toFixed(2))).toEqual(['15.00', '60.00']);
  });

  test('activated late without "activate in the past", the first period starts at the run', () => {
    const { history } = play([assignJson(), runJson('2017-10-05T09:02:33Z')]);
    const activated = last(history);
    if (activated?.type !== 'ClientPackageActivated') throw new Error('not activated');
    expect(activated.data.period.start).toBe('2017-10-05T09:02:33.000Z');
    expect(activated.data.rerate).toBeUndefined();
  });

  test('"activate in the past" starts the first period at the past start date and flags the re-rate', () => {
    const { history } = play([assignJson({ activateInPast: true, at: '2017-10-20T00:00:00Z' }), runJson('2017-10-20T08:00:00Z')]);
    const activated = last(history);
    if (activated?.type !== 'ClientPackageActivated') throw new Error('not activated');
    expect(activated.data.period.start).toBe('2017-10-01T00:00:00.000Z');
    expect(activated.data.rerate).toEqual({ from: '2017-10-01T00:00:00.000Z', to: '2017-10-20T08:00:00.000Z' });
  });
});

describe('renewal', () => {
  test('the seed\'s example: 100.00 USD on 380 and 100 min on 38044, renewed monthly from 2017-10-01 over four periods', () => {
    const { history, refusals } = play([
      assignJson({ activateInPast: true }),
      runJson('2017-10-01T00:00:00Z'),
      runJson('2017-11-01T00:00:00Z'),
      runJson('2017-12-01T00:00:00Z'),
      runJson('2018-01-01T00:00:00Z'),
    ]);
    expect(refusals).toEqual([]);
    const periods = history.flatMap((e) => (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed'
      ? [[e.data.period.start.slice(0, 10), e.data.period.end.slice(0, 10), e.data.limits.map((l) => (l.type === 'money' ? `${l.prefix} ${l.amount.amount.toFixed(2)} ${l.amount.currency}` : `${l.prefix} ${l.minutes.toFixed(2)} min`)).join(' ')]]
      : []));
    expect(periods).toEqual([
      ['2017-10-01', '2017-11-01', '380 100.00 USD 38044 100.00 min'],
      ['2017-11-01', '2017-12-01', '380 100.00 USD 38044 100.00 min'],
      ['2017-12-01', '2018-01-01', '380 100.00 USD 38044 100.00 min'],
      ['2018-01-01', '2018-02-01', '380 100.00 USD 38044 100.00 min'],
    ]);
    expect(stateAfter(history).reactivations).toBe(4);
  });

  test('each period renews on time from the previous end, even when the run comes a little later', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:05:00Z')]);
    const renewed = last(history);
    if (renewed?.type !== 'ClientPackageRenewed') throw new Error('not renewed');
    expect(renewed.data.period).toEqual({ number: 2, start: '2017-11-01T00:00:00.000Z', end: '2017-12-01T00:00:00.000Z' });
    expect(renewed.data.late).toBe(false);
  });

  test('limits reset with each period', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '380441234', '100', '2017-10-10T00:00:00Z'), runJson('2017-11-01T00:00:00Z'), callJson('u2', '380441234', '30', '2017-11-02T00:00:00Z')]);
    const rated = last(history);
    if (rated?.type !== 'UsageRatedAgainstLimits') throw new Error('not rated');
    expect([rated.data.consumed.toFixed(), rated.data.overflow.toFixed(), rated.data.periodNumber]).toEqual(['30', '0', 2]);
  });

  test('a renewal the balance cannot cover is deferred once, and the run keeps reporting why', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:00:00Z', '10.00')]);
    expect(last(history)?.type).toBe('ClientPackageRenewalDeferred');
    given(history).when(command(runJson('2017-11-01T06:00:00Z', '10.00'))).thenRefuses('insufficient_balance');
  });

  test('a renewal that comes late starts its period late and flags the re-rate window', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:00:00Z', '10.00'), runJson('2017-11-03T12:00:00Z', '50.00')]);
    const renewed = last(history);
    if (renewed?.type !== 'ClientPackageRenewed') throw new Error('not renewed');
    expect(renewed.data.late).toBe(true);
    expect(renewed.data.period).toEqual({ number: 2, start: '2017-11-03T12:00:00.000Z', end: '2017-12-03T12:00:00.000Z' });
    expect(renewed.data.rerate).toEqual({ from: '2017-11-01T00:00:00.000Z', to: '2017-11-03T12:00:00.000Z' });
  });

  test('monthly periods from the 31st clamp to month end without drifting', () => {
    const runs = ['2018-01-31', '2018-02-28', '2018-03-31', '2018-04-30', '2018-05-31'].map((d) => runJson(`${d}T00:00:00Z`));
    const { history } = play([assignJson({ startDate: '2018-01-31T00:00:00Z', at: '2018-01-01T00:00:00Z' }), ...runs]);
    expect(history.flatMap((e) => (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed' ? [e.data.period.end.slice(0, 10)] : [])))
      .toEqual(['2018-02-28', '2018-03-31', '2018-04-30', '2018-05-31', '2018-06-30']);
  });

  test('past the end date the package stops renewing and is archived', () => {
    const { history } = play([assignJson({ endDate: '2017-11-15T00:00:00Z' }), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:00:00Z'), runJson('2017-11-15T00:00:00Z')]);
    expect(history.map((e) => e.type)).toEqual(['ClientPackageAssigned', 'ClientPackageActivated', 'ClientPackageRenewed', 'ClientPackageArchived']);
    expect(stateAfter(history).status).toBe('archived');
  });

  test('a period that would begin at or after the end date is not started', () => {
    const { history } = play([assignJson({ endDate: '2017-11-01T00:00:00Z' }), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:00:00Z')]);
    expect(last(history)?.type).toBe('ClientPackageArchived');
  });
});

describe('rating usage', () => {
  test('the longest matching destination prefix wins', () => {
    const { history } = play([...[assignJson(), runJson('2017-10-01T00:00:00Z')], chargeJson('c1', '3804412345', '2.50', '2017-10-02T00:00:00Z'), callJson('u1', '3804412345', '3', '2017-10-02T00:00:00Z')]);
    const [charge, call] = history.slice(-2);
    expect(charge?.type === 'UsageRatedAgainstLimits' && charge.data.prefix).toBe('380');
    expect(call?.type === 'UsageRatedAgainstLimits' && call.data.prefix).toBe('38044');
  });

  test('consumption never exceeds the limit; the remainder is reported as overflow', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '38044111', '80', '2017-10-02T00:00:00Z'), callJson('u2', '38044111', '30', '2017-10-03T00:00:00Z')]);
    const rated = last(history);
    if (rated?.type !== 'UsageRatedAgainstLimits') throw new Error('not rated');
    expect([rated.data.requested.toFixed(), rated.data.consumed.toFixed(), rated.data.overflow.toFixed()]).toEqual(['30', '20', '10']);
  });

  test('usage to a destination no limit covers is all overflow', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '4420711', '5', '2017-10-02T00:00:00Z')]);
    const rated = last(history);
    if (rated?.type !== 'UsageRatedAgainstLimits') throw new Error('not rated');
    expect([rated.data.consumed.toFixed(), rated.data.overflow.toFixed(), rated.data.prefix]).toEqual(['0', '5', undefined]);
  });

  test('a money charge in another currency does not draw on a USD limit', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), chargeJson('c1', '380111', '3.00', '2017-10-02T00:00:00Z', 'EUR')]);
    const rated = last(history);
    expect(rated?.type === 'UsageRatedAgainstLimits' && rated.data.overflow.toFixed()).toBe('3');
  });

  test('a usage record id is consumed at most once; the same id with other content is refused', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '38044111', '10', '2017-10-02T00:00:00Z')]);
    given(history).when(command(callJson('u1', '38044111', '10', '2017-10-02T00:00:00Z'))).then([]);
    given(history).when(command(callJson('u1', '38044111', '11', '2017-10-02T00:00:00Z'))).thenRefuses('usage_id_conflict');
  });

  test('usage after the period ended but before the renewal is refused, for normal rating and a later re-rate', () => {
    given(active()).when(command(callJson('u1', '38044111', '1', '2017-11-01T00:00:00Z'))).thenRefuses('period_not_renewed');
  });

  test('usage before the current period is refused: a period\'s usage never lands in another', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), runJson('2017-11-01T00:00:00Z')]);
    given(history).when(command(callJson('u1', '38044111', '1', '2017-10-31T23:00:00Z'))).thenRefuses('usage_before_current_period');
  });

  test('a pending package rates nothing', () => {
    given(assigned()).when(command(callJson('u1', '38044111', '1', '2017-10-02T00:00:00Z'))).thenRefuses('package_not_active');
  });
});

describe('stopping, cancelling, editing, archiving, deleting', () => {
  const stopStart = { type: 'StopAtPeriodStart', clientPackageId: 'cp-1', actor: operator, at: '2017-10-20T00:00:00Z' };
  const manage = (type: string, extra: Record<string, unknown> = {}, at = '2017-10-20T00:00:00Z') => ({ type, clientPackageId: 'cp-1', actor: operator, at, ...extra });

  test('the usage sent back by a stop is every record of the period, in the order it was rated', () => {
    const ids = ['u3', 'u1', 'u12', 'u2', 'u10', 'u7', 'u11', 'u4', 'u9', 'u5', 'u8', 'u6'];
    const calls = ids.map((id, i) => callJson(id, '38044111', '1', `2017-10-${String(2 + i).padStart(2, '0')}T00:00:00Z`));
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), ...calls, stopStart]);
    const stopped = last(history);
    if (stopped?.type !== 'ClientPackageStoppedAtPeriodStart') throw new Error('not stopped');
    expect(stopped.data.returnedUsageIds).toEqual(ids);
  });

  test('stopping at the beginning of the period returns its fees and sends its usage back to normal rating', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '38044111', '10', '2017-10-02T00:00:00Z'), stopStart]);
    const stopped = last(history);
    if (stopped?.type !== 'ClientPackageStoppedAtPeriodStart') throw new Error('not stopped');
    expect(stopped.data.refundedFees.map((f) => f.amount.toFixed(2))).toEqual(['5.00', '20.00']);
    expect(stopped.data.returnedUsageIds).toEqual(['u1']);
    const state = stateAfter(history);
    expect(state.status).toBe('stopped');
    expect(state.current?.limits.every((l) => l.used.isZero())).toBe(true);
  });

  test('a stopped package is archived by the next run and never renews', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), stopStart, runJson('2017-11-01T00:00:00Z')]);
    expect(last(history)?.type === 'ClientPackageArchived' && last(history)?.data).toMatchObject({ reason: 'stopped' });
  });

  test('stopping at the end of the period lets it run out, then archives it instead of renewing', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), manage('StopAtPeriodEnd'), callJson('u1', '38044111', '1', '2017-10-25T00:00:00Z'), runJson('2017-11-01T00:00:00Z')]);
    expect(history.map((e) => e.type).slice(2)).toEqual(['ClientPackageStopScheduled', 'UsageRatedAgainstLimits', 'ClientPackageArchived']);
  });

  test('cancelling stops use at once; cancelling twice changes nothing', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), manage('CancelClientPackage')]);
    given(history).when(command(callJson('u1', '38044111', '1', '2017-10-21T00:00:00Z'))).thenRefuses('package_not_active');
    given(history).when(command(manage('CancelClientPackage'))).then([]);
  });

  test('the end date can be edited, never to before the start', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), manage('ChangeEndDate', { endDate: '2017-12-15T00:00:00Z' })]);
    expect(stateAfter(history).endDate).toBe('2017-12-15T00:00:00.000Z');
    given(history).when(command(manage('ChangeEndDate', { endDate: '2017-09-01T00:00:00Z' }))).thenRefuses('end_date_before_start');
  });

  test('a renamed package shows the new name while recorded events keep the old one', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), manage('RenameClientPackage', { name: 'Volume Plus' }), runJson('2017-11-01T00:00:00Z')]);
    expect(stateAfter(history).name).toBe('Volume Plus');
    const names = history.flatMap((e) => (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed' ? [e.data.packageName] : []));
    expect(names).toEqual(['Test Package with volume and credit limits', 'Volume Plus']);
  });

  test('an active package cannot be archived; stop or cancel it first', () => {
    given(active()).when(command(manage('ArchiveClientPackage'))).thenRefuses('package_still_active');
  });

  test('a package is deleted entirely only from the archive, and nothing can touch it after', () => {
    given(active()).when(command(manage('DeleteClientPackage'))).thenRefuses('not_archived');
    const { history } = play([assignJson(), manage('CancelClientPackage', {}, '2017-09-21T00:00:00Z'), manage('ArchiveClientPackage', {}, '2017-09-21T00:00:00Z'), manage('DeleteClientPackage', {}, '2017-09-22T00:00:00Z')]);
    expect(history.map((e) => e.type)).toEqual(['ClientPackageAssigned', 'ClientPackageCancelled', 'ClientPackageArchived', 'ClientPackageDeleted']);
    given(history).when(command(runJson('2017-10-01T00:00:00Z'))).thenRefuses('client_package_deleted');
    given(history).when(command(manage('DeleteClientPackage'))).then([]);
  });
});

describe('the seed\'s flags (docs/decisions/0002-client-package-flags.md)', () => {
  test('charge on event: activation needs only the activation fee; the subscription is charged with the period\'s first usage', () => {
    const options = { ...noOptions, chargeOnEvent: true };
    const { history } = play([assignJson({ options }), runJson('2017-10-01T00:00:00Z', '5.00'), callJson('u1', '38044111', '1', '2017-10-02T00:00:00Z'), callJson('u2', '38044111', '1', '2017-10-03T00:00:00Z')]);
    const fees = history.flatMap((e) => (e.type === 'ClientPackageActivated' || e.type === 'UsageRatedAgainstLimits' ? [e.data.fees.map((f) => f.amount.toFixed(2)).join('+') || '-'] : []));
    expect(fees).toEqual(['5.00', '20.00', '-']);
  });

  test('align to payment terms: the first period ends on the 1st of the next month', () => {
    const options = { ...noOptions, alignToPaymentTerms: true };
    const { history } = play([assignJson({ options, startDate: '2017-10-16T00:00:00Z' }), runJson('2017-10-16T00:00:00Z'), runJson('2017-11-01T00:00:00Z')]);
    expect(history.flatMap((e) => (e.type === 'ClientPackageActivated' || e.type === 'ClientPackageRenewed' ? [[e.data.period.start.slice(0, 10), e.data.period.end.slice(0, 10)]] : [])))
      .toEqual([['2017-10-16', '2017-11-01'], ['2017-11-01', '2017-12-01']]);
  });

  test('recalculate to period: a shortened first period gets prorated fees and limits (16 of 31 days)', () => {
    const options = { ...noOptions, alignToPaymentTerms: true, recalculateToPeriod: true };
    const { history } = play([assignJson({ options, startDate: '2017-10-16T00:00:00Z' }), runJson('2017-10-16T00:00:00Z')]);
    const activated = last(history);
    if (activated?.type !== 'ClientPackageActivated') throw new Error('not activated');
    expect(activated.data.fees.map((f) => f.amount.toFixed(2))).toEqual(['5.00', '10.32']);
    expect(activated.data.limits.map((l) => (l.type === 'volume' ? l.minutes.toFixed() : l.amount.amount.toFixed(2)))).toEqual(['51.61', '51.6129']);
    expect(activated.data.proration.toFixed(6)).toBe('0.516129');
  });
});

test('the package manager may not assign, and staff may run the manager by hand', () => {
  given([]).when(command(assignJson({ actor: manager }))).thenRefuses('forbidden');
  const outcome = given(assigned()).when(command({ ...runJson('2017-10-01T00:00:00Z'), actor: operator })).outcome;
  expect(E.isRight(outcome)).toBe(true);
});
