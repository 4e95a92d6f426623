// `npm run bench [-- <name> ...]`: runs every figure, or the named ones.
import { billRunPackagesPerSecond, usageRecordsPerSecond } from './billing';
import { commandsPerSecondManyStreams, hotStreamLastVsFirst, loadTenThousandEvents } from './commands';
import { esdbAdapterReadRatio, esdbAdapterReadsPerSecond, esdbAppendsPerSecond, esdbRawReadsPerSecond } from './esdb';
import { runFigure, type Figure } from './harness';
import { pgAppendsPerSecond, pgAppendsPerSecondSingle, pgRebuildEventsPerSecond } from './postgres';
import { rebuildEventsPerSecond, rebuildPeakRssMb } from './rebuild';

const figures: readonly Figure[] = [
  commandsPerSecondManyStreams, hotStreamLastVsFirst, loadTenThousandEvents, rebuildEventsPerSecond, rebuildPeakRssMb, billRunPackagesPerSecond, usageRecordsPerSecond,
  pgAppendsPerSecondSingle, pgAppendsPerSecond, pgRebuildEventsPerSecond,
  esdbAppendsPerSecond, esdbAdapterReadsPerSecond, esdbRawReadsPerSecond, esdbAdapterReadRatio,
];

const main = async () => {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !figures.some((f) => f.name === w));
  if (unknown.length > 0) {
    console.error(`unknown figure(s): ${unknown.join(', ')}; known: ${figures.map((f) => f.name).join(', ')}`);
    process.exit(2);
  }
  console.log(`packledger bench on node ${process.version}, ${process.platform}/${process.arch}`);
  for (const figure of figures.filter((f) => wanted.length === 0 || wanted.includes(f.name))) await runFigure(figure);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
