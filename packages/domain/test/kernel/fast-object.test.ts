import fc from 'fast-check';
import * as t from 'io-ts';
import { Actor, ClientRole, EntityId, InstantString, MAX_STAFF_ROLES, MoneyCodec, PositiveDecimalString, StaffRole, boundedArray, boundedText, decodeWith } from '../../src/kernel';
import { withFastValidate } from '../../src/kernel/fast-object';
import { comparable } from '../../src/testing';

// The same object codecs twice: io-ts's own, and with the fast path for valid input.
const required = { type: t.literal('Thing'), thingId: EntityId, by: Actor, at: InstantString, credits: PositiveDecimalString };
const optional = { note: boundedText('Note', 20), price: MoneyCodec };
const strictSlow = t.strict(required, 'Thing');
const strictFast = withFastValidate(t.strict(required, 'Thing'), required);
const exactSlow = t.exact(t.intersection([t.type(required), t.partial(optional)]), 'Thing');
const exactFast = withFastValidate(t.exact(t.intersection([t.type(required), t.partial(optional)]), 'Thing'), required, optional);

const valid = fc.record({
  type: fc.constant('Thing'),
  thingId: fc.stringMatching(/^[a-z0-9-]{1,10}$/),
  by: fc.constantFrom({ kind: 'staff', userId: 'ali', roles: ['accounts'] }, { kind: 'system', name: 'expiry' }, { kind: 'client', userId: 'kim', companyId: 'acme', role: 'user' }),
  at: fc.constantFrom('2026-01-31T09:30:00.000Z', '2026-01-31T09:30:00Z', '2026-12-31T23:59:59.999Z', '2026-02-30T00:00:00.000Z', 'yesterday'),
  credits: fc.constantFrom('1', '0.5', '12.50', '3', '0', '-1', 'ten'),
  note: fc.option(fc.constantFrom('  fine  ', 'fine', 'ok', '', 'x'.repeat(30)), { nil: undefined }),
  price: fc.option(fc.constantFrom({ amount: '1.00', currency: 'EUR' }, { amount: '2', currency: 'GBP' }, { amount: '1', currency: 'XXX' }), { nil: undefined }),
  extra: fc.option(fc.jsonValue(), { nil: undefined }),
}, { requiredKeys: ['type', 'thingId', 'by', 'at', 'credits'] });

/** Mostly well-formed input with some bad fields, some fields missing, and anything at all. */
const inputs = fc.oneof(
  valid,
  fc.tuple(valid, fc.constantFrom('thingId', 'by', 'at', 'credits', 'type'), fc.jsonValue()).map(([v, k, junk]) => ({ ...v, [k]: junk })),
  fc.tuple(valid, fc.constantFrom('thingId', 'by', 'at', 'credits')).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))),
  fc.anything(),
);

const outcome = (codec: t.Any, input: unknown) => JSON.stringify(comparable(decodeWith(codec, input)));

describe('object codecs with a fast path for valid input', () => {
  test.each([['strict', strictSlow, strictFast], ['exact with optional fields', exactSlow, exactFast]])('%s: the fast codec decodes every input exactly as io-ts does, errors included', (_name, slow, fast) => {
    let accepted = 0;
    fc.assert(fc.property(inputs, (input) => {
      const expected = outcome(slow, input);
      if (expected.includes('"_tag":"Right"')) accepted++;
      return outcome(fast, input) === expected;
    }), { numRuns: 2_000, seed: 11 });
    // Both paths are exercised: some inputs decode, some do not.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(1_900);
  });

  test('Actor, a union told apart by "kind", decodes every input exactly as a plain io-ts union does', () => {
    const plainActor = t.union([
      t.strict({ kind: t.literal('staff'), userId: EntityId, roles: boundedArray(StaffRole, MAX_STAFF_ROLES) }, 'StaffActor'),
      t.strict({ kind: t.literal('client'), userId: EntityId, companyId: EntityId, role: ClientRole }, 'ClientActor'),
      t.strict({ kind: t.literal('system'), name: EntityId }, 'SystemActor'),
    ], 'Actor');
    const actors = fc.record({
      kind: fc.constantFrom('staff', 'client', 'system', 'robot', 7),
      userId: fc.constantFrom('ali', '', 'x'.repeat(70)),
      roles: fc.constantFrom(['sales'], [], ['sales', 'boss'], 'sales'),
      companyId: fc.constantFrom('acme', ''),
      role: fc.constantFrom('user', 'admin', 'owner'),
      name: fc.constantFrom('expiry', ''),
      extra: fc.jsonValue(),
    }, { requiredKeys: ['kind'] });
    let accepted = 0;
    fc.assert(fc.property(fc.oneof(actors, fc.anything()), (input) => {
      const expected = outcome(plainActor, input);
      if (expected.includes('"_tag":"Right"')) accepted++;
      return outcome(Actor, input) === expected;
    }), { numRuns: 3_000, seed: 12 });
    expect(accepted).toBeGreaterThan(50);
  });

  test('undeclared fields are stripped and absent optional fields stay absent', () => {
    const decoded = decodeWith(exactFast, { type: 'Thing', thingId: 't1', by: { kind: 'system', name: 'x' }, at: '2026-01-31T09:30:00Z', credits: '2', stray: 1 });
    expect(decoded._tag === 'Right' && Object.keys(decoded.right).sort()).toEqual(['at', 'by', 'credits', 'thingId', 'type']);
  });
});
