/**
 * Proration tables in the style of Kill Bill's invoice tests (TestLeadingProRation,
 * TestTrailingProRation, TestDoubleProRation for monthly, quarterly and annual billing),
 * with exact amounts: one service at 100.00 (or 249.95) per period, prepaid, billed by one
 * bill period from the effective date up to (not including) `billUntil`. Each row lists
 * every recurring line as [first day, first day after, amount].
 */
import { billDateInMonth, countsAsFullPeriodForTiers, monthIndexOf, prorate, prorationFactor, roundMoney, money, type LocalDate } from '../../src';
import { accounts, addJson, billJson, command, packageOf, play, recurringRows, singleService } from './fixtures';

type Row = [string, string, string];

interface Setup {
  readonly frequency: string;
  readonly start: string;
  readonly billDay: number;
  readonly cancelOn?: string;
  readonly price?: string;
}

const bill = (s: Setup, billUntil: string) => {
  const events = play([
    command(addJson({ frequency: s.frequency, effectiveDate: s.start, billDay: s.billDay, definition: singleService(s.price ?? '100.00'), at: `${s.start}T00:00:00Z` })),
    ...(s.cancelOn === undefined ? [] : [command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: s.cancelOn, actor: accounts, at: `${s.start}T00:00:00Z` })]),
    command(billJson(s.start, billUntil)),
  ]);
  return { rows: recurringRows(events), events };
};

describe('leading proration: from the effective date to the first bill date, over the whole billing period that ends there', () => {
  test.each<[string, Setup, string, Row[]]>([
    ['monthly, billed on the start date: 12 of the 31 days from 2011-01-13', { frequency: 'monthly', start: '2011-02-01', billDay: 13 }, '2011-02-02', [['2011-02-01', '2011-02-13', '38.71']]],
    ['monthly, billed inside the prorated period', { frequency: 'monthly', start: '2011-02-01', billDay: 13 }, '2011-02-05', [['2011-02-01', '2011-02-13', '38.71']]],
    ['monthly, billed through the first bill date', { frequency: 'monthly', start: '2011-02-01', billDay: 13 }, '2011-02-14', [['2011-02-01', '2011-02-13', '38.71'], ['2011-02-13', '2011-03-13', '100.00']]],
    ['monthly, billed after the first period', { frequency: 'monthly', start: '2011-02-01', billDay: 13 }, '2011-04-14',
      [['2011-02-01', '2011-02-13', '38.71'], ['2011-02-13', '2011-03-13', '100.00'], ['2011-03-13', '2011-04-13', '100.00'], ['2011-04-13', '2011-05-13', '100.00']]],
    ['monthly with an end date on a bill date, billed after it', { frequency: 'monthly', start: '2011-02-01', billDay: 13, cancelOn: '2011-04-13' }, '2011-04-20',
      [['2011-02-01', '2011-02-13', '38.71'], ['2011-02-13', '2011-03-13', '100.00'], ['2011-03-13', '2011-04-13', '100.00']]],
    ['monthly at 249.95', { frequency: 'monthly', start: '2011-02-01', billDay: 13, price: '249.95' }, '2011-02-02', [['2011-02-01', '2011-02-13', '96.75']]],
    ['quarterly: 12 of the 92 days from 2010-11-13', { frequency: 'quarterly', start: '2011-02-01', billDay: 13 }, '2011-02-02', [['2011-02-01', '2011-02-13', '13.04']]],
    ['quarterly, billed through the first bill date', { frequency: 'quarterly', start: '2011-02-01', billDay: 13 }, '2011-02-14', [['2011-02-01', '2011-02-13', '13.04'], ['2011-02-13', '2011-05-13', '100.00']]],
    ['yearly: 12 of the 365 days from 2010-02-13', { frequency: 'yearly', start: '2011-02-01', billDay: 13 }, '2011-02-02', [['2011-02-01', '2011-02-13', '3.29']]],
    ['yearly, billed through the first bill date', { frequency: 'yearly', start: '2011-02-01', billDay: 13 }, '2011-02-14', [['2011-02-01', '2011-02-13', '3.29'], ['2011-02-13', '2012-02-13', '100.00']]],
  ])('%s', (_what, setup, billUntil, expected) => {
    expect(bill(setup, billUntil).rows).toEqual(expected);
  });

  test('start 2011-02-01 with bill day 13 is 12/31 of a period', () => {
    const [line] = bill({ frequency: 'monthly', start: '2011-02-01', billDay: 13 }, '2011-02-02').events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.charges : []));
    expect(line).toMatchObject({ kind: 'recurring', days: 12, periodDays: 31, periodKind: 'leading' });
  });
});

