import {
  brandFilm,
  clientAccounts,
  clientAdmin,
  command,
  consumeJson,
  consumedJson,
  event,
  given,
  officePackIssued,
  projectManager,
  twelveConsumed,
  userPackIssued,
} from './fixtures';

describe('consuming credits', () => {
  test('pays for a linked product on a project of the owning office, recording the balance left', () => {
    given([officePackIssued]).when(command(consumeJson())).then([twelveConsumed]);
  });

  test('links the consumption to an invoice line when one is given', () => {
    const invoiceLine = { invoiceId: 'inv-9', lineId: 'l2' };
    given([officePackIssued]).when(command(consumeJson({ invoiceLine }))).then([event(consumedJson({ invoiceLine }))]);
  });

  test('partial use of a pack is fine', () => {
    given([officePackIssued]).when(command(consumeJson({ credits: '0.5' }))).then([event(consumedJson({ credits: '0.5', remaining: '39.5' }))]);
  });

  test('refuses to overdraw: more than the remaining balance is refused with the balance stated', () => {
    given([officePackIssued, twelveConsumed])
      .when(command(consumeJson({ consumptionId: 'use-2', credits: '29' })))
      .thenRefuses('insufficient_credits', { requested: '29', remaining: '28' });
  });

  test('using exactly the remaining balance exhausts the pack, a visible fact in its history', () => {
    given([officePackIssued, twelveConsumed])
      .when(command(consumeJson({ consumptionId: 'use-2', credits: '28' })))
      .then([
        event(consumedJson({ consumptionId: 'use-2', credits: '28', remaining: '0' })),
        event({ type: 'CreditPackExhausted', data: { packId: 'pack-1', by: projectManager, at: '2026-02-10T12:00:00.000Z' } }),
      ]);
  });

  test('refuses to use an exhausted pack', () => {
    const allUsed = event(consumedJson({ credits: '40', remaining: '0' }));
    given([officePackIssued, allUsed]).when(command(consumeJson({ consumptionId: 'use-2', credits: '1' }))).thenRefuses('pack_exhausted');
  });

  test('refuses a product that is not linked to the pack', () => {
    given([officePackIssued]).when(command(consumeJson({ productId: 'colour-grade' }))).thenRefuses('product_not_linked', { productId: 'colour-grade' });
  });

  test('an office-owned pack pays only for projects assigned to that office', () => {
    const error = given([officePackIssued])
      .when(command(consumeJson({ project: { ...brandFilm, officeId: 'paris' } })))
      .thenRefuses('project_not_eligible');
    expect(error.message).toMatch(/office london.*office paris/);
  });

  test('a user-owned pack pays only for projects where that user is a project contact', () => {
    given([userPackIssued]).when(command(consumeJson({ project: { ...brandFilm, contactUserIds: ['lee'] } }))).thenRefuses('project_not_eligible');
  });

  test('a user-owned pack pays for a project of another office of the company when the user is a contact', () => {
    given([userPackIssued])
      .when(command(consumeJson({ project: { ...brandFilm, officeId: 'paris' } })))
      .then([event(consumedJson({ projectOfficeId: 'paris' }))]);
  });

  test('refuses a project of another company', () => {
    given([officePackIssued]).when(command(consumeJson({ project: { ...brandFilm, companyId: 'globex' } }))).thenRefuses('project_not_eligible');
  });

  test('refuses to use credits at the expiry instant', () => {
    given([officePackIssued]).when(command(consumeJson({ at: '2026-07-31T10:00:00Z' }))).thenRefuses('pack_expired');
  });

  test('credits can be used up to the last millisecond before expiry', () => {
    given([officePackIssued])
      .when(command(consumeJson({ at: '2026-07-31T09:59:59.999Z' })))
      .then([event(consumedJson({ at: '2026-07-31T09:59:59.999Z' }))]);
  });

  test('refuses a consumption of a pack never issued', () => {
    given([]).when(command(consumeJson())).thenRefuses('pack_not_found');
  });

  test('the same consumption id with the same content again changes nothing', () => {
    given([officePackIssued, twelveConsumed]).when(command(consumeJson())).then([]);
  });

  test('the same consumption id with the same content changes nothing even after the pack expired', () => {
    given([officePackIssued, twelveConsumed]).when(command(consumeJson({ at: '2026-08-01T00:00:00Z' }))).then([]);
  });

  test('the same consumption id with different content is refused', () => {
    given([officePackIssued, twelveConsumed]).when(command(consumeJson({ credits: '13' }))).thenRefuses('consumption_id_conflict', { consumptionId: 'use-1' });
  });

  test('a client-hub Accounts user may use their own company\'s pack', () => {
    given([officePackIssued]).when(command(consumeJson({ actor: clientAccounts }))).then([event(consumedJson({ by: clientAccounts }))]);
  });

  test('a client-hub Admin user may use their own company\'s pack', () => {
    given([officePackIssued]).when(command(consumeJson({ actor: clientAdmin }))).then([event(consumedJson({ by: clientAdmin }))]);
  });
});
