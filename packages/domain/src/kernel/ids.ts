import * as t from 'io-ts';

interface EntityIdBrand {
  readonly EntityId: unique symbol;
}
/** An identifier: 1 to 64 characters of `A-Z a-z 0-9 _ -` (nanoid's alphabet, or the host's own ids). */
export type EntityId = t.Branded<string, EntityIdBrand>;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Codec of {@link EntityId}. */
export const EntityId = new t.Type<EntityId, string, unknown>(
  'EntityId',
  (u): u is EntityId => typeof u === 'string' && ID_PATTERN.test(u),
  (u, c) =>
    typeof u === 'string' && ID_PATTERN.test(u)
      ? t.success(u as EntityId)
      : t.failure(u, c, typeof u === 'string'
        ? `id must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-" (got ${u.length} characters)`
        : 'expected an id string'),
  (id) => id,
);

/** A bounded, trimmed, non-empty text such as a name or a reason. */
export const boundedText = (name: string, maxLength: number): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= maxLength,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `expected text of at most ${maxLength} characters`);
      if (u.length > maxLength) return t.failure(u, c, `text is ${u.length} characters long; at most ${maxLength} allowed`);
      const trimmed = u.trim();
      return trimmed.length === 0 ? t.failure(u, c, 'text must not be empty') : t.success(trimmed);
    },
    (s) => s,
  );

/** Like {@link boundedText} but may be empty (notes that can be cleared). */
export const optionalText = (name: string, maxLength: number): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.length <= maxLength,
    (u, c) =>
      typeof u !== 'string'
        ? t.failure(u, c, `expected text of at most ${maxLength} characters`)
        : u.length > maxLength
          ? t.failure(u, c, `text is ${u.length} characters long; at most ${maxLength} allowed`)
          : t.success(u.trim()),
    (s) => s,
  );

/** A whole number in `[min, max]`. */
export const intBetween = (min: number, max: number, name = `integer ${min}..${max}`): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `expected a whole number from ${min} to ${max}`),
    (n) => n,
  );
