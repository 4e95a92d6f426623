// The storage of the test server: streams and the transaction log ($all) in memory, with the write
// and read rules of EventStoreDB that the adapter relies on. A protocol fake for tests, not a
// database: see README.md beside this file for what it does and does not do.
import { randomUUID } from 'node:crypto';

/** An event as a client proposes it (AppendReq.ProposedMessage / BatchAppendReq.ProposedMessage). */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** An event in the log. `position` is both its commit and its prepare position. */
export interface LoggedEvent extends ProposedEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

/** What a write expects of the stream (AppendReq.Options.expected_stream_revision). */
export type Expectation =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** How a write ended. `current` is the stream's last revision, undefined when it has none. */
export type WriteOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly lastRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint | undefined }
  | { readonly kind: 'stream_deleted' };

/** How a stream read ended. */
export type StreamRead =
  | { readonly kind: 'events'; readonly events: readonly LoggedEvent[] }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'deleted' };

/** A server-side filter (ReadReq.Options.FilterOptions): on the stream name or the event type, by prefixes or a regex. */
export interface ServerFilter {
  readonly on: 'stream' | 'type';
  readonly prefixes: readonly string[];
  readonly regex: RegExp | undefined;
}

/** True when the event passes the filter, as EventStoreDB's EventFilter.IsEventAllowed. */
export const passes = (filter: ServerFilter | undefined, event: LoggedEvent): boolean => {
  if (filter === undefined) return true;
  const subject = filter.on === 'stream' ? event.stream : event.type;
  return filter.regex !== undefined ? filter.regex.test(subject) : filter.prefixes.some((p) => subject.startsWith(p));
};

/** EventNumber.DeletedStream: the revision of a tombstone, and the `$tb` of a soft-deleted stream. */
export const DELETED_STREAM = 9223372036854775807n;

interface StreamState {
  /** Every event of the stream in revision order, truncated ones included (they stay in $all until scavenged). */
  readonly events: LoggedEvent[];
  /** `$tb` of the stream's metadata: events before it are not read. */
  truncateBefore: bigint;
  /** Soft-deleted and not written since: reads say not found, the next write recreates it. */
  softDeleted: boolean;
  tombstoned: boolean;
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const TICKS_PER_MS = 10_000n;

/**
 * The transaction log of the test server. Positions are byte offsets that grow by the size of each
 * record (so they are not contiguous, as in EventStoreDB); an event's commit and prepare positions
 * are equal, as for every event written through gRPC since 20.x. It outlives server restarts.
 */
export class TestLog {
  readonly #all: LoggedEvent[] = [];
  readonly #streams = new Map<string, StreamState>();
  readonly #listeners = new Set<() => void>();
  readonly #clock: () => number;
  #nextPosition = 1_024n;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
    // A fresh EventStoreDB writes system events first; readers must never see them.
    this.#write('$$$stats-127.0.0.1:2113', 0n, [{ id: '3f9ae2f0-7d4b-4d1a-9a51-5f3a4c2e7b10', type: '$metadata', contentType: 'application/json', data: utf8('{"$maxAge":86400}'), metadata: new Uint8Array() }]);
  }

  /** Every event in log order (the $all stream). */
  get all(): readonly LoggedEvent[] {
    return this.#all;
  }

  /** Calls `listener` after every write; returns the function that stops it. */
  onWrite(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #state(stream: string): StreamState {
    let state = this.#streams.get(stream);
    if (state === undefined) {
      state = { events: [], truncateBefore: 0n, softDeleted: false, tombstoned: false };
      this.#streams.set(stream, state);
    }
    return state;
  }

