// The adapter's test server (a protocol fake, see packages/eventstoredb/test/support/test-server)
// in a process of its own, speaking @eventstore/db-client v6's protocol. Forked by ./client.ts:
// it sends `{ port }` once listening and stops when its parent disconnects.
import { eventStoreDbClientProtocol } from '../../packages/eventstoredb/test/support/test-server/protocol-eventstore-db-client';
import { TestEventStoreServer } from '../../packages/eventstoredb/test/support/test-server/server';

const main = async () => {
  const server = await TestEventStoreServer.start(eventStoreDbClientProtocol);
  process.on('disconnect', () => {
    void server.stop().then(() => process.exit(0));
  });
  process.send?.({ port: server.port });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
