import { InMemoryEventStore, clientPackageAggregate, commandHandler, runPackageManager } from '@packledger/application';
import { Actor, InstantString, MoneyCodec, decodeClientPackageCommand, decodeWith } from '@packledger/domain';
import { InMemoryReadModelStore, allViews, clientPackages, eventDecoder, packledgerStreams, rebuildViews, type ClientPackageRow } from '@packledger/projections';
import * as E from 'fp-ts/Either';

/** The decoded value, or a thrown error listing what was wrong with the input. */
const must = <A>(decoded: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};

/**
 * A VoIP operator sells a monthly client package: each month the client may spend up to
 * 100.00 USD on destinations starting 380 (Ukraine) and talk 100 minutes to 38044 (Kyiv).
 * The package manager activates it and renews it each month when the client's balance
 * covers the fees; the rating engine draws each call or charge from the matching limit,
 * and whatever does not fit (the overflow) is rated normally, outside the package.
 */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  const store = new InMemoryEventStore();
  const handle = commandHandler(store, clientPackageAggregate);
  let sent = 0;
  const send = async (json: Record<string, unknown>) => {
    const command = must(decodeClientPackageCommand(json));
    const outcome = await handle(command, { commandId: `voip-${++sent}` });
    if (E.isLeft(outcome)) throw new Error(outcome.left.kind === 'refused' ? outcome.left.refusal.message : outcome.left.error.message);
    return outcome.right.events;
  };

  // 1. Olga, an operator, assigns the package to the client, starting on 1 March.
  const olga = { kind: 'staff', userId: 'olga', roles: ['accounts'] };
  const assigned = await send({
    type: 'AssignClientPackage', clientPackageId: 'cp-1', clientId: 'orig-client', startDate: '2026-03-01T00:00:00Z', quantity: 1, activateInPast: false,
    package: {
      catalogPackageId: 'ua-100', name: 'Ukraine 100', activationFee: { amount: '5.00', currency: 'USD' }, subscriptionFee: { amount: '20.00', currency: 'USD' },
      period: { unit: 'month', count: 1 },
      limits: [{ type: 'money', prefix: '380', amount: { amount: '100.00', currency: 'USD' } }, { type: 'volume', prefix: '38044', minutes: '100' }],
    },
    options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, actor: olga, at: '2026-02-25T09:00:00Z',
  });
  log(`assigned cp-1: ${assigned.map((e) => e.type).join(', ')} (pending until its start date)`);

  // 2. The package manager runs on a schedule. It asks the host for the client's balance,
  // which must cover the fees (5.00 activation + 20.00 subscription the first time).
  const manager = must(decodeWith(Actor, { kind: 'system', name: 'package-manager' }));
  const runManager = async (at: string, balance: string): Promise<void> => {
    const [outcome] = await runPackageManager({
      store, clientPackageIds: ['cp-1'], actor: manager, at: must(decodeWith(InstantString, at)),
      balanceOf: async () => must(decodeWith(MoneyCodec, { amount: balance, currency: 'USD' })),
    });
    log(`package manager at ${at.slice(0, 10)}, balance ${balance} USD: ${outcome?.events.join(', ') || 'nothing'} (${outcome?.message})`);
  };

  // 3. The rating engine sends each call (minutes) or charge (money) to the package.
  const rater = { kind: 'system', name: 'rating' };
  const rate = async (usageId: string, destination: string, usage: object, at: string): Promise<void> => {
    for (const e of await send({ type: 'RateUsage', clientPackageId: 'cp-1', usage: { usageId, destination, ...usage }, actor: rater, at })) {
      if (e.type !== 'UsageRatedAgainstLimits') continue;
      const unit = e.data.usageType === 'minutes' ? 'min' : e.data.currency;
      log(`rated ${usageId} to ${destination}: ${e.data.requested.toFixed()} ${unit} asked, ${e.data.consumed.toFixed()} from the package, ${e.data.overflow.toFixed()} over the limit`);
    }
  };

  await runManager('2026-03-01T00:00:00Z', '50.00');
  await rate('call-1', '380441234567', { type: 'minutes', minutes: '42' }, '2026-03-04T10:00:00Z'); // 58 minutes left
  await rate('charge-1', '380501112233', { type: 'money', amount: { amount: '37.50', currency: 'USD' } }, '2026-03-10T12:00:00Z'); // 62.50 USD left
  // 4. A 75-minute call with 58 minutes left: 58 come from the package, 17 overflow.
  await rate('call-2', '380449876543', { type: 'minutes', minutes: '75' }, '2026-03-20T16:30:00Z');
  // 5. On 1 April the period has ended: the manager renews it (20.00 USD) with fresh limits.
  await runManager('2026-04-01T00:00:00Z', '25.00');
  await rate('call-3', '380441234567', { type: 'minutes', minutes: '10' }, '2026-04-02T08:15:00Z');

  // The limits history (the client packages view), newest period first.
  const readModels = new InMemoryReadModelStore();
  await rebuildViews({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  for (const row of (await readModels.all(clientPackages.name)) as readonly ClientPackageRow[]) {
    log('');
    log(`limits history of ${row.clientPackageId} (${row.packageName}, ${row.status}):`);
    for (const p of row.periods) {
      for (const l of p.limits) {
        log(`  period ${p.number} ${p.start.slice(0, 10)} to ${p.end.slice(0, 10)}: ${l.prefix} used ${l.used} of ${l.limit} ${l.currency ?? 'min'}, ${l.left} left`);
      }
    }
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
