import { InMemoryEventStore } from '@packledger/application';
import { type InMemoryReadModelStore, creditBalances, creditHistory, rebuildViews, startProjections, type CreditBalance, type RebuildProgress } from '@packledger/projections';
import { consumeJson, issueJson, makeWorld } from './world';

describe('the projection runner', () => {
  test('catches up, signals it, then keeps the views current as events arrive', async () => {
    const world = makeWorld();
    await world.send(issueJson('p1'));
    const running = await startProjections({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode });
    await running.caughtUp;
    expect(((await world.readModels.all('credit_balances')) as unknown as CreditBalance[]).map((b) => b.remaining)).toEqual(['40']);
    await world.send(consumeJson('p1', 'c1', '15', 2));
    let last: bigint | undefined;
    for await (const e of world.store.readAll()) last = e.position;
    if (last === undefined) throw new Error('no events');
    await running.reached(last);
    expect(((await world.readModels.all('credit_balances')) as unknown as CreditBalance[]).map((b) => b.remaining)).toEqual(['25']);
    await running.stop();
    expect((await running.closed).reason).toBe('stopped');
  });

  test('reached(position) does not answer while the event at that position is still being applied (read-your-writes)', async () => {
    const world = makeWorld();
    await world.send(issueJson('p1'));
    let gate: (() => void) | undefined;
    let gets = 0;
    // A read-model store whose reads wait (as a database's do) until the test opens the gate.
    const slow = Object.assign(Object.create(world.readModels) as InMemoryReadModelStore, {
      get: async (view: string, ids: readonly string[]) => {
        gets += 1;
        if (gets > 1) await new Promise<void>((resolve) => { gate = resolve; });
        return world.readModels.get(view, ids);
      },
    });
    const running = await startProjections({ events: world.store, readModels: slow, views: [creditBalances], decode: world.decode });
    await running.caughtUp;
    gets = 1;
    await world.send(consumeJson('p1', 'c1', '15', 2));
    let last: bigint | undefined;
    for await (const e of world.store.readAll()) last = e.position;
    if (last === undefined) throw new Error('no events');
    while (gate === undefined) await new Promise((resolve) => setImmediate(resolve));
    let answered = false;
    const reached = running.reached(last).then(() => { answered = true; });
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    gate();
    await reached;
    expect(((await world.readModels.all('credit_balances')) as unknown as CreditBalance[]).map((b) => b.remaining)).toEqual(['25']);
    await running.stop();
  });

  test('a view added later catches up from the beginning without touching the others', async () => {
    const world = makeWorld();
    await world.send(issueJson('p1'));
    await world.send(consumeJson('p1', 'c1', '15', 2));
    const first = await startProjections({ events: world.store, readModels: world.readModels, views: [creditBalances], decode: world.decode });
    await first.caughtUp;
    await first.stop();
    const commits: string[] = [];
    const spying = Object.assign(Object.create(world.readModels) as InMemoryReadModelStore, {
      commit: (view: string, changes: never[], checkpoint: bigint) => { commits.push(`${view}:${changes.length}`); return world.readModels.commit(view, changes, checkpoint); },
    });
    const second = await startProjections({ events: world.store, readModels: spying, views: [creditBalances, creditHistory], decode: world.decode });
    await second.caughtUp;
    await second.stop();
    expect(commits.filter((c) => c.startsWith('credit_balances') && !c.endsWith(':0'))).toEqual([]);
    expect(commits).toContain('credit_history:1');
  });

  test('an event it cannot read stops it, loudly, at that event', async () => {
    const store = new InMemoryEventStore();
    await store.append('creditPack-x', [{ id: 'e1', type: 'CreditsTeleported', data: {}, metadata: { schemaVersion: 1, commandId: 'c', correlationId: 'c', causationId: 'c', actor: 'staff:x', occurredAt: '2026-01-01T00:00:00.000Z' } }], { expectedRevision: 'no_stream' });
    const world = makeWorld();
    const running = await startProjections({ events: store, readModels: world.readModels, views: world.views, decode: world.decode });
    const closed = await running.closed;
    expect(closed.reason).toBe('handler_failed');
    expect(String((closed as { error: unknown }).error)).toMatch(/CreditsTeleported/);
    expect(await world.readModels.checkpoint('credit_balances')).toBeUndefined();
    await expect(running.reached(1n)).rejects.toThrow(/closed \(handler_failed\)/);
  });

  test('a rebuild drops the views, replays everything and reports progress', async () => {
    const world = makeWorld();
    await world.send(issueJson('p1'));
    for (let i = 0; i < 9; i++) await world.send(consumeJson('p1', `c${i}`, '1', 2 + i));
    await world.readModels.commit('credit_balances', [{ id: 'stale', doc: { position: '999' } }], 1n);
    const progress: RebuildProgress[] = [];
    let clock = 0;
    const replayed = await rebuildViews({ events: world.store, readModels: world.readModels, views: world.views, decode: world.decode, batchSize: 4, onProgress: (p) => progress.push(p), now: () => (clock += 10) });
    expect(replayed).toBe(10);
    expect(progress.map((p) => [p.done, p.total])).toEqual([[4, 10], [8, 10], [10, 10]]);
    expect(progress.every((p) => p.eventsPerSecond > 0)).toBe(true);
    expect(((await world.readModels.all('credit_balances')) as unknown as CreditBalance[]).map((b) => [b.packId, b.remaining])).toEqual([['p1', '31']]);
  });
});
