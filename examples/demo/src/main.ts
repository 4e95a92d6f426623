// The demo host: one command, every scenario, every report.
// The scenarios themselves are plain TypeScript in packages/cli/src/demo/ (agency.ts, voip.ts, isp.ts):
// commands go in as JSON, through the command handler, into the embedded event store.
import { runDemo } from '@packledger/cli';

runDemo()
  .then((text) => console.log(text))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
