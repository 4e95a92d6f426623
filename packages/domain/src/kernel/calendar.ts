import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

interface InstantBrand {
  readonly Instant: unique symbol;
}
/** A UTC instant as an ISO-8601 string with milliseconds: `2026-01-31T09:30:00.000Z`. */
export type Instant = t.Branded<string, InstantBrand>;

interface LocalDateBrand {
  readonly LocalDate: unique symbol;
}
/** A calendar day, `YYYY-MM-DD`, in UTC. */
export type LocalDate = t.Branded<string, LocalDateBrand>;

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for leap years of the Gregorian calendar. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (month 1..12). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

const validDay = (y: number, m: number, d: number): boolean => y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

const NORMALIZED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const twoDigits = (s: string, at: number): number => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/** Parses an ISO-8601 UTC instant (`Z` only); Left with the reason otherwise. */
export const parseInstant = (s: string): E.Either<string, Instant> => {
  // Already in the normalised form (every stored event is): check it is a real instant without reformatting it.
  if (s.length === 24 && NORMALIZED.test(s)) {
    // The pattern has checked every digit; read the fields from the character codes.
    return !validDay(twoDigits(s, 0) * 100 + twoDigits(s, 2), twoDigits(s, 5), twoDigits(s, 8)) || twoDigits(s, 11) > 23 || twoDigits(s, 14) > 59 || twoDigits(s, 17) > 59
      ? E.left(`"${s}" is not a real date and time`)
      : E.right(s as Instant);
  }
  const m = s.length <= 30 ? INSTANT_PATTERN.exec(s) : null;
  if (m === null) return E.left(`"${s.slice(0, 40)}" is not a UTC instant such as "2026-01-31T09:30:00Z"`);
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || se > 59) return E.left(`"${s}" is not a real date and time`);
  return E.right(new Date(s).toISOString() as Instant);
};

/** Parses a `YYYY-MM-DD` day; Left with the reason otherwise. */
export const parseLocalDate = (s: string): E.Either<string, LocalDate> => {
  const m = s.length === 10 ? DATE_PATTERN.exec(s) : null;
  if (m === null) return E.left(`"${s.slice(0, 40)}" is not a day such as "2026-01-31"`);
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? E.right(s as LocalDate) : E.left(`"${s}" is not a real day`);
};

const stringCodec = <A extends string>(name: string, parse: (s: string) => E.Either<string, A>): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && E.isRight(parse(u)),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `expected ${name === 'Instant' ? 'a UTC instant string' : 'a YYYY-MM-DD string'}`);
      const r = parse(u);
      return E.isRight(r) ? t.success(r.right) : t.failure(u, c, r.left);
    },
    (a) => a,
  );

/** Codec of {@link Instant}; decoding normalises to milliseconds (`...:00.000Z`). */
export const InstantString = stringCodec<Instant>('Instant', parseInstant);
/** Codec of {@link LocalDate}. */
export const LocalDateString = stringCodec<LocalDate>('LocalDate', parseLocalDate);

/** Milliseconds since the epoch. */
export const epochMs = (i: Instant): number => Date.parse(i);
const fromMs = (ms: number): Instant => new Date(ms).toISOString() as Instant;

/** Orders two instants: negative, zero or positive. */
export const compareInstants = (a: Instant, b: Instant): number => epochMs(a) - epochMs(b);
/** a is strictly before b. */
export const isBefore = (a: Instant, b: Instant): boolean => epochMs(a) < epochMs(b);
/** a is at or after b. */
export const isAtOrAfter = (a: Instant, b: Instant): boolean => epochMs(a) >= epochMs(b);

/** The instant n whole days (of 24 h, UTC has no daylight saving) later; n may be negative. */
export const addDaysToInstant = (i: Instant, days: number): Instant => fromMs(epochMs(i) + days * MS_PER_DAY);

const splitDate = (d: LocalDate): [number, number, number] => d.split('-').map(Number) as [number, number, number];
const formatDate = (y: number, m: number, d: number): LocalDate =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;

/**
 * The same day `months` months later, clamped to the month's end: Jan 31 + 1 = Feb 28
 * (29 in leap years), Jan 31 + 2 = Mar 31. Always count from the original day, never
 * from a clamped result, so a series never drifts.
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const [y, m, d] = splitDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDate(year, month, Math.min(d, daysInMonth(year, month)));
};

/** {@link addMonths} for an instant: the same time of day, clamped to the month's end. */
export const addMonthsToInstant = (i: Instant, months: number): Instant => {
  const day = addMonths(i.slice(0, 10) as LocalDate, months);
  return `${day}${i.slice(10)}` as Instant;
};

/** The day an instant falls on (UTC). */
export const dayOf = (i: Instant): LocalDate => i.slice(0, 10) as LocalDate;
/** Midnight UTC at the start of a day. */
export const startOfDay = (d: LocalDate): Instant => `${d}T00:00:00.000Z` as Instant;

/** The day `days` days later (or earlier when negative). */
export const addDays = (date: LocalDate, days: number): LocalDate => dayOf(fromMs(Date.parse(`${date}T00:00:00.000Z`) + days * MS_PER_DAY));

/** Whole days from `from` to `to` (negative when `to` is earlier); leap days count. */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / MS_PER_DAY);

/** A half-open range of days `[start, end)`: `start` is in it, `end` is the first day after it. */
export interface DayRange {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/** Makes a range; Left when `end` is not after `start`. */
export const dayRange = (start: LocalDate, end: LocalDate): E.Either<string, DayRange> =>
  daysBetween(start, end) > 0 ? E.right({ start, end }) : E.left(`a range of days must end after it starts (${start} .. ${end})`);

/** Number of days in the range. */
export const daysIn = (r: DayRange): number => daysBetween(r.start, r.end);
/** The day is in `[start, end)`. */
export const rangeContains = (r: DayRange, d: LocalDate): boolean => d >= r.start && d < r.end;
/** The two ranges share at least one day. */
export const rangesOverlap = (a: DayRange, b: DayRange): boolean => a.start < b.end && b.start < a.end;
