import { accounts, addedJson, addJson, account, clientAdmin, command, event, fibre, given, added, singleService } from './fixtures';

describe('adding a package to an account', () => {
  test('adds a catalog package with its price book, quantity, frequency, options and default account-services', () => {
    given([]).when(command(addJson())).then([added]);
  });

  test('the bill day and usage bill day default to the account\'s; a package bill day of its own wins', () => {
    given([]).when(command(addJson({ account: { ...account, billDay: 20, usageBillDay: 5 } })))
      .then([event(addedJson({ account: { ...account, billDay: 20, usageBillDay: 5 }, billDay: 20, usageBillDay: 5, nextUsageBillDate: '2026-01-05' }))]);
    given([]).when(command(addJson({ account: { ...account, billDay: 20 }, billDay: 7 })))
      .then([event(addedJson({ account: { ...account, billDay: 20 }, billDay: 7 }))]);
  });

  test('default account-services are numbered per service, and take usage identifiers and custom fields', () => {
    given([]).when(command(addJson({
      definition: fibre,
      serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: '+442079460000', customFields: { port: 'A1' } }],
      customFields: { site: 'Leeds' },
    }))).then([event(addedJson({
      definition: fibre,
      customFields: { site: 'Leeds' },
      services: [
        { instanceId: 'internet.1', serviceId: 'internet', status: 'active', customFields: {} },
        { instanceId: 'voice.1', serviceId: 'voice', status: 'active', customFields: { port: 'A1' }, usageIdentifier: '+442079460000' },
      ],
    }))]);
  });

  test('refuses a price book whose currency is not the account\'s', () => {
    given([]).when(command(addJson({ priceBook: { priceBookId: 'us', currency: 'USD' }, definition: singleService('100.00', 'USD') })))
      .thenRefuses('currency_mismatch', { currency: 'USD', expected: 'EUR' });
  });

  test('refuses a price book the account may not use', () => {
    given([]).when(command(addJson({ account: { ...account, priceBookIds: ['eu-retail'] } }))).thenRefuses('price_book_not_allowed', { priceBookId: 'eu' });
  });

  test('refuses catalog prices in another currency than the price book\'s', () => {
    given([]).when(command(addJson({ definition: singleService('100.00', 'GBP') }))).thenRefuses('currency_mismatch', { currency: 'GBP', expected: 'EUR' });
  });

  test('refuses a catalog service whose instance counts are out of order (minimum <= default <= maximum)', () => {
    const broken = { ...singleService('1.00'), services: [{ ...singleService('1.00').services[0], minInstances: 2, defaultInstances: 1 }] };
    given([]).when(command(addJson({ definition: broken }))).thenRefuses('invalid_package_definition', { serviceId: 'line' });
  });

  test('charge recurring only if usage makes the package postpaid', () => {
    const forced = { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: true };
    given([]).when(command(addJson({ options: forced })))
      .then([event(addedJson({ options: { ...forced, postpaid: true }, nextBillDate: '2026-02-01' }))]);
  });

  test('postpaid: the first bill date is the end of the first period', () => {
    const postpaid = { chargeFullPeriod: false, postpaid: true, chargeRecurringOnlyIfUsage: false };
    given([]).when(command(addJson({ options: postpaid, billDay: 15 }))).then([event(addedJson({ options: postpaid, billDay: 15, nextBillDate: '2026-01-15' }))]);
  });

  test('billing activation after some days: billing starts that many days after the effective date', () => {
    const definition = { ...singleService('100.00'), billingActivation: { type: 'after_days', days: 7 } };
    given([]).when(command(addJson({ definition }))).then([event(addedJson({ definition, billingStartsOn: '2026-01-08', nextBillDate: '2026-01-08' }))]);
  });

  test('billing activation by usage: no bill date until usage activates it', () => {
    const definition = { ...singleService('100.00'), billingActivation: { type: 'after_usage', quantity: '10' } };
    const data = addedJson({ definition }).data as Record<string, unknown>;
    delete data.billingStartsOn;
    delete data.nextBillDate;
    given([]).when(command(addJson({ definition }))).then([event({ type: 'AccountPackageAdded', data })]);
  });

  test('usage identifiers go only on usage-based services, and details only on the package\'s account-services', () => {
    given([]).when(command(addJson({ definition: fibre, serviceDetails: [{ instanceId: 'internet.1', usageIdentifier: 'x' }] }))).thenRefuses('not_usage_based', { serviceId: 'internet' });
    given([]).when(command(addJson({ definition: fibre, serviceDetails: [{ instanceId: 'voice.2', usageIdentifier: 'x' }] }))).thenRefuses('service_instance_not_found', { instanceId: 'voice.2' });
  });

  test('a package cannot be added in the cancelled status', () => {
    given([]).when(command(addJson({ status: { code: 'cancelled', billable: false, readOnly: true } }))).thenRefuses('status_change_not_allowed');
  });

  test('adding the same package again changes nothing; another package under the same id is refused', () => {
    given([added]).when(command(addJson())).then([]);
    given([added]).when(command(addJson({ account: { ...account, accountId: 'acc-2' } }))).thenRefuses('package_already_exists');
  });

  test('staff add packages; a Client Hub user may not', () => {
    given([]).when(command(addJson({ actor: accounts }))).then([event(addedJson({ by: accounts }))]);
    given([]).when(command(addJson({ actor: clientAdmin }))).thenRefuses('forbidden', { permission: 'account-package:manage' });
  });
});
