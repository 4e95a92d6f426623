import { ScenarioFailed } from '../../src/testing';
import { command, consumeJson, given, officePackIssued, twelveConsumed } from '../credit-pack/fixtures';

describe('given/when/then helper', () => {
  test('then() fails when the events differ', () => {
    expect(() => given([officePackIssued]).when(command(consumeJson())).then([])).toThrow(ScenarioFailed);
  });

  test('then() fails when the command was refused', () => {
    expect(() => given([]).when(command(consumeJson())).then([twelveConsumed])).toThrow(/refused: pack_not_found/);
  });

  test('thenRefuses() fails when the command was accepted, or refused with another code or other facts', () => {
    expect(() => given([officePackIssued]).when(command(consumeJson())).thenRefuses('pack_expired')).toThrow(/accepted/);
    expect(() => given([]).when(command(consumeJson())).thenRefuses('pack_expired')).toThrow(/got pack_not_found/);
    expect(() => given([]).when(command(consumeJson())).thenRefuses('pack_not_found', { packId: 'other' })).toThrow(/fact packId/);
  });

  test('decimals compare by value: 12 and 12.00 are the same credits', () => {
    expect(() => given([officePackIssued]).when(command(consumeJson({ credits: '12.00' }))).then([twelveConsumed])).not.toThrow();
  });
});
