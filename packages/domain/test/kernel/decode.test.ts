import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  Actor,
  boundedArray,
  boundedText,
  ClientActor,
  ClientRole,
  CreditsString,
  CurrencyCode,
  DecimalString,
  decodeTagged,
  decodeWith,
  EntityId,
  InstantString,
  intBetween,
  LocalDateString,
  MoneyCodec,
  NonNegativeDecimalString,
  nonEmptyBoundedArray,
  optionalText,
  PositiveCreditsString,
  PositiveDecimalString,
  StaffActor,
  StaffRole,
  SystemActor,
  type DecodeError,
} from '../../src/kernel';

/** Every codec the kernel exports, with input shaped like what it expects so the search reaches deeper paths. */
const codecs: ReadonlyArray<readonly [string, t.Mixed, fc.Arbitrary<unknown>]> = [
  ['DecimalString', DecimalString, fc.stringMatching(/^-?\d{0,17}(\.\d{0,12})?$/)],
  ['NonNegativeDecimalString', NonNegativeDecimalString, fc.stringMatching(/^-?\d{0,17}(\.\d{0,12})?$/)],
  ['PositiveDecimalString', PositiveDecimalString, fc.stringMatching(/^-?\d{0,17}(\.\d{0,12})?$/)],
  ['CreditsString', CreditsString, fc.stringMatching(/^-?\d{0,17}(\.\d{0,8})?$/)],
  ['PositiveCreditsString', PositiveCreditsString, fc.stringMatching(/^-?\d{0,17}(\.\d{0,8})?$/)],
  ['MoneyCodec', MoneyCodec, fc.record({ amount: fc.oneof(fc.stringMatching(/^-?\d{0,3}(\.\d{0,4})?$/), fc.anything()), currency: fc.oneof(fc.constantFrom('EUR', 'JPY', 'KWD'), fc.anything()) }, { requiredKeys: [] })],
  ['CurrencyCode', CurrencyCode, fc.oneof(fc.constantFrom('EUR', 'JPY', 'KWD'), fc.string({ maxLength: 4 }))],
  ['InstantString', InstantString, fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())), fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,4})?)?Z$/))],
  ['LocalDateString', LocalDateString, fc.stringMatching(/^\d{4}-\d\d-\d\d$/)],
  ['EntityId', EntityId, fc.string({ maxLength: 70 })],
  ['Actor', Actor, fc.record({ kind: fc.constantFrom('staff', 'client', 'system', 'robot'), userId: fc.anything(), companyId: fc.string(), role: fc.constantFrom('user', 'admin', 'sales'), roles: fc.array(fc.constantFrom('sales', 'ceo')), name: fc.string() }, { requiredKeys: ['kind'] })],
  ['StaffActor', StaffActor, fc.anything()],
  ['ClientActor', ClientActor, fc.anything()],
  ['SystemActor', SystemActor, fc.anything()],
  ['StaffRole', StaffRole, fc.constantFrom('sales', 'accounts', 'admin', 'toString', '__proto__')],
  ['ClientRole', ClientRole, fc.constantFrom('user', 'accounts', 'admin', 'constructor')],
  ['boundedText(Reason, 10)', boundedText('Reason', 10), fc.string({ maxLength: 12 })],
  ['optionalText(Note, 10)', optionalText('Note', 10), fc.string({ maxLength: 12 })],
  ['intBetween(1, 28)', intBetween(1, 28), fc.oneof(fc.integer(), fc.double())],
  ['boundedArray(EntityId, 3)', boundedArray(EntityId, 3), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.anything()), { maxLength: 5 })],
  ['nonEmptyBoundedArray(MoneyCodec, 2)', nonEmptyBoundedArray(MoneyCodec, 2), fc.array(fc.record({ amount: fc.string(), currency: fc.constantFrom('EUR', 'XYZ') }), { maxLength: 3 })],
];

/** Any value a caller could hand over: exotic JavaScript values, parsed JSON, or something close to valid. */
const inputsFor = (shaped: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true }),
    fc.json().map((text): unknown => JSON.parse(text)),
    shaped,
  );

/** True when a refusal is well formed: the invalid_input code, the codec's name and at least one problem, each with a path and a message. */
const isWellFormedRefusal = (error: DecodeError, codecName: string): boolean =>
  error.code === 'invalid_input' &&
  error.facts.codec === codecName &&
  error.message.length > 0 &&
  error.facts.problems.length > 0 &&
  error.facts.problems.every((p) => typeof p.path === 'string' && p.path.length > 0 && typeof p.message === 'string' && p.message.length > 0);

