/**
 * How error messages quote text that comes from a store (an event's type, id or stream, a
 * problem's path): stored data is not trusted to be short, and a message must not repeat
 * megabytes of it (torture finding F6). Not exported from the package.
 */

/** The most characters of one stored string an error message quotes. */
export const MAX_QUOTED = 200;

/**
 * The text of `value` itself when it is at most {@link MAX_QUOTED} characters long;
 * otherwise its start, an ellipsis and its full length: `xxxx… (1000000 characters)`.
 */
export const quoteStored = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= MAX_QUOTED) return text;
  // Never cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
  return `${text.slice(0, end)}… (${text.length} characters)`;
};
