import { InMemoryEventStore, commandHandler, creditPackAggregate, loadStream } from '@packledger/application';
import { creditPackStream, decodeCreditPackCommand, type CreditPackCommand } from '@packledger/domain';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import type { Figure } from './harness';

const staff = { kind: 'staff', userId: 'bench', roles: ['sales', 'accounts'] };
const decode = (json: Record<string, unknown>): CreditPackCommand => {
  const d = decodeCreditPackCommand(json);
  if (E.isLeft(d)) throw new Error(d.left.message);
  return d.right;
};
const issue = (packId: string, credits: string) => decode({
  type: 'IssueCreditPack', packId, orderId: `o-${packId}`, name: `Pack ${packId}`, owner: { type: 'office', officeId: `office-${packId.length % 7}`, companyId: 'acme' },
  credits, price: { amount: '950.00', currency: 'GBP' }, linkedProducts: ['edit-day', 'shoot-day'], relationshipManagerId: 'sam', projectManagerId: 'pat',
  invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: 12 }, actor: staff, at: '2026-01-01T09:00:00Z',
});
const consume = (packId: string, n: number) => decode({
  type: 'ConsumeCredits', packId, consumptionId: `c${n}`, credits: '1', productId: 'edit-day', actor: staff, at: '2026-02-01T09:00:00Z',
  project: { projectId: `project-${n % 50}`, companyId: 'acme', officeId: `office-${packId.length % 7}`, contactUserIds: [] },
});

const must = async (p: Promise<E.Either<unknown, unknown>>): Promise<void> => {
  const r = await p;
  if (E.isLeft(r)) throw new Error(`bench command failed: ${JSON.stringify(r.left, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
};

/** 10,000 packs issued, then 10 consumptions each, through the command handler and the in-memory store. */
export const commandsPerSecondManyStreams: Figure = {
  name: 'commands_per_s_many_streams',
  unit: 'commands/s',
  better: 'higher',
  target: 50_000,
  workload: '10,000 credit packs issued, then 10 consumptions each (110,000 commands), CommandHandler + InMemoryEventStore',
  measure: async () => {
    const packs = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
    const issues = packs.map((p) => issue(p, '100'));
    const consumptions = Array.from({ length: 10 }, (_, n) => packs.map((p) => consume(p, n))).flat();
    const handle = commandHandler(new InMemoryEventStore(), creditPackAggregate);
    let id = 0;
    const start = performance.now();
    for (const c of issues) await must(handle(c, { commandId: `cmd-${id++}` }));
    for (const c of consumptions) await must(handle(c, { commandId: `cmd-${id++}` }));
    return (issues.length + consumptions.length) / ((performance.now() - start) / 1000);
  },
};

/** One pack, 20,000 consumptions in sequence: the last 1,000 take how much longer than the first 1,000? */
export const hotStreamLastVsFirst: Figure = {
  name: 'hot_stream_last_vs_first',
  unit: 'ratio',
  better: 'lower',
  target: 1.5,
  workload: 'one pack, 20,000 consumptions in sequence through CommandHandler + InMemoryEventStore: time of the last 1,000 / time of the first 1,000',
  measure: async () => {
    const handle = commandHandler(new InMemoryEventStore(), creditPackAggregate);
    await must(handle(issue('hot', '1000000'), { commandId: 'issue' }));
    const commands = Array.from({ length: 20_000 }, (_, n) => consume('hot', n));
    const times: number[] = [];
    for (let n = 0; n < commands.length; n++) {
      const start = performance.now();
      await must(handle(commands[n] as CreditPackCommand, { commandId: `c-${n}` }));
      times.push(performance.now() - start);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return sum(times.slice(-1000)) / sum(times.slice(0, 1000));
  },
};

/** Load (read, decode, fold) one pack from a 10,000-event stream, no snapshot, no cache. */
export const loadTenThousandEvents: Figure = {
  name: 'load_ms_10k_events',
  unit: 'ms',
  better: 'lower',
  target: 10,
  workload: 'loadStream of one credit pack with 10,000 events (issue + 9,999 consumptions): read, decode with the codecs, upcast, fold; no snapshot',
  measure: async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, creditPackAggregate);
    await must(handle(issue('big', '1000000'), { commandId: 'issue' }));
    for (let n = 0; n < 9_999; n++) await must(handle(consume('big', n), { commandId: `c-${n}` }));
    const start = performance.now();
    const loaded = await loadStream(store, creditPackAggregate, creditPackStream('big'));
    const ms = performance.now() - start;
    if (E.isLeft(loaded) || loaded.right.revision !== 9_999n) throw new Error('load failed');
    return ms;
  },
};
