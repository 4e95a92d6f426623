import type { EventStore } from '@packledger/application';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, rebuildViews, type RebuildProgress } from '@packledger/projections';

/** Replays every event of the store into every view; reports progress; returns the views and the instant of the last event. */
export const replayInto = async (
  store: EventStore,
  onProgress?: (p: RebuildProgress) => void,
): Promise<{ readModels: InMemoryReadModelStore; events: number; lastOccurredAt: string | undefined }> => {
  const readModels = new InMemoryReadModelStore();
  const events = await rebuildViews({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams), ...(onProgress === undefined ? {} : { onProgress }) });
  let lastOccurredAt: string | undefined;
  for await (const e of store.readAll()) if (lastOccurredAt === undefined || e.metadata.occurredAt > lastOccurredAt) lastOccurredAt = e.metadata.occurredAt;
  return { readModels, events, lastOccurredAt };
};
