import type { CurrentRevision, ExpectedRevision, StreamRevision } from '@packledger/application';
import type { ClientExpectedRevision } from './driver';

/** The port's expected revision, checked and with numbers as bigints. */
export type CheckedExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | StreamRevision;

/** Checks a revision (a whole number of zero or more, as a bigint or a number); an invalid one is a bug in the caller (a TypeError). */
export const checkRevision = (revision: unknown, what: string): StreamRevision => {
  if (typeof revision === 'number' && !Number.isSafeInteger(revision)) throw new TypeError(`${what} must be a whole number, got ${revision}`);
  if (typeof revision !== 'number' && typeof revision !== 'bigint') throw new TypeError(`${what} must be a revision, got ${String(revision)}`);
  const checked = BigInt(revision);
  if (checked < 0n) throw new TypeError(`${what} must not be negative, got ${checked}`);
  return checked;
};

/** Checks an expected revision; an invalid one is a bug in the caller (a TypeError). */
export const checkExpectedRevision = (expected: ExpectedRevision): CheckedExpectedRevision => {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  return checkRevision(expected, 'expectedRevision');
};

/** The port's expected revision in the clients' terms: the same words, and revisions as bigints. */
export const toClientExpectedRevision = (expected: CheckedExpectedRevision): ClientExpectedRevision => expected;

/**
 * The actual revision a client's wrong-expected-version error names, in the port's terms. The
 * clients say `'no_stream'`, or a revision; a revision of -1 (EventStoreDB's `ExpectedVersion.NoStream`,
 * as the RPC trailers of a failed delete carry it) is no stream too.
 */
export const fromClientActualRevision = (actual: unknown): CurrentRevision => {
  if (actual === 'no_stream' || actual === undefined || actual === null) return 'no_stream';
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : actual;
  if (typeof actual === 'number' && Number.isSafeInteger(actual)) return actual < 0 ? 'no_stream' : BigInt(actual);
  throw new TypeError(`the client reported an actual revision the adapter does not know: ${String(actual)}`);
};
