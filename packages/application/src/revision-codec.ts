import * as t from 'io-ts';

/**
 * A revision or position in JSON: a whole number, or a string of digits beyond 2^53 (no
 * event store here reaches that, but a reader must never round one).
 */
export const RevisionNumber = new t.Type<bigint, number | string, unknown>(
  'RevisionNumber',
  (u): u is bigint => typeof u === 'bigint' && u >= 0n,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
      ? t.success(BigInt(u))
      : typeof u === 'string' && /^\d{1,30}$/.test(u)
        ? t.success(BigInt(u))
        : t.failure(u, c, 'expected a whole number of zero or more'),
  (b) => (b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString()),
);
