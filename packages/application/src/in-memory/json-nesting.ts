/**
 * The most levels of objects and arrays an event's data (or its metadata) may nest in the
 * embedded store: `{}` is one level, `{"a":[{}]}` three. Events of the domain nest a handful
 * of levels; the limit keeps every recursive step after it (JSON.stringify, freezing, the
 * codecs) far from the call stack's end, which deep JSON reaches at a few thousand levels
 * (torture finding F7).
 */
export const MAX_JSON_NESTING = 256;

/**
 * True when `value` nests more than `max` levels of objects and arrays. Walked without
 * recursion, so any depth is measured without overflowing the stack.
 */
export const nestsDeeperThan = (value: unknown, max: number): boolean => {
  // Two parallel stacks (objects and their depths): no allocation per value on the hot path of append.
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    values.push(value);
    depths.push(1);
  }
  while (values.length > 0) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (const item of v as readonly unknown[]) {
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
};

/** Why `value` (the data or metadata of an event) cannot be stored, or undefined when its nesting is within the limit. */
export const nestingProblem = (value: unknown): string | undefined =>
  nestsDeeperThan(value, MAX_JSON_NESTING) ? `nests deeper than ${MAX_JSON_NESTING} levels of objects and arrays (the most an event's data or metadata may nest)` : undefined;
