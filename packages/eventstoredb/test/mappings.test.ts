// The adapter's own parts, without a server: how it maps the port's terms to the clients' and
// back, its backoff, and its guard against a client that drops the expected revision.
import { eventStoreDbStore, type EventStoreDbClient } from '@packledger/eventstoredb';
import { backoffDelay } from '../src/backoff';
import { isTransient } from '../src/errors';
import { toClientEvent } from '../src/events';
import { checkExpectedRevision, fromClientActualRevision, toClientExpectedRevision } from '../src/expected-revision';
import { planFilter } from '../src/filters';
import { clientPositionOf, globalPositionOf } from '../src/positions';

const metadata = { schemaVersion: 1, commandId: 'c', correlationId: 'c', causationId: 'c', actor: 'system:test', occurredAt: '2026-01-31T10:00:00.000Z' };
const event = (id: string, type = 'CreditsConsumed') => ({ id, type, data: { credits: '12.50' }, metadata });

describe('expected revisions, both ways', () => {
  it('sends the port’s expected revisions in the clients’ words, numbers as bigints', () => {
    expect(['no_stream', 'any', 'stream_exists', 3n, 3].map((r) => toClientExpectedRevision(checkExpectedRevision(r as never)))).toEqual(['no_stream', 'any', 'stream_exists', 3n, 3n]);
  });

  it('refuses expected revisions no client can send: negative, fractional or unknown', () => {
    expect(() => checkExpectedRevision(-1)).toThrow(TypeError);
    expect(() => checkExpectedRevision(1.5)).toThrow(TypeError);
    expect(() => checkExpectedRevision('latest' as never)).toThrow(TypeError);
  });

  it('reads the actual revision a client names: no_stream, a revision, or -1 for no stream (the RPC trailers of a failed delete)', () => {
    expect([fromClientActualRevision('no_stream'), fromClientActualRevision(4n), fromClientActualRevision(-1n), fromClientActualRevision(undefined)]).toEqual(['no_stream', 4n, 'no_stream', 'no_stream']);
  });
});

describe('positions', () => {
  it('are commit positions; the server gets commit and prepare at the same place', () => {
    expect(globalPositionOf({ commit: 1_169n, prepare: 0n })).toBe(1_169n);
    expect(clientPositionOf(1_169n)).toEqual({ commit: 1_169n, prepare: 1_169n });
  });
});

describe('events to append', () => {
  it('keep the port’s event id as the EventStoreDB event id, so the server can deduplicate a retry', () => {
    expect(toClientEvent(event('6F1D2C4E-9A77-5B1B-8C2D-3E4F5A6B7C8D'))).toEqual({ ...event('6f1d2c4e-9a77-5b1b-8c2d-3e4f5a6b7c8d'), contentType: 'application/json' });
  });

  it('refuse ids that are not UUIDs and types that are EventStoreDB’s own ($)', () => {
    expect(() => toClientEvent(event('cmd-1-0'))).toThrow(/UUID/);
    expect(() => toClientEvent(event('6f1d2c4e-9a77-5b1b-8c2d-3e4f5a6b7c8d', '$metadata'))).toThrow(TypeError);
  });
});

describe('filters of $all', () => {
  it('stream prefixes go to the server as a stream-name prefix filter; event types are checked by the adapter', () => {
    const plan = planFilter({ streamPrefixes: ['creditPack-'], eventTypes: ['CreditsConsumed'] });
    expect(plan.server).toEqual({ filterOn: 'streamName', prefixes: ['creditPack-'] });
    expect(plan.accepts({ streamId: 'creditPack-p1', type: 'CreditsConsumed' })).toBe(true);
    expect(plan.accepts({ streamId: 'creditPack-p1', type: 'CreditPackIssued' })).toBe(false);
  });

  it('event types alone go to the server as a regex matching exactly those types, special characters escaped', () => {
    const plan = planFilter({ eventTypes: ['A.B', 'C'] });
    expect(plan.server).toEqual({ filterOn: 'eventType', regex: '^(?:A\\.B|C)$' });
    expect(new RegExp((plan.server as { regex: string }).regex).test('AxB')).toBe(false);
  });

  it('no filter still excludes system events on the server, and every plan refuses them', () => {
    const plan = planFilter(undefined);
    expect(plan.server).toEqual({ filterOn: 'eventType', regex: '^[^$]' });
    expect(plan.accepts({ streamId: '$$creditPack-p1', type: '$metadata' })).toBe(false);
    expect(planFilter({ streamPrefixes: ['creditPack-'] }).accepts({ streamId: 'creditPack-p1', type: '$streamDeleted' })).toBe(false);
    expect(planFilter({ streamPrefixes: ['$ce-'] }).accepts({ streamId: '$ce-creditPack', type: '$>' })).toBe(false);
  });

  it('an empty list of prefixes matches nothing, on the server too', () => {
    const plan = planFilter({ streamPrefixes: [] });
    expect(new RegExp((plan.server as { regex: string }).regex).test('anything')).toBe(false);
    expect(plan.accepts({ streamId: 'creditPack-p1', type: 'CreditsConsumed' })).toBe(false);
  });
});

describe('reconnection', () => {
  it('waits the initial delay, doubling after each failed attempt, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay({ initialDelayMs: 100, maxDelayMs: 1_000 }, n))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay({}, 1)).toBe(200);
  });

  it('retries a dropped connection, an unavailable or busy server, a moved leader; never a refusal or a bug', () => {
    expect(['unavailable', 'cancelled', 'deadline-exceeded', 'not-leader'].every((type) => isTransient({ type }))).toBe(true);
    expect(['access-denied', 'invalid-argument', 'stream-deleted'].some((type) => isTransient({ type }))).toBe(false);
    expect(isTransient(new TypeError('not a packledger event'))).toBe(false);
  });
});

describe('a client that ignores the expected revision', () => {
  it('is caught after the fact: an append whose revision does not follow the expected one rejects instead of passing as a success', async () => {
    const unused = (): never => { throw new Error('not used by this test'); };
    // A client that drops the option and appends with no check, as a KurrentDB client does with `expectedRevision`.
    const careless: EventStoreDbClient = {
      appendToStream: async () => ({ success: true, nextExpectedRevision: 7n, position: { commit: 9_000n, prepare: 9_000n } }),
      readStream: unused, readAll: unused, subscribeToAll: unused, deleteStream: unused, tombstoneStream: unused,
    };
    await expect(eventStoreDbStore(careless).append('creditPack-p1', [event('6f1d2c4e-9a77-5b1b-8c2d-3e4f5a6b7c8d')], { expectedRevision: 2n })).rejects.toThrow(/did not send the expected revision/);
  });
});
