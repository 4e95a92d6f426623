import type * as E from 'fp-ts/Either';
import type { Aggregate } from './aggregate';
import type { EventStore } from './event-store';
import { loadStream, refreshStream, type LoadedStream, type LoadOptions, type UnreadableStream } from './load-stream';

/**
 * Folded streams kept between commands, the least recently used dropped beyond `capacity`.
 * A command handler keeps one of its own; a driver that loads many streams before sending
 * commands to them (a bill run) shares one with its handler, so each stream is decoded once.
 */
export interface StreamCache<State> {
  get(stream: string): LoadedStream<State> | undefined;
  remember(loaded: LoadedStream<State>): void;
  forget(stream: string): void;
}

/**
 * A {@link StreamCache} holding at most `capacity` streams (0: none).
 *
 * @example
 * const streams = streamCache<AccountPackageState>(20_000);
 * const handle = commandHandler(store, accountPackageAggregate, { streams });
 * const loaded = await loadCached(store, accountPackageAggregate, accountPackageStream('ap-1'), streams);
 */
export const streamCache = <State>(capacity: number): StreamCache<State> => {
  if (!Number.isInteger(capacity) || capacity < 0) throw new TypeError(`a stream cache holds a whole number of streams, zero or more; got ${capacity}`);
  const streams = new Map<string, LoadedStream<State>>();
  return {
    get: (stream) => streams.get(stream),
    remember: (loaded) => {
      if (capacity === 0) return;
      streams.delete(loaded.stream);
      streams.set(loaded.stream, loaded);
      if (streams.size > capacity) streams.delete(streams.keys().next().value as string);
    },
    forget: (stream) => {
      streams.delete(stream);
    },
  };
};

/**
 * Loads a stream through a cache: a cached stream is brought up to date by reading only the
 * events after its revision (whoever appended them); any other is loaded in full. Either way
 * the result is remembered; an unreadable stream is forgotten.
 */
export const loadCached = async <C, Ev, S, Err>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err>,
  stream: string,
  cache: StreamCache<S>,
  options: LoadOptions<S> = {},
): Promise<E.Either<UnreadableStream, LoadedStream<S>>> => {
  const cached = cache.get(stream);
  const loaded = cached === undefined ? await loadStream(store, aggregate, stream, options) : await refreshStream(store, aggregate, cached, options);
  if (loaded._tag === 'Left') cache.forget(stream);
  else cache.remember(loaded.right);
  return loaded;
};
