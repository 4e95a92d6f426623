import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { dayRange, LocalDateString, type DayRange } from './calendar';

const DayRangeJson = t.strict({ start: LocalDateString, end: LocalDateString });

/**
 * Codec of a half-open range of days as `{ "start": "2026-05-01", "end": "2026-06-01" }`:
 * `start` is in it, `end` is the first day after it (May 2026 above). `end` must be after
 * `start`.
 */
export const DayRangeCodec = new t.Type<DayRange, { start: string; end: string }, unknown>(
  'DayRange',
  (u): u is DayRange => DayRangeJson.is(u) && u.end > u.start,
  (u, c) =>
    E.chain((raw: t.TypeOf<typeof DayRangeJson>): t.Validation<DayRange> => {
      const r = dayRange(raw.start, raw.end);
      return E.isRight(r) ? t.success(r.right) : t.failure(u, t.appendContext(c, 'end', LocalDateString, raw.end), r.left);
    })(DayRangeJson.validate(u, c)),
  (r) => ({ start: r.start, end: r.end }),
);
