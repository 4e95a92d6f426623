/**
 * Model-based tests: random sequences of credit-pack commands run against the decider
 * and against the reference model of `@packledger/domain/testing`, written independently of
 * it. After every step the ledger invariants of docs/invariants.md are checked.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { creditPack, fold } from '../../src';
import { sameValue } from '../../src/testing';
import { creditPackModelCommands, creditPackModelSetup, creditPackModelWorld, modelRemaining, type CreditPackInvariant } from '../../src/testing/properties';

const EXPIRES = Date.parse(creditPackModelWorld.expiresAt);

/** The ledger invariants of docs/invariants.md, checked after every accepted command. */
const ledgerInvariants: CreditPackInvariant = (real, m) => {
  const s = real.state;
  if (s.kind !== 'issued') return;
  // remaining = value (issued + corrections) + refunds - consumptions - moved by reissue, and never negative
  expect(s.remaining.eq(s.creditValue.plus(s.refunded).minus(s.consumed).minus(s.transferred))).toBe(true);
  expect(s.remaining.isNegative() && !s.remaining.isZero()).toBe(false);
  expect(s.remaining.eq(modelRemaining(m))).toBe(true);
  const corrections = real.events.reduce((sum, e) => (e.type === 'CreditValueCorrected' ? sum.plus(e.data.delta) : sum), new Decimal(0));
  expect(s.creditValue.eq(s.issuedCredits.plus(corrections))).toBe(true);
  // nothing consumed at or after expiry, nor after cancel, reissue or expire
  let closed = false;
  for (const e of real.events) {
    if (e.type === 'CreditPackCancelled' || e.type === 'CreditPackReissued' || e.type === 'CreditPackExpired') closed = true;
    if (e.type === 'CreditsConsumed') {
      expect(closed).toBe(false);
      expect(Date.parse(e.data.at)).toBeLessThan(EXPIRES);
    }
  }
  // each consumption id appears at most once
  const ids = real.events.flatMap((e) => (e.type === 'CreditsConsumed' ? [e.data.consumptionId] : []));
  expect(new Set(ids).size).toBe(ids.length);
  // folding the events again gives the same state
  expect(sameValue(fold(creditPack, real.events), s)).toBe(true);
};

const commands = creditPackModelCommands([ledgerInvariants]);

describe('credit-pack ledger (model-based)', () => {
  test('random command sequences keep every ledger invariant and agree with the reference model', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        fc.modelRun(creditPackModelSetup, cmds);
      }),
      { numRuns: 300, verbose: 1 },
    );
  });

  test('issued packs see most commands accepted (the generator reaches the interesting states)', () => {
    // Guards the test above against a generator that only ever produces refusals.
    const accepted = new Map<string, number>();
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const setup = creditPackModelSetup();
        fc.modelRun(() => setup, cmds);
        const real = setup.real;
        for (const e of real.events) accepted.set(e.type, (accepted.get(e.type) ?? 0) + 1);
      }),
      { numRuns: 200, seed: 42 },
    );
    const never = ['CreditPackIssued', 'CreditsConsumed', 'CreditsRefunded', 'CreditValueCorrected', 'CreditPackCancelled', 'CreditPackExpired', 'CreditPackReissued', 'CreditPackExhausted']
      .filter((type) => (accepted.get(type) ?? 0) === 0);
    expect(never).toEqual([]);
  });
});
