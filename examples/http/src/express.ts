import express from 'express';
import type { AddressInfo } from 'node:net';
import { startPackledger, type RunningServer } from './host';

/**
 * packledger in Express: the node listener mounted with `app.use`, beside the app's own
 * routes. Express does not read bodies unless told to, so the listener reads the raw
 * body itself, with its size limit.
 *
 * @example
 * const server = await startExpress(3000);
 * // curl -X POST localhost:3000/credit-packs/p1/commands -H 'authorization: Bearer dana-token' -H 'idempotency-key: k1' -d '{...}'
 * await server.close();
 */
export const startExpress = async (port = 0): Promise<RunningServer> => {
  const packledger = await startPackledger();
  const app = express();
  app.get('/health', (_request, response) => {
    response.json({ ok: true });
  });
  app.use(packledger.listener);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
      await packledger.stop();
    },
  };
};

if (require.main === module) {
  void startExpress(Number(process.env.PORT ?? 3000)).then((server) => console.log(`packledger on Express at ${server.url} (try: curl -H 'authorization: Bearer dana-token' ${server.url}/credit-pack-tracking)`));
}
