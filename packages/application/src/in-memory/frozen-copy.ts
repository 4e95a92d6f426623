import { MAX_JSON_NESTING } from './json-nesting';

const NOT_PLAIN = Symbol('not plain JSON');

const copyOf = (value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and non-finite numbers as null: left to JSON itself.
      return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_JSON_NESTING) return NOT_PLAIN;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return NOT_PLAIN;
          const item = copyOf(value[i], depth + 1);
          if (item === NOT_PLAIN) return NOT_PLAIN;
          out[i] = item;
        }
        return Object.freeze(out);
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (key === '__proto__' || key === 'toJSON') return NOT_PLAIN;
        const item = copyOf((value as Record<string, unknown>)[key], depth + 1);
        if (item === NOT_PLAIN) return NOT_PLAIN;
        out[key] = item;
      }
      return Object.freeze(out);
    }
    default:
      // undefined, functions, symbols, bigints: JSON drops them or refuses them.
      return NOT_PLAIN;
  }
};

/**
 * A deeply frozen copy of a value that is plain JSON already (plain objects and arrays,
 * strings, booleans, null, finite numbers; no more than {@link MAX_JSON_NESTING} levels),
 * made in one walk; undefined for anything else, which the caller then sends through
 * `JSON.stringify` and `JSON.parse` so that it gets exactly what JSON makes of it (or its
 * error). For plain JSON both give the same value.
 */
export const frozenJsonCopy = <A>(value: A): A | undefined => {
  const copy = copyOf(value, 1);
  return copy === NOT_PLAIN ? undefined : (copy as A);
};
