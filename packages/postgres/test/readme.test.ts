// The example of packages/postgres/README.md, run as written, in a schema of its own.
import { commandHandler, creditPackAggregate } from '@packledger/application';
import { decodeCreditPackCommand } from '@packledger/domain';
import { allViews, eventDecoder, packledgerStreams, startProjections } from '@packledger/projections';
import { dropSchema, openPostgres, selectAvailableToClient, selectTrackingReport } from '@packledger/postgres';
import * as E from 'fp-ts/Either';
import { describeWithPostgres, newPool, postgresUrl, uniqueSchema } from './support/postgres';

describeWithPostgres('the README example', () => {
  const schema = uniqueSchema('readme');
  afterAll(async () => {
    const pool = newPool(1);
    await dropSchema(pool, { schema });
    await pool.end();
  });

  test('runs and finds 40 credits available and the pack in the tracking report', async () => {
    const lines: unknown[] = [];
    const log = (line: unknown): void => { lines.push(line); };

    // Makes a pool (or pass your own: { pool }), creates or migrates the schema, opens both stores.
    const db = await openPostgres({ connectionString: postgresUrl, schema });
    const running = await startProjections({ events: db.events, readModels: db.readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
    await running.caughtUp;

    const issue = decodeCreditPackCommand({
      type: 'IssueCreditPack', packId: 'pack-1', orderId: 'order-1', name: 'Production pack',
      owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits: '40',
      price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'],
      relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
      expiry: { type: 'monthsAfterIssue', months: 6 }, actor: { kind: 'staff', userId: 'dana', roles: ['sales'] },
      at: '2026-01-31T10:00:00Z',
    });
    const outcome = E.isRight(issue) ? await commandHandler(db.events, creditPackAggregate)(issue.right, { commandId: 'order-1-issue' }) : undefined;
    const position = outcome !== undefined && E.isRight(outcome) ? outcome.right.position : undefined;
    if (position !== undefined) await running.reached(position); // read your own write

    log(await selectAvailableToClient(db.readModels, 'acme', '2026-03-01T00:00:00Z')); // 40
    const report = await selectTrackingReport(db.readModels, { projectManagerId: 'pat', search: 'production' }, '2026-03-01T00:00:00Z');
    log(report.map((row) => `${row.packId} ${row.remaining} until ${row.expiresAt}`)); // [ 'pack-1 40 until 2026-07-31T10:00:00.000Z' ]

    await running.stop();
    await db.close(); // stops subscriptions and ends the pool openPostgres made

    expect(lines).toEqual(['40', ['pack-1 40 until 2026-07-31T10:00:00.000Z']]);
  });
});
