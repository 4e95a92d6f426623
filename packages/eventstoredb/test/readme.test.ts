// The example of packages/eventstoredb/README.md, run as written against the in-process test server
// (ESDB_URL points the example at it; console.log and console.warn are captured). A second test
// checks that the code below is still the code of the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { commandHandler, creditPackAggregate } from '@packledger/application';
import { decodeCreditPackCommand } from '@packledger/domain';
import { eventStoreDbStore } from '@packledger/eventstoredb';
import { InMemoryReadModelStore, allViews, availableToClient, eventDecoder, packledgerStreams, startProjections, type CreditBalance } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { eventStoreDbClientProtocol } from './support/test-server/protocol-eventstore-db-client';
import { TestEventStoreServer } from './support/test-server/server';

const START = '// --- README example starts here ---';
const END = '// --- README example ends here ---';

test('the README example runs against the in-process server and prints what it says', async () => {
  const server = await TestEventStoreServer.start(eventStoreDbClientProtocol);
  const previous = process.env.ESDB_URL;
  process.env.ESDB_URL = server.connectionString();
  const printed: string[] = [];
  const console = { log: (...xs: unknown[]) => printed.push(xs.join(' ')), warn: (...xs: unknown[]) => printed.push(xs.join(' ')) };
  try {
    // --- README example starts here ---
    const client = EventStoreDBClient.connectionString(process.env.ESDB_URL ?? 'esdb://localhost:2113?tls=false');
    const store = eventStoreDbStore(client, {
      deadlineMs: 5_000,
      subscriptions: {
        reconnect: { initialDelayMs: 200, maxDelayMs: 30_000 },
        onReconnect: ({ attempt, delayMs }) => console.warn(`EventStoreDB connection lost; reconnecting (attempt ${attempt}) in ${delayMs} ms`),
      },
    });

    // Writes: load, decide, append expecting the revision read; retries of a command id are safe.
    const handle = commandHandler(store, creditPackAggregate);

    // Reads: the runner subscribes to $all with its views' stream prefixes, catches up, stays live.
    const readModels = new InMemoryReadModelStore(); // the PostgreSQL read-model store in production
    const running = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
    await running.caughtUp;

    const issue = decodeCreditPackCommand({
      type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack',
      owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
      price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
      relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
      expiry: { type: 'monthsAfterIssue', months: 6 }, actor: { kind: 'staff', userId: 'dana', roles: ['sales'] },
      at: '2026-01-31T10:00:00Z',
    });
    if (E.isLeft(issue)) throw new Error(issue.left.message);
    const outcome = await handle(issue.right, { commandId: 'order-1-issue' });
    if (E.isRight(outcome) && outcome.right.position !== undefined) await running.reached(outcome.right.position); // read your own write

    const balances = (await readModels.all('credit_balances')) as unknown as CreditBalance[];
    console.log(availableToClient(balances, 'acme', '2026-03-01T00:00:00Z')); // 40

    // The client-package rule "delete entirely": a tombstone. Nothing can write the stream again.
    const deleted = await store.deleteStream('clientPackage-c1', { tombstone: true });
    console.log(E.isRight(deleted)); // true

    await running.stop();
    await client.dispose();
    // --- README example ends here ---
  } finally {
    process.env.ESDB_URL = previous;
    await server.stop();
  }
  expect(printed).toEqual(['40', 'true']);
});

test('the README shows the code this test runs', () => {
  const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('```ts', readme.indexOf('## A production setup on one page')) + 5);
  const example = lines(block.slice(0, block.indexOf('```'))).filter((l) => !l.startsWith('import '));
  const source = readFileSync(__filename, 'utf8');
  const mirrored = lines(source.slice(source.lastIndexOf(START) + START.length, source.lastIndexOf(END)));
  expect(mirrored).toEqual(example);
});
