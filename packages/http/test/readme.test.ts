// The example of packages/http/README.md, run as written (between the markers below).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryEventStore } from '@packledger/application';
import { Actor } from '@packledger/domain';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, startProjections } from '@packledger/projections';
import { headerValues, httpHandler, nodeListener, type Authenticator } from '@packledger/http';
import * as E from 'fp-ts/Either';

test('the README example issues a pack as staff and shows it to the company\'s accounts user', async () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  // README:start
  // Your sessions: who each bearer token is (decoded, so a bad fixture fails loudly).
  const sessions = new Map<string, unknown>([
    ['dana-token', { kind: 'staff', userId: 'dana', roles: ['sales'] }],
    ['ann-token', { kind: 'client', userId: 'ann', companyId: 'acme', role: 'accounts' }],
  ]);
  const authenticate: Authenticator = async (request) => {
    const [authorization] = headerValues(request.headers, 'authorization');
    const actor = Actor.decode(sessions.get(authorization?.replace(/^Bearer /, '') ?? ''));
    return E.isRight(actor) ? actor : E.left({ reason: 'Send a valid bearer token.', challenge: 'Bearer' });
  };

  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  const server = http.createServer(nodeListener(httpHandler({ store, readModels, projections, authenticate })));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;

  // Dana (staff, sales) issues a pack. The Idempotency-Key makes a retry safe.
  const issued = await fetch(`${base}/credit-packs/pack-1/commands`, {
    method: 'POST',
    headers: { authorization: 'Bearer dana-token', 'idempotency-key': 'order-1-issue', 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'IssueCreditPack', orderId: 'order-1', name: 'Production pack',
      owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
      price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
      relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
      expiry: { type: 'monthsAfterIssue', months: 6 },
    }),
  });
  console.log(issued.status); // 200

  // Ann (Client Hub, Accounts, acme) sees her company's balance at once: read-your-writes.
  const balance = await fetch(`${base}/companies/acme/credit-balance`, { headers: { authorization: 'Bearer ann-token' } });
  console.log(((await balance.json()) as { available: string }).available); // "40"

  server.close();
  await projections.stop();
  // README:end
  expect(log.mock.calls).toEqual([[200], ['40']]);
  log.mockRestore();
});

test('the README shows this example, line for line', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const source = readFileSync(__filename, 'utf8');
  const body = /\/\/ README:start\n([\s\S]*?)\s*\/\/ README:end/.exec(source)?.[1] ?? '';
  const trimmed = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const readmeLines = trimmed(block);
  const imports = readmeLines.filter((l) => l.startsWith('import '));
  for (const line of imports) expect(source).toContain(line);
  expect(readmeLines.filter((l) => !l.startsWith('import '))).toEqual(trimmed(body));
});