describe('decodeWith never throws', () => {
  test.each(codecs)('given any input to %s, when decoded, then it is a value or a well-formed invalid_input refusal, never an exception', (_name, codec, shaped) => {
    fc.assert(
      fc.property(inputsFor(shaped), (input) => {
        const outcome = decodeWith(codec, input);
        return E.isRight(outcome) || isWellFormedRefusal(outcome.left, codec.name);
      }),
    );
  });
});

describe('problem paths', () => {
  const paths = (outcome: E.Either<DecodeError, unknown>): E.Either<readonly string[], unknown> =>
    E.mapLeft((e: DecodeError) => e.facts.problems.map((p) => p.path))(outcome);

  test('given money with an unknown currency, when decoded, then the problem is at "currency"', () => {
    expect(paths(decodeWith(MoneyCodec, { amount: '1', currency: 'XYZ' }))).toEqual(E.left(['currency']));
  });

  test('given money with too many decimals, when decoded, then the problem is at "amount"', () => {
    expect(paths(decodeWith(MoneyCodec, { amount: '1.234', currency: 'EUR' }))).toEqual(E.left(['amount']));
  });

  test('given money inside a list, when its amount is bad, then the path leads through the index to the field', () => {
    expect(paths(decodeWith(boundedArray(MoneyCodec, 5), [{ amount: '1', currency: 'EUR' }, { amount: '-1', currency: 'EUR' }]))).toEqual(E.left(['1.amount']));
  });

  test('given a client actor with a bad role, when decoded as an Actor, then the path names the field and no union member index', () => {
    expect(paths(decodeWith(Actor, { kind: 'client', userId: 'u7', companyId: 'acme', role: 'owner' }))).toEqual(E.left(['role']));
  });

  test('given a list of 100 bad ids, when decoded, then at most 50 problems are listed', () => {
    const outcome = decodeWith(boundedArray(EntityId, 1000), Array.from({ length: 100 }, () => 'bad id'));

    expect(E.isLeft(outcome) && outcome.left.facts.problems.length).toBe(50);
  });

  test('given a missing field, when decoded, then the message says it is missing and what was expected', () => {
    expect(decodeWith(MoneyCodec, { currency: 'EUR' })).toEqual(
      E.left(expect.objectContaining({ facts: { codec: 'Money', problems: [{ path: 'amount', message: 'is missing (expected string)' }] } })),
    );
  });
});

describe('decodeTagged', () => {
  const Ping = t.strict({ type: t.literal('ping'), at: InstantString });
  const Pay = t.strict({ type: t.literal('pay'), price: MoneyCodec });
  type Message = t.TypeOf<typeof Ping> | t.TypeOf<typeof Pay>;
  // The same cast the deciders' own message codecs use: each member decodes to one member of the union.
  const messages = { ping: Ping, pay: Pay } as unknown as Record<'ping' | 'pay', t.Type<Message, unknown, unknown>>;

  test('given a known type, when decoded, then only that type\'s fields are checked', () => {
    expect(E.mapLeft((e: DecodeError) => e.facts.problems)(decodeTagged('Message', messages, { type: 'pay', price: { amount: '1', currency: 'XYZ' } }))).toEqual(
      E.left([{ path: 'price.currency', message: expect.any(String) }]),
    );
  });

  test('given an unknown type, when decoded, then the problem is at "type" and lists the known types', () => {
    expect(E.mapLeft((e: DecodeError) => e.facts.problems)(decodeTagged('Message', messages, { type: 'toString' }))).toEqual(
      E.left([{ path: 'type', message: 'must be one of ping, pay; got "toString"' }]),
    );
  });

  test.each([[null], [[]], ['ping'], [7]])('given %p, when decoded, then the problem is at the root', (input) => {
    expect(E.mapLeft((e: DecodeError) => e.facts.problems.map((p) => p.path))(decodeTagged('Message', messages, input))).toEqual(E.left(['(root)']));
  });
});

describe('a "__proto__" key', () => {
  test('anywhere in the input is a decode error at its path, never a prototype smuggled past the codec', () => {
    const input = JSON.parse('{"type":"CancelPack","packId":"p1","reason":"x","actor":{"kind":"system","name":"s"},"at":"2026-01-01T00:00:00Z","nested":{"__proto__":{"evil":true}}}') as unknown;
    const result = decodeWith(t.unknown, input);
    expect(E.isLeft(result) && result.left.facts.problems).toEqual([{ path: 'nested.__proto__', message: 'the key "__proto__" is not allowed' }]);
    expect(({} as Record<string, unknown>).evil).toBeUndefined();
  });
});
