import { ScenarioFailed, scenario } from '@packledger/application/testing';
import { creditPack, decodeCreditPackEvent } from '@packledger/domain';
import { ISSUED_AT, consume, issue, projectManager, right } from './credit-packs';

describe('@packledger/application/testing', () => {
  const given = scenario(creditPack);
  const issued = right(creditPack.decide(issue('p1', '10'), creditPack.initialState));
  const consumed = right(decodeCreditPackEvent({
    type: 'CreditsConsumed',
    data: { packId: 'p1', consumptionId: 'use-1', credits: '4', projectId: 'brand-film', projectOfficeId: 'london', productId: 'edit-day', remaining: '6', by: projectManager, at: '2026-02-10T12:00:00.000Z' },
  }));

  test('exports the domain\'s given/when/then helper: then() checks the events a command causes', () => {
    expect(issued[0]?.type === 'CreditPackIssued' && issued[0].data.at).toBe(ISSUED_AT);
    given(issued).when(consume('p1', 'use-1', '4')).then([consumed]);
    expect(() => given(issued).when(consume('p1', 'use-1', '5')).then([consumed])).toThrow(ScenarioFailed);
  });

  test('thenRefuses() checks the refusal code and facts', () => {
    given(issued).when(consume('p1', 'use-2', '11')).thenRefuses('insufficient_credits', { requested: '11', remaining: '10' });
    expect(() => given(issued).when(consume('p1', 'use-2', '11')).thenRefuses('pack_expired')).toThrow(ScenarioFailed);
  });
});