describe('trailing proration: from the last bill date to the cancellation date, over the whole billing period that starts there', () => {
  test.each<[string, Setup, string, Row[]]>([
    ['monthly, billed on the start date', { frequency: 'monthly', start: '2010-06-17', billDay: 17, cancelOn: '2010-07-25' }, '2010-06-18', [['2010-06-17', '2010-07-17', '100.00']]],
    ['monthly, billed inside the first period', { frequency: 'monthly', start: '2010-06-17', billDay: 17, cancelOn: '2010-07-25' }, '2010-06-21', [['2010-06-17', '2010-07-17', '100.00']]],
    ['monthly, billed through the end of the first period: 8 of the 31 days from 2010-07-17', { frequency: 'monthly', start: '2010-06-17', billDay: 17, cancelOn: '2010-07-25' }, '2010-07-18',
      [['2010-06-17', '2010-07-17', '100.00'], ['2010-07-17', '2010-07-25', '25.81']]],
    ['monthly, billed after the end date', { frequency: 'monthly', start: '2010-06-17', billDay: 17, cancelOn: '2010-07-25' }, '2010-07-31',
      [['2010-06-17', '2010-07-17', '100.00'], ['2010-07-17', '2010-07-25', '25.81']]],
    ['monthly at 249.95', { frequency: 'monthly', start: '2010-06-17', billDay: 17, cancelOn: '2010-07-25', price: '249.95' }, '2010-07-31',
      [['2010-06-17', '2010-07-17', '249.95'], ['2010-07-17', '2010-07-25', '64.50']]],
    ['quarterly: 8 of the 91 days from 2010-09-17', { frequency: 'quarterly', start: '2010-06-17', billDay: 17, cancelOn: '2010-09-25' }, '2010-10-01',
      [['2010-06-17', '2010-09-17', '100.00'], ['2010-09-17', '2010-09-25', '8.79']]],
    ['yearly: 8 of the 366 days from 2011-06-17 (the year holds 2012-02-29)', { frequency: 'yearly', start: '2010-06-17', billDay: 17, cancelOn: '2011-06-25' }, '2011-07-01',
      [['2010-06-17', '2011-06-17', '100.00'], ['2011-06-17', '2011-06-25', '2.19']]],
  ])('%s', (_what, setup, billUntil, expected) => {
    expect(bill(setup, billUntil).rows).toEqual(expected);
  });

  test.each<[string, Setup, Row[], number]>([
    ['leap-year February: 2012-02-01 to 2012-02-15 is 14/29 of a month', { frequency: 'monthly', start: '2012-01-01', billDay: 1, cancelOn: '2012-02-15' },
      [['2012-01-01', '2012-02-01', '100.00'], ['2012-02-01', '2012-02-15', '48.28']], 29],
    ['the same at 249.95', { frequency: 'monthly', start: '2012-01-01', billDay: 1, cancelOn: '2012-02-15', price: '249.95' },
      [['2012-01-01', '2012-02-01', '249.95'], ['2012-02-01', '2012-02-15', '120.67']], 29],
    ['a common-year February: 2011-02-01 to 2011-02-15 is 14/28', { frequency: 'monthly', start: '2011-01-01', billDay: 1, cancelOn: '2011-02-15' },
      [['2011-01-01', '2011-02-01', '100.00'], ['2011-02-01', '2011-02-15', '50.00']], 28],
  ])('%s', (_what, setup, expected, periodDays) => {
    const { rows, events } = bill(setup, `${setup.start.slice(0, 4)}-03-01`);
    expect(rows).toEqual(expected);
    const trailing = events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.charges : [])).find((l) => l.kind === 'recurring' && l.periodKind === 'trailing');
    expect(trailing).toMatchObject({ days: 14, periodDays });
  });
});