  /** The revision of the stream's last event (truncated or not), -1 when it has none. */
  #current(state: StreamState): bigint {
    const last = state.events[state.events.length - 1];
    return last === undefined ? -1n : last.revision;
  }

  #write(stream: string, firstRevision: bigint, events: readonly ProposedEvent[]): LoggedEvent[] {
    const state = this.#state(stream);
    const created = BigInt(this.#clock()) * TICKS_PER_MS;
    const written = events.map((e, i) => {
      const logged: LoggedEvent = { ...e, stream, revision: firstRevision + BigInt(i), position: this.#nextPosition, created };
      this.#nextPosition += 96n + BigInt(e.data.length + e.metadata.length + e.type.length + stream.length);
      return logged;
    });
    state.events.push(...written);
    this.#all.push(...written);
    return written;
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #setTruncateBefore(stream: string, truncateBefore: bigint): LoggedEvent {
    const meta = `$$${stream}`;
    const metaState = this.#state(meta);
    const [written] = this.#write(meta, this.#current(metaState) + 1n, [
      { id: randomUUID(), type: '$metadata', contentType: 'application/json', data: utf8(`{"$tb":${truncateBefore}}`), metadata: new Uint8Array() },
    ]);
    return written as LoggedEvent;
  }

  /**
   * The events of a write that were already written, in the way EventStoreDB recognises a
   * retry: the first proposed id is found in the stream (at `from`, or anywhere for `any`) and
   * every following id matches the following event. `partial` is a retry that does not match
   * all the way ("corrupted idempotency"), which the server answers as a wrong expected version.
   */
  #idempotency(state: StreamState, proposed: readonly ProposedEvent[], from: number | undefined): 'none' | 'partial' | LoggedEvent {
    const first = proposed[0];
    if (first === undefined) return 'none';
    const start = from ?? state.events.findIndex((e) => e.id === first.id);
    if (start < 0 || state.events[start]?.id !== first.id) return 'none';
    for (let i = 0; i < proposed.length; i++) if (state.events[start + i]?.id !== proposed[i]?.id) return 'partial';
    return state.events[start + proposed.length - 1] as LoggedEvent;
  }

  /**
   * Appends `events` to `stream` if it is where `expected` says, all or none (ClientMessage.WriteEvents).
   * A soft-deleted stream is recreated by its next write, expecting no stream, any revision or its
   * last revision; revisions continue after the deleted ones and the metadata's `$tb` moves to
   * the first new event. A tombstoned stream refuses every write.
   */
  append(stream: string, expected: Expectation, events: readonly ProposedEvent[]): WriteOutcome {
    const state = this.#state(stream);
    if (state.tombstoned) return { kind: 'stream_deleted' };
    const current = this.#current(state);
    const wrong = (): WriteOutcome => ({ kind: 'wrong_expected_version', current: current < 0n ? undefined : current });
    const found = (e: LoggedEvent): WriteOutcome => ({ kind: 'idempotent', lastRevision: e.revision, position: e.position });
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      if (expected.kind === 'stream_exists' && (current < 0n || state.softDeleted)) return wrong();
      const retry = this.#idempotency(state, events, undefined);
      if (retry === 'partial') return wrong();
      if (retry !== 'none') return found(retry);
    } else {
      const target = expected.kind === 'revision' ? expected.revision : state.softDeleted ? current : -1n;
      if (target > current) return wrong();
      if (target < current) {
        const retry = this.#idempotency(state, events, Number(target + 1n));
        return retry === 'none' || retry === 'partial' ? wrong() : found(retry);
      }
    }
    if (events.length === 0) return { kind: 'written', lastRevision: current, position: -1n };
    const recreating = state.softDeleted;
    const written = this.#write(stream, current + 1n, events);
    if (recreating) {
      state.softDeleted = false;
      state.truncateBefore = current + 1n;
      this.#setTruncateBefore(stream, current + 1n);
    }
    this.#notify();
    const last = written[written.length - 1] as LoggedEvent;
    return { kind: 'written', lastRevision: last.revision, position: last.position };
  }

  /**
   * Deletes a stream if it is where `expected` says. Soft delete writes `$tb` = EventNumber.DeletedStream
   * to its metadata stream (`$$stream`); a tombstone writes a `$streamDeleted` event into the stream at
   * revision EventNumber.DeletedStream, after which it can never be written or read again.
   * Both leave the stream's events in $all, as EventStoreDB does until a scavenge.
   */
  delete(stream: string, expected: Expectation, tombstone: boolean): WriteOutcome {
    const state = this.#state(stream);
    if (state.tombstoned) return { kind: 'stream_deleted' };
    const current = this.#current(state);
    const exists = current >= 0n && !state.softDeleted;
    const satisfied =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current < 0n) ||
      (expected.kind === 'stream_exists' && exists) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!satisfied) return { kind: 'wrong_expected_version', current: current < 0n ? undefined : current };
    let marker: LoggedEvent;
    if (tombstone) {
      [marker] = this.#write(stream, DELETED_STREAM, [{ id: randomUUID(), type: '$streamDeleted', contentType: 'application/octet-stream', data: new Uint8Array(), metadata: new Uint8Array() }]) as [LoggedEvent];
      state.tombstoned = true;
    } else {
      marker = this.#setTruncateBefore(stream, DELETED_STREAM);
      state.softDeleted = true;
    }
    this.#notify();
    return { kind: 'written', lastRevision: current, position: marker.position };
  }

  /** Reads a stream forwards from `from` (inclusive) or backwards from it, at most `count` events. */
  readStream(stream: string, direction: 'forwards' | 'backwards', from: bigint | 'start' | 'end', count: bigint): StreamRead {
    const state = this.#streams.get(stream);
    if (state?.tombstoned === true) return { kind: 'deleted' };
    const visible = state === undefined || state.softDeleted ? [] : state.events.filter((e) => e.revision >= state.truncateBefore);
    if (visible.length === 0) return { kind: 'not_found' };
    const out: LoggedEvent[] = [];
    if (direction === 'forwards') {
      const start = from === 'start' ? 0n : from === 'end' ? DELETED_STREAM : from;
      for (const e of visible) if (e.revision >= start && BigInt(out.length) < count) out.push(e);
    } else {
      const start = from === 'start' ? -1n : from === 'end' ? DELETED_STREAM : from;
      for (let i = visible.length - 1; i >= 0; i--) {
        const e = visible[i] as LoggedEvent;
        if (e.revision <= start && BigInt(out.length) < count) out.push(e);
      }
    }
    return { kind: 'events', events: out };
  }

  /**
   * Reads $all: forwards, the events at or after `from` (a read from a position includes the event
   * at it); backwards, the events before it. At most `count` events that pass the filter.
   */
  readAll(direction: 'forwards' | 'backwards', from: bigint | 'start' | 'end', count: bigint, filter: ServerFilter | undefined): LoggedEvent[] {
    const out: LoggedEvent[] = [];
    if (direction === 'forwards') {
      if (from === 'end') return out;
      for (const e of this.#all) {
        if (BigInt(out.length) >= count) break;
        if ((from === 'start' || e.position >= from) && passes(filter, e)) out.push(e);
      }
    } else {
      if (from === 'start') return out;
      for (let i = this.#all.length - 1; i >= 0 && BigInt(out.length) < count; i--) {
        const e = this.#all[i] as LoggedEvent;
        if ((from === 'end' || e.position < from) && passes(filter, e)) out.push(e);
      }
    }
    return out;
  }

  /** Index in the log of the first event strictly after `position`. */
  indexAfter(position: bigint): number {
    let low = 0;
    let high = this.#all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#all[mid] as LoggedEvent).position <= position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
