import Fastify from 'fastify';
import { startPackledger, type RunningServer } from './host';

/**
 * packledger in Fastify: Fastify's body parsers are replaced by one that leaves the body
 * unread, and a catch-all route hands the raw request and response to the node listener
 * (`reply.hijack()`), which reads the body with its own size limit. The app's own routes
 * (`/health`) keep working beside it.
 *
 * @example
 * const server = await startFastify(3000);
 * await server.close();
 */
export const startFastify = async (port = 0): Promise<RunningServer> => {
  const packledger = await startPackledger();
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.get('/health', async () => ({ ok: true }));
  app.all('/*', async (request, reply) => {
    reply.hijack();
    await packledger.listener(request.raw, reply.raw);
  });
  const url = await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await packledger.stop();
    },
  };
};

if (require.main === module) {
  void startFastify(Number(process.env.PORT ?? 3000)).then((server) => console.log(`packledger on Fastify at ${server.url} (try: curl -H 'authorization: Bearer dana-token' ${server.url}/credit-pack-tracking)`));
}
