import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  creditPackCommandCodecs,
  creditPackEventCodecs,
  decodeCreditPackCommand,
  decodeCreditPackEvent,
  encodeCreditPackEvent,
  type DecodeError,
} from '../../src';
import { consumeJson, issueJson, issuedJson, consumedJson } from './fixtures';

const expectDecodeError = (result: E.Either<DecodeError, unknown>): DecodeError => {
  if (E.isRight(result)) throw new Error(`expected a decode error, got ${JSON.stringify(result.right)}`);
  expect(result.left.code).toBe('invalid_input');
  expect(result.left.facts.problems.length).toBeGreaterThan(0);
  for (const p of result.left.facts.problems) {
    expect(p.path.length).toBeGreaterThan(0);
    expect(p.message.length).toBeGreaterThan(0);
  }
  return result.left;
};

const commandTypes = Object.keys(creditPackCommandCodecs);

describe('credit-pack command codecs', () => {
  test('random JSON never throws: it decodes to a command or to an error listing each bad field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const result = decodeCreditPackCommand(JSON.parse(text));
        if (E.isLeft(result)) expectDecodeError(result);
      }),
      { numRuns: 500 },
    );
  });

  test('random values of any kind never throw', () => {
    fc.assert(fc.property(fc.anything(), (u) => {
      const result = decodeCreditPackCommand(u);
      if (E.isLeft(result)) expectDecodeError(result);
    }), { numRuns: 500 });
  });

  test('random objects with a valid command type never throw and name the bad fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commandTypes), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
        const result = decodeCreditPackCommand({ ...fields, type });
        if (E.isLeft(result)) expectDecodeError(result);
      }),
      { numRuns: 500 },
    );
  });

  test('a valid command with one field replaced by junk is refused at that field', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(NaN), fc.constant(-1), fc.constant(true), fc.constant({}), fc.constant([]), fc.constant('x'.repeat(10_000)));
    const valid = [issueJson(), consumeJson()];
    fc.assert(
      fc.property(fc.constantFrom(...valid), junk, fc.nat(), (json, value, pick) => {
        const fields = Object.keys(json).filter((k) => k !== 'type');
        const field = fields[pick % fields.length] as string;
        const result = decodeCreditPackCommand({ ...json, [field]: value });
        const error = expectDecodeError(result);
        expect(error.facts.problems.map((p) => p.path.split('.')[0])).toContain(field);
      }),
      { numRuns: 300 },
    );
  });

  test('a decode error lists every bad field, not only the first', () => {
    const error = expectDecodeError(decodeCreditPackCommand({ ...consumeJson(), credits: 'NaN', productId: 42, project: { projectId: 'p' } }));
    const paths = error.facts.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['credits', 'productId', 'project.companyId', 'project.officeId', 'project.contactUserIds']));
  });

  test.each([
    ['a negative amount', { credits: '-3' }, 'credits'],
    ['NaN', { credits: 'NaN' }, 'credits'],
    ['Infinity', { credits: 'Infinity' }, 'credits'],
    ['a number instead of a decimal string', { credits: 12 }, 'credits'],
    ['an empty string', { credits: '' }, 'credits'],
    ['an absurd scale', { credits: '1.0000000001' }, 'credits'],
    ['an absurd magnitude', { credits: '1'.repeat(40) }, 'credits'],
    ['an unknown currency', { price: { amount: '10', currency: 'XYZ' } }, 'price.currency'],
    ['more decimals than the currency has', { price: { amount: '10.001', currency: 'EUR' } }, 'price.amount'],
    ['a huge name', { name: 'n'.repeat(1_000_000) }, 'name'],
    ['a huge list of products', { linkedProducts: Array.from({ length: 100_000 }, (_, i) => `p${i}`) }, 'linkedProducts'],
    ['no linked product', { linkedProducts: [] }, 'linkedProducts'],
    ['an instant with an offset', { at: '2026-01-01T10:00:00+02:00' }, 'at'],
    ['an unknown staff role', { actor: { kind: 'staff', userId: 'u', roles: ['ceo'] } }, 'actor.roles.0'],
  ])('refuses %s with the field path', (_what, patch, path) => {
    const error = expectDecodeError(decodeCreditPackCommand({ ...issueJson(), ...patch }));
    expect(error.facts.problems.map((p) => p.path)).toContain(path);
  });

  test('an unknown command type is refused and the known types are listed', () => {
    const error = expectDecodeError(decodeCreditPackCommand({ type: 'DeletePack' }));
    expect(error.message).toMatch(/IssueCreditPack/);
  });
});

describe('credit-pack event codecs', () => {
  test('every event encodes to JSON and decodes back to the same event', () => {
    for (const json of [issuedJson(), consumedJson(), consumedJson({ invoiceLine: { invoiceId: 'i', lineId: 'l' } })]) {
      const decoded = decodeCreditPackEvent(JSON.parse(JSON.stringify(json)));
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      const again = decodeCreditPackEvent(JSON.parse(JSON.stringify(encodeCreditPackEvent(decoded.right))));
      expect(again).toEqual(decoded);
    }
  });

  test('decimals are stored as strings, never JSON numbers', () => {
    const decoded = decodeCreditPackEvent(consumedJson({ credits: '12.50' }));
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    const stored = JSON.parse(JSON.stringify(encodeCreditPackEvent(decoded.right)));
    expect(stored.data.credits).toBe('12.5');
    expect(stored.data.remaining).toBe('28');
  });

  test('random stored data never throws when decoded', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(creditPackEventCodecs)), fc.jsonValue(), (type, data) => {
        const result = decodeCreditPackEvent({ type, data });
        if (E.isLeft(result)) expectDecodeError(result);
      }),
      { numRuns: 300 },
    );
  });
});
