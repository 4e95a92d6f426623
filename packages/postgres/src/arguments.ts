import type { EventToAppend, ExpectedRevision } from '@packledger/application';

// The same argument checks as InMemoryEventStore's: a bad argument is a bug in the caller,
// so it is a TypeError, never a Left.

const fail = (message: string): never => {
  throw new TypeError(`PostgresEventStore: ${message}`);
};

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Checks a stream name. */
export const checkStream = (stream: unknown): string => {
  if (typeof stream !== 'string' || stream.length === 0) fail('a stream needs a name');
  return stream as string;
};

/** Checks an event to append: an id, a type, JSON-object data and metadata. */
export const checkEvent = (event: EventToAppend): void => {
  if (typeof event.id !== 'string' || event.id.length === 0) fail('every event needs an id');
  if (typeof event.type !== 'string' || event.type.length === 0) fail('every event needs a type');
  if (!isPlainObject(event.data)) fail(`the data of ${event.type} must be a JSON object`);
  if (!isPlainObject(event.metadata)) fail(`the metadata of ${event.type} must be an object`);
};

/** Checks a revision argument: a whole, non-negative number or bigint. */
export const checkRevision = (r: bigint | number, what: string): bigint => {
  if (typeof r === 'number' && !Number.isSafeInteger(r)) fail(`${what} must be a whole number, got ${r}`);
  if (typeof r !== 'number' && typeof r !== 'bigint') fail(`${what} must be a number or a bigint`);
  const b = BigInt(r);
  if (b < 0n) fail(`${what} must not be negative, got ${b}`);
  return b;
};

/** Checks an expected revision. */
export const checkExpectedRevision = (expected: ExpectedRevision): void => {
  if (typeof expected === 'number' || typeof expected === 'bigint') checkRevision(expected, 'expectedRevision');
  else if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') fail(`unknown expectedRevision ${String(expected)}`);
};

/** Checks a maxCount: undefined (no limit) or a whole number of zero or more. */
export const checkCount = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxCount) || maxCount < 0) fail(`maxCount must be a whole number of zero or more, got ${String(maxCount)}`);
  return maxCount;
};
