import type { Json } from '@packledger/application';

const MAX_DEPTH = 64;

/**
 * A JSON value for a response: bigints (revisions, positions) become decimal strings,
 * values with `toJSON` (decimals, dates) their JSON form, non-finite numbers, functions
 * and symbols null, undefined fields are dropped. Objects are built with
 * `Object.fromEntries`, so a key such as `__proto__` stays a plain key.
 */
export const toJson = (value: unknown, depth = 0): Json => {
  if (depth > MAX_DEPTH) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value === null) return null;
      const withToJson = value as { toJSON?: unknown };
      if (typeof withToJson.toJSON === 'function') return toJson((withToJson.toJSON as () => unknown).call(value), depth + 1);
      if (Array.isArray(value)) return value.map((item: unknown) => toJson(item, depth + 1));
      const record = value as Readonly<Record<string, unknown>>;
      return Object.fromEntries(
        Object.keys(record)
          .filter((key) => record[key] !== undefined && typeof record[key] !== 'function' && typeof record[key] !== 'symbol')
          .map((key) => [key, toJson(record[key], depth + 1)]),
      );
    }
    default:
      return null;
  }
};

/** True for a plain JSON object (not null, not an array). */
export const isJsonObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** True when `o` has `key` as an own property (never consults the prototype). */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
