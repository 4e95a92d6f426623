// Runs in its own process so that its peak resident memory is the rebuild's alone.
// argv: <jsonl file> <repetitions>; prints one JSON line: { rates: number[], peakRssMb, events }.
import { loadJsonlFile } from '@packledger/application';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, rebuildViews } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';

const main = async () => {
  const [file, reps] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: rebuild-child <file.jsonl> [repetitions]');
  const loaded = await loadJsonlFile(file);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  const store = loaded.right;
  const decode = eventDecoder(packledgerStreams);
  const rates: number[] = [];
  let events = 0;
  for (let i = 0; i < 1 + Number(reps ?? 5); i++) {
    const readModels = new InMemoryReadModelStore();
    const start = performance.now();
    events = await rebuildViews({ events: store, readModels, views: allViews, decode, total: 0 });
    const rate = events / ((performance.now() - start) / 1000);
    if (i > 0) rates.push(rate);
  }
  console.log(JSON.stringify({ rates, events, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