describe('double proration: leading and trailing in one package', () => {
  test.each<[string, Setup, string, Row[]]>([
    ['monthly: 14/31, a month, 12/28', { frequency: 'monthly', start: '2011-01-01', billDay: 15, cancelOn: '2011-02-27' }, '2011-03-07',
      [['2011-01-01', '2011-01-15', '45.16'], ['2011-01-15', '2011-02-15', '100.00'], ['2011-02-15', '2011-02-27', '42.86']]],
    ['monthly, billed in the second prorated period', { frequency: 'monthly', start: '2011-01-01', billDay: 15, cancelOn: '2011-02-27' }, '2011-02-16',
      [['2011-01-01', '2011-01-15', '45.16'], ['2011-01-15', '2011-02-15', '100.00'], ['2011-02-15', '2011-02-27', '42.86']]],
    ['monthly at 249.95', { frequency: 'monthly', start: '2011-01-01', billDay: 15, cancelOn: '2011-02-27', price: '249.95' }, '2011-03-07',
      [['2011-01-01', '2011-01-15', '112.88'], ['2011-01-15', '2011-02-15', '249.95'], ['2011-02-15', '2011-02-27', '107.12']]],
    ['quarterly: 14/92, a quarter, 12/91', { frequency: 'quarterly', start: '2011-01-01', billDay: 15, cancelOn: '2011-04-27' }, '2011-05-07',
      [['2011-01-01', '2011-01-15', '15.22'], ['2011-01-15', '2011-04-15', '100.00'], ['2011-04-15', '2011-04-27', '13.19']]],
    ['yearly: 14/365, a year, 12/366', { frequency: 'yearly', start: '2011-01-01', billDay: 15, cancelOn: '2012-01-27' }, '2012-03-07',
      [['2011-01-01', '2011-01-15', '3.84'], ['2011-01-15', '2012-01-15', '100.00'], ['2012-01-15', '2012-01-27', '3.28']]],
    ['monthly with several whole months between', { frequency: 'monthly', start: '2011-01-01', billDay: 15, cancelOn: '2011-04-27' }, '2011-02-26',
      [['2011-01-01', '2011-01-15', '45.16'], ['2011-01-15', '2011-02-15', '100.00'], ['2011-02-15', '2011-03-15', '100.00']]],
  ])('%s', (_what, setup, billUntil, expected) => {
    expect(bill(setup, billUntil).rows).toEqual(expected);
  });
});

describe('bill day 31: month-end bill dates clamp without drift', () => {
  test.each<[string, string, Row[], string[]]>([
    ['through February and April of 2011', '2011-01-31',
      [['2011-01-31', '2011-02-28', '100.00'], ['2011-02-28', '2011-03-31', '100.00'], ['2011-03-31', '2011-04-30', '100.00'], ['2011-04-30', '2011-05-31', '100.00'], ['2011-05-31', '2011-06-30', '100.00']],
      ['2011-02-28', '2011-03-31', '2011-04-30', '2011-05-31', '2011-06-30']],
    ['through a leap-year February', '2012-01-31',
      [['2012-01-31', '2012-02-29', '100.00'], ['2012-02-29', '2012-03-31', '100.00'], ['2012-03-31', '2012-04-30', '100.00'], ['2012-04-30', '2012-05-31', '100.00'], ['2012-05-31', '2012-06-30', '100.00']],
      ['2012-02-29', '2012-03-31', '2012-04-30', '2012-05-31', '2012-06-30']],
  ])('%s', (_what, start, expected, nextBillDates) => {
    const year = start.slice(0, 4);
    const runs = ['01', '02', '03', '04', '05'].map((m, i) => command(billJson(`${year}-${m}-01`, `${year}-0${i + 2}-01`)));
    const events = play([command(addJson({ effectiveDate: start, billDay: 31, at: `${start}T00:00:00Z` })), ...runs]);
    expect(recurringRows(events)).toEqual(expected);
    expect(events.flatMap((e) => (e.type === 'PackageBilled' ? [e.data.nextBillDate] : []))).toEqual(nextBillDates);
  });

  test.each<[string, string, string, string, number, number]>([
    ['cancelled mid-February 2011: 15 of 28 days', '2011-01-31', '2011-02-15', '53.57', 15, 28],
    ['cancelled mid-February 2012: 15 of 29 days', '2012-01-31', '2012-02-15', '51.72', 15, 29],
    ['cancelled mid-April 2011: 15 of the 30 days from 2011-03-31', '2011-03-31', '2011-04-15', '50.00', 15, 30],
  ])('%s', (_what, start, cancelOn, amount, days, periodDays) => {
    const { rows, events } = bill({ frequency: 'monthly', start, billDay: 31, cancelOn }, cancelOn);
    expect(rows).toEqual([[start, cancelOn, amount]]);
    expect(events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.charges : []))[0]).toMatchObject({ days, periodDays, periodKind: 'trailing' });
  });

  test('bill dates are computed from the bill day, never from the previous clamped date', () => {
    const dates = Array.from({ length: 14 }, (_, k) => billDateInMonth(monthIndexOf('2011-01-31' as LocalDate) + k, 31));
    expect(dates).toEqual(['2011-01-31', '2011-02-28', '2011-03-31', '2011-04-30', '2011-05-31', '2011-06-30', '2011-07-31', '2011-08-31', '2011-09-30', '2011-10-31', '2011-11-30', '2011-12-31', '2012-01-31', '2012-02-29']);
  });
});

