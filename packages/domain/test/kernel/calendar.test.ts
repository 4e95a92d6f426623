import * as E from 'fp-ts/Either';
import {
  addDays,
  addDaysToInstant,
  addMonths,
  addMonthsToInstant,
  compareInstants,
  dayOf,
  dayRange,
  daysBetween,
  daysIn,
  daysInMonth,
  decodeWith,
  InstantString,
  isAtOrAfter,
  isBefore,
  isLeapYear,
  LocalDateString,
  parseInstant,
  parseLocalDate,
  rangeContains,
  rangesOverlap,
  startOfDay,
  type DayRange,
  type Instant,
  type LocalDate,
} from '../../src/kernel';

const day = (s: string): LocalDate => s as LocalDate;
const instant = (s: string): Instant => s as Instant;
/** A range the test knows to be valid. */
const range = (start: string, end: string): DayRange => ({ start: day(start), end: day(end) });

describe('isLeapYear and daysInMonth', () => {
  test.each([
    [2024, true],
    [2025, false],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])('given the year %i, then it is a leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  test.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('given %i-%i, then the month has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('parseInstant', () => {
  test.each([
    ['2026-01-31T09:30:00Z', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30Z', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30:00.5Z', '2026-01-31T09:30:00.500Z'],
    ['2026-01-31T09:30:00.000Z', '2026-01-31T09:30:00.000Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
  ])('given %p, when parsed, then it is the UTC instant %p with milliseconds', (input, expected) => {
    expect(parseInstant(input)).toEqual(E.right(expected));
  });

  test.each([
    ['an offset', '2026-01-31T09:30:00+01:00'],
    ['a zero offset', '2026-01-31T09:30:00+00:00'],
    ['no zone', '2026-01-31T09:30:00'],
    ['a lower-case z', '2026-01-31T09:30:00z'],
    ['a space for T', '2026-01-31 09:30:00Z'],
    ['a day only', '2026-01-31'],
    ['Feb 29 of a common year', '2026-02-29T00:00:00Z'],
    ['Feb 29 of 2100', '2100-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 0', '2026-00-10T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['hour 24', '2026-01-31T24:00:00Z'],
    ['minute 60', '2026-01-31T09:60:00Z'],
    ['second 60', '2026-01-31T09:30:60Z'],
    ['four fraction digits', '2026-01-31T09:30:00.1234Z'],
    ['an empty string', ''],
    ['a long string', `2026-01-31T09:30:00.000Z${' '.repeat(10_000)}`],
  ])('given %s, when parsed, then it is Left', (_what, input) => {
    expect(E.isLeft(parseInstant(input))).toBe(true);
  });

  test('given a non-string, when decoded with InstantString, then it is refused', () => {
    expect(E.isLeft(decodeWith(InstantString, 1_769_851_800_000))).toBe(true);
  });

  test('given an instant without milliseconds, when decoded with InstantString, then it is normalised to milliseconds', () => {
    expect(decodeWith(InstantString, '2026-01-31T09:30:00Z')).toEqual(E.right('2026-01-31T09:30:00.000Z'));
  });
});

describe('parseLocalDate', () => {
  test.each([['2024-02-29'], ['2000-02-29'], ['2026-12-31'], ['2026-01-01']])('given %p, when parsed, then it is that day', (input) => {
    expect(parseLocalDate(input)).toEqual(E.right(input));
  });

  test.each([['2026-02-29'], ['2100-02-29'], ['2026-04-31'], ['2026-01-32'], ['2026-13-01'], ['2026-1-5'], ['20260131'], ['2026-01-31T00:00:00Z'], [' 2026-01-31'], ['']])(
    'given %p, when parsed, then it is Left',
    (input) => {
      expect(E.isLeft(parseLocalDate(input))).toBe(true);
    },
  );

  test('given a number, when decoded with LocalDateString, then it is refused', () => {
    expect(E.isLeft(decodeWith(LocalDateString, 20260131))).toBe(true);
  });
});

describe('addMonths', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-01-31', 12, '2027-01-31'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-08-31', 0, '2026-08-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-12-15', 14, '2028-02-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2099-12-31', 2, '2100-02-28'],
    ['1999-12-31', 2, '2000-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-05-31', -3, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-01', -13, '2024-12-01'],
    ['2026-01-31', -24, '2024-01-31'],
  ])('given %s, when %i months are added, then the day is %s', (from, months, expected) => {
    expect(addMonths(day(from), months)).toBe(expected);
  });

  test('given an anchor on Jan 31, when each of 24 monthly dates is counted from the anchor, then every one is its month\'s last day', () => {
    const series = Array.from({ length: 24 }, (_, k) => addMonths(day('2026-01-31'), k + 1));
    const notMonthEnd = series.filter((d) => {
      const [y, m, dd] = d.split('-').map(Number);
      return dd !== daysInMonth(y ?? 0, m ?? 0);
    });

    expect(notMonthEnd).toEqual([]);
  });

  test('given an instant, when months are added, then the time of day is kept', () => {
    expect(addMonthsToInstant(instant('2026-01-31T09:30:15.250Z'), 1)).toBe('2026-02-28T09:30:15.250Z');
  });
});

describe('daysBetween and addDays', () => {
  test.each([
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2000-01-01', '2001-01-01', 366],
    ['2100-01-01', '2101-01-01', 365],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-01-31', '2026-01-31', 0],
    ['2026-03-01', '2026-02-28', -1],
    ['2026-01-01', '2025-01-01', -365],
  ])('given %s and %s, then there are %i days between them', (from, to, days) => {
    expect(daysBetween(day(from), day(to))).toBe(days);
  });

  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('given %s, when %i days are added, then the day is %s', (from, days, expected) => {
    expect(addDays(day(from), days)).toBe(expected);
  });

  test('given an instant, when 30 days are added, then the time of day is kept', () => {
    expect(addDaysToInstant(instant('2024-02-15T18:45:00.000Z'), 30)).toBe('2024-03-16T18:45:00.000Z');
  });
});

describe('instants', () => {
  const earlier = instant('2026-01-31T09:30:00.000Z');
  const later = instant('2026-01-31T09:30:00.001Z');

  test('given two instants a millisecond apart, then the first is before the second and not at or after it', () => {
    expect([isBefore(earlier, later), isAtOrAfter(earlier, later), compareInstants(earlier, later) < 0]).toEqual([true, false, true]);
  });

  test('given the same instant twice, then it is at or after itself and not before itself', () => {
    expect([isBefore(earlier, earlier), isAtOrAfter(earlier, earlier), compareInstants(earlier, earlier)]).toEqual([false, true, 0]);
  });

  test('given an instant late in the UTC day, then dayOf is its UTC day and startOfDay is that day\'s midnight', () => {
    expect(startOfDay(dayOf(instant('2026-01-31T23:59:59.999Z')))).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('day ranges', () => {
  test('given start before end, then dayRange makes the half-open range', () => {
    expect(dayRange(day('2026-01-01'), day('2026-02-01'))).toEqual(E.right(range('2026-01-01', '2026-02-01')));
  });

  test.each([
    ['2026-01-01', '2026-01-01'],
    ['2026-01-02', '2026-01-01'],
  ])('given start %s and end %s, then dayRange is Left because a range must end after it starts', (start, end) => {
    expect(E.isLeft(dayRange(day(start), day(end)))).toBe(true);
  });

  test.each([
    ['2024-02-01', '2024-03-01', 29],
    ['2026-02-01', '2026-03-01', 28],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-01-31', '2026-02-01', 1],
  ])('given [%s, %s), then it holds %i days', (start, end, days) => {
    expect(daysIn(range(start, end))).toBe(days);
  });

  test.each([
    ['the start', '2026-01-10', true],
    ['a middle day', '2026-01-15', true],
    ['the last day', '2026-01-19', true],
    ['the end', '2026-01-20', false],
    ['the day before the start', '2026-01-09', false],
  ])('given [2026-01-10, 2026-01-20), then %s (%s) is in it: %s', (_what, d, contained) => {
    expect(rangeContains(range('2026-01-10', '2026-01-20'), day(d))).toBe(contained);
  });

  test.each<[string, [string, string], [string, string], boolean]>([
    ['adjacent ranges', ['2026-01-01', '2026-01-10'], ['2026-01-10', '2026-01-20'], false],
    ['ranges sharing one day', ['2026-01-01', '2026-01-11'], ['2026-01-10', '2026-01-20'], true],
    ['a range inside another', ['2026-01-01', '2026-02-01'], ['2026-01-10', '2026-01-11'], true],
    ['separate ranges', ['2026-01-01', '2026-01-05'], ['2026-01-10', '2026-01-20'], false],
  ])('given %s, then they overlap: %s', (_what, a, b, overlap) => {
    expect([rangesOverlap(range(...a), range(...b)), rangesOverlap(range(...b), range(...a))]).toEqual([overlap, overlap]);
  });
});
