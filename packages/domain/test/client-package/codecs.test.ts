import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { clientPackageCommandCodecs, clientPackageEventCodecs, decodeClientPackageCommand, decodeClientPackageEvent, encodeClientPackageEvent, type DecodeError } from '../../src';
import { assignJson, play, runJson, callJson } from './fixtures';

const isDecodeError = (e: DecodeError) =>
  e.code === 'invalid_input' && e.facts.problems.length > 0 && e.facts.problems.every((p) => p.path.length > 0 && p.message.length > 0);

describe('client-package codecs', () => {
  test('random JSON and random values never throw; failures list each bad field', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (u) => {
      const result = decodeClientPackageCommand(u);
      expect(E.isRight(result) || isDecodeError(result.left)).toBe(true);
    }), { numRuns: 500 });
  });

  test('a stored UsageRatedAgainstLimits whose currency is not an ISO 4217 code is a decode error at data.currency (torture finding F9)', () => {
    const data = (currency: string) => ({
      clientPackageId: 'cp', usageId: 'u1', usageType: 'money', destination: '4420', requested: '1', consumed: '1', overflow: '0', periodNumber: 1, packageName: 'VoIP',
      fees: [], prefix: '44', currency, by: { kind: 'system', name: 'rating' }, at: '2026-01-02T00:00:00.000Z',
    });
    expect(E.isRight(decodeClientPackageEvent({ type: 'UsageRatedAgainstLimits', data: data('USD') }))).toBe(true);
    const refused = decodeClientPackageEvent({ type: 'UsageRatedAgainstLimits', data: data('not a currency') });
    expect(E.isLeft(refused) && refused.left.facts.problems.map((p) => p.path)).toEqual(['data.currency']);
  });

  test('random objects with a valid command type never throw', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(clientPackageCommandCodecs)), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
      const result = decodeClientPackageCommand({ ...fields, type });
      expect(E.isRight(result) || isDecodeError(result.left)).toBe(true);
    }), { numRuns: 500 });
  });

  test.each([
    ['a negative fee', { package: { ...assignJson().package, subscriptionFee: { amount: '-1', currency: 'USD' } } }, 'package.subscriptionFee.amount'],
    ['an unknown currency', { package: { ...assignJson().package, activationFee: { amount: '1', currency: 'USX' } } }, 'package.activationFee.currency'],
    ['a prefix with letters', { package: { ...assignJson().package, limits: [{ type: 'volume', prefix: '38a', minutes: '1' }] } }, 'package.limits.0.prefix'],
    ['zero minutes', { package: { ...assignJson().package, limits: [{ type: 'volume', prefix: '38', minutes: '0' }] } }, 'package.limits.0.minutes'],
    ['501 limits', { package: { ...assignJson().package, limits: Array.from({ length: 501 }, (_, i) => ({ type: 'volume', prefix: String(i), minutes: '1' })) } }, 'package.limits'],
    ['a period of 0 months', { package: { ...assignJson().package, period: { unit: 'month', count: 0 } } }, 'package.period.count'],
  ])('refuses %s at its path', (_what, patch, path) => {
    const result = decodeClientPackageCommand({ ...assignJson(), ...patch });
    if (E.isRight(result)) throw new Error('decoded');
    expect(result.left.facts.problems.map((p) => p.path)).toContain(path);
  });

  test('every event of a played scenario survives encode -> JSON -> decode', () => {
    const { history } = play([assignJson(), runJson('2017-10-01T00:00:00Z'), callJson('u1', '38044', '5', '2017-10-02T00:00:00Z'), runJson('2017-11-01T00:00:00Z')]);
    for (const event of history) {
      const decoded = decodeClientPackageEvent(JSON.parse(JSON.stringify(encodeClientPackageEvent(event))));
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      expect(encodeClientPackageEvent(decoded.right)).toEqual(encodeClientPackageEvent(event));
    }
    expect(Object.keys(clientPackageEventCodecs)).toContain(history[0]?.type);
  });
});