describe('bill-day change: takes effect next period, with a prorated alignment charge', () => {
  const changeTo15 = command({ type: 'ChangeBillDay', accountPackageId: 'ap-1', billDay: 15, actor: accounts, at: '2016-04-20T10:00:00Z' });

  test('from 1 to 15 on 249.95/month prorates 2016-05-01 to 2016-05-15 as 116.64 (14 of the 30 days from 2016-04-15), a period tiers and buckets treat as whole', () => {
    const events = play([
      command(addJson({ effectiveDate: '2016-04-01', definition: singleService('249.95'), at: '2016-04-01T00:00:00Z' })),
      command(billJson('2016-04-01', '2016-05-01')),
      changeTo15,
      command(billJson('2016-05-01', '2016-06-01')),
    ]);
    expect(recurringRows(events)).toEqual([['2016-04-01', '2016-05-01', '249.95'], ['2016-05-01', '2016-05-15', '116.64'], ['2016-05-15', '2016-06-15', '249.95']]);
    const alignment = events.flatMap((e) => (e.type === 'PackageBilled' ? e.data.charges : [])).find((l) => l.kind === 'recurring' && l.periodKind === 'alignment');
    expect(alignment).toMatchObject({ days: 14, periodDays: 30 });
    expect(alignment !== undefined && countsAsFullPeriodForTiers(alignment)).toBe(true);
    expect(packageOf(events)).toMatchObject({ billedThrough: '2016-06-15' });
  });

  test('postpaid: the alignment is billed after it ends, on the new bill day', () => {
    const events = play([
      command(addJson({ effectiveDate: '2016-04-01', definition: singleService('249.95'), options: { chargeFullPeriod: false, postpaid: true, chargeRecurringOnlyIfUsage: false }, at: '2016-04-01T00:00:00Z' })),
      changeTo15,
      command(billJson('2016-05-01', '2016-06-01')),
    ]);
    expect(recurringRows(events)).toEqual([['2016-04-01', '2016-05-01', '249.95'], ['2016-05-01', '2016-05-15', '116.64']]);
    const billed = events.filter((e) => e.type === 'PackageBilled');
    expect(billed.map((e) => e.type === 'PackageBilled' && e.data.nextBillDate)).toEqual(['2016-06-15']);
  });
});

describe('the proration arithmetic', () => {
  test('the factor keeps full precision; only the line is rounded, half-up', () => {
    expect(prorationFactor(12, { start: '2011-01-13' as LocalDate, end: '2011-02-13' as LocalDate }).toString()).toBe('0.3870967741935483870967741935483870967742');
    expect(roundMoney(prorate(money('249.95', 'EUR'), 14, 30)).amount.toFixed(2)).toBe('116.64');
    expect(roundMoney(prorate(money('0.10', 'EUR'), 1, 2)).amount.toFixed(2)).toBe('0.05');
    expect(roundMoney(prorate(money('0.01', 'EUR'), 1, 2)).amount.toFixed(2)).toBe('0.01');
    expect(roundMoney(prorate(money('1000', 'JPY'), 1, 3)).amount.toFixed(0)).toBe('333');
  });
});
