import fc from 'fast-check';
import { creditPackHistory, creditPackModelCommands, creditPackModelSetup, modelRemaining } from '../../src/testing/properties';

describe('the exported credit-pack model and arbitraries', () => {
  test('creditPackHistory gives histories the decider accepted, whose balance is the model\'s and never negative', () => {
    let issued = 0;
    fc.assert(
      fc.property(creditPackHistory(), ({ state, model, events }) => {
        if (state.kind !== 'issued') return events.length === 0;
        issued++;
        return !state.remaining.isNegative() && state.remaining.eq(modelRemaining(model));
      }),
      { numRuns: 200, seed: 7 },
    );
    // The generator reaches issued packs, or the property above would hold vacuously.
    expect(issued).toBeGreaterThan(50);
  });

  test('a rule of your own that fails is reported by fast-check with the shrunk command sequence', () => {
    // A deliberately wrong rule: "a pack never has fewer than 10 credits left".
    const wrongRule = (run: { state: { kind: string; remaining?: { lt: (n: number) => boolean } } }) => !(run.state.kind === 'issued' && run.state.remaining?.lt(10) === true);
    const outcome = fc.check(
      fc.property(fc.commands(creditPackModelCommands([wrongRule]), { maxCommands: 30 }), (cmds) => fc.modelRun(creditPackModelSetup, cmds)),
      { numRuns: 300, seed: 1 },
    );
    expect(outcome.failed).toBe(true);
    expect(String(outcome.counterexample)).toMatch(/Issue\(/);
    expect(outcome.errorInstance instanceof Error ? outcome.errorInstance.message : '').toMatch(/invariant returned false/);
  });
});
