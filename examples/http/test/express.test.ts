import { startExpress } from '../src/express';
import { issueAndQuery } from './exercise';

test('the Express example takes a command and answers a query that sees it', async () => {
  const server = await startExpress();
  try {
    const { command, query } = await issueAndQuery(server.url);
    expect([command.status, command.body.duplicate, command.body.viewsCurrent]).toEqual([200, false, true]);
    expect([query.status, query.body.available]).toEqual([200, '40']);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
  } finally {
    await server.close();
  }
});
