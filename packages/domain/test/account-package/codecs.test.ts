import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  CustomFields,
  accountPackageCommandCodecs,
  accountPackageEventCodecs,
  decodeAccountPackageCommand,
  decodeAccountPackageEvent,
  encodeAccountPackageEvent,
  type AccountPackageEvent,
  type DecodeError,
} from '../../src';
import { addJson, billJson, command, fibre, fibreAdded, given, manager, play, sales, scheduler } from './fixtures';

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
const pathsOf = (json: unknown) => expectDecodeError(decodeAccountPackageCommand(json)).facts.problems.map((p) => p.path);

const at = '2026-01-10T09:00:00.000Z';
const cancelJson = { type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: '2026-03-01', billingOption: 'prorate', actor: sales, at };
const usageJson = { type: 'RecordUsage', accountPackageId: 'ap-1', usageId: 'u1', instanceId: 'voice.1', on: '2026-01-05', quantity: '3', amount: { amount: '0.30', currency: 'EUR' }, actor: scheduler, at };
const commandTypes = Object.keys(accountPackageCommandCodecs);

describe('account-package command codecs', () => {
  test('random JSON never throws: it decodes to a command or to an error listing each bad field', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      const result = decodeAccountPackageCommand(JSON.parse(text));
      if (E.isLeft(result)) expectDecodeError(result);
    }), { numRuns: 500 });
  });

  test('random values of any kind never throw', () => {
    fc.assert(fc.property(fc.anything(), (u) => {
      const result = decodeAccountPackageCommand(u);
      if (E.isLeft(result)) expectDecodeError(result);
    }), { numRuns: 500 });
  });

  test('random objects with a valid command type never throw and name the bad fields', () => {
    fc.assert(fc.property(fc.constantFrom(...commandTypes), fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
      const result = decodeAccountPackageCommand({ ...fields, type });
      if (E.isLeft(result)) expectDecodeError(result);
    }), { numRuns: 500 });
  });

  test('a valid command with one field replaced by junk is refused at that field', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(NaN), fc.constant(-1), fc.constant(true), fc.constant({}), fc.constant([]), fc.constant('x'.repeat(10_000)));
    const valid = [addJson({ definition: fibre }), billJson('2026-01-01', '2026-02-01'), cancelJson, usageJson];
    fc.assert(fc.property(fc.constantFrom(...valid), junk, fc.nat(), (json, value, pick) => {
      const fields = Object.keys(json).filter((k) => k !== 'type');
      const field = fields[pick % fields.length] as string;
      fc.pre(typeof (json as Record<string, unknown>)[field] !== typeof value);
      const paths = pathsOf({ ...json, [field]: value });
      expect(paths.map((p) => p.split('.')[0])).toContain(field);
    }), { numRuns: 300 });
  });

  test('the valid fixtures decode', () => {
    for (const json of [addJson({ definition: fibre }), billJson('2026-01-01', '2026-02-01'), cancelJson, usageJson]) expect(E.isRight(decodeAccountPackageCommand(json))).toBe(true);
  });

  test('an unknown command type is refused and the known types are listed', () => {
    expect(expectDecodeError(decodeAccountPackageCommand({ type: 'BillEverything' })).message).toMatch(/AddAccountPackage/);
  });
});

describe('bad input is a clear typed error', () => {
  const negativePrice = { ...fibre, services: [{ ...fibre.services[0], recurringPrices: [{ status: 'active', price: { amount: '-50.00', currency: 'EUR' } }] }, ...fibre.services.slice(1)] };
  const unknownCurrencyPrice = { ...fibre, services: [{ ...fibre.services[0], oneTimePrice: { amount: '99.00', currency: 'EUX' } }, ...fibre.services.slice(1)] };

  test.each<[string, Record<string, unknown>, string]>([
    ['quantity 0', addJson({ quantity: 0 }), 'quantity'],
    ['quantity 10,001', addJson({ quantity: 10_001 }), 'quantity'],
    ['a fractional quantity', addJson({ quantity: 1.5 }), 'quantity'],
    ['an unknown currency on the price book', addJson({ priceBook: { priceBookId: 'eu', currency: 'XYZ' } }), 'priceBook.currency'],
    ['an unknown currency on a catalog price', addJson({ definition: unknownCurrencyPrice }), 'definition.services.0.oneTimePrice.currency'],
    ['an unknown account currency', addJson({ account: { accountId: 'a', currency: 'EURO', billDay: 1, usageBillDay: 1 } }), 'account.currency'],
    ['a negative recurring price', addJson({ definition: negativePrice }), 'definition.services.0.recurringPrices.0.price.amount'],
    ['a negative changed price', { type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'internet', status: 'active', price: { amount: '-1.00', currency: 'EUR' }, actor: sales, at }, 'price.amount'],
    ['a price with more decimals than the currency', addJson({ definition: { ...fibre, services: [{ ...fibre.services[0], oneTimePrice: { amount: '99.001', currency: 'EUR' } }] } }), 'definition.services.0.oneTimePrice.amount'],
    ['a price as a JSON number', addJson({ priceBook: { priceBookId: 'eu', currency: 'EUR' }, definition: { ...fibre, services: [{ ...fibre.services[0], oneTimePrice: { amount: 99, currency: 'EUR' } }] } }), 'definition.services.0.oneTimePrice.amount'],
    ['bill day 0', addJson({ billDay: 0 }), 'billDay'],
    ['bill day 32', addJson({ billDay: 32 }), 'billDay'],
    ['a day that does not exist', addJson({ effectiveDate: '2026-02-30' }), 'effectiveDate'],
    ['a year off the billing calendar', addJson({ effectiveDate: '9999-01-01' }), 'effectiveDate'],
    ['an unknown frequency', addJson({ frequency: 'fortnightly' }), 'frequency'],
    ['too many custom fields', addJson({ customFields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 'v'])) }), 'customFields'],
    ['a bill period that ends before it starts', billJson('2026-02-01', '2026-01-01'), 'billPeriod.end'],
    ['an invoice number with spaces', billJson('2026-01-01', '2026-02-01', { invoiceNumber: 'INV 1' }), 'invoiceNumber'],
    ['an instant with an offset', billJson('2026-01-01', '2026-02-01', { at: '2026-01-01T10:00:00+02:00' }), 'at'],
    ['an unknown billing option', { ...cancelJson, billingOption: 'refund' }, 'billingOption'],
    ['a discount over 100%', { type: 'AddServiceDiscount', accountPackageId: 'ap-1', discountId: 'd', serviceId: 'internet', period: { start: '2026-01-01', end: '2026-02-01' }, discount: { type: 'percent', percent: '120' }, actor: sales, at }, 'discount.percent'],
    ['negative usage', { ...usageJson, quantity: '-3' }, 'quantity'],
  ])('%s is a decode error at its field', (_what, json, path) => {
    expect(pathsOf(json)).toContain(path);
  });

  test('a command at an instant whose day an account package cannot hold is a decode error at "at" (torture finding F2)', () => {
    const remove = (at: string) => decodeAccountPackageCommand({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', actor: manager, at });
    expect(E.isRight(remove('2999-12-31T23:59:59.999Z'))).toBe(true);
    for (const at of ['3000-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '1899-12-31T23:59:59Z']) {
      const refused = remove(at);
      expect(E.isLeft(refused) && refused.left.facts.problems.map((p) => p.path)).toEqual(['at']);
    }
    // Events keep reading any instant, so nothing already stored becomes unreadable.
    const [added] = fibreAdded;
    if (added === undefined) throw new Error('fixture has no events');
    expect(E.isRight(decodeAccountPackageEvent(encodeAccountPackageEvent({ ...added, data: { ...added.data, at: '9999-12-31T00:00:00.000Z' } } as AccountPackageEvent)))).toBe(true);
  });

  test('a custom field named "__proto__", "constructor" or "prototype", or with a bad name, is a decode error at its path; never kept, never dropped (torture finding F3)', () => {
    // As JSON.parse makes them: own keys, in a command and in a stored event.
    for (const fields of ['{"__proto__":"x"}', '{"__proto__":" x "}', '{"constructor":"y"}', '{"prototype":" z "}', '{"ok":"v","constructor":"y"}']) {
      const name = Object.keys(JSON.parse(fields) as object).find((k) => k !== 'ok');
      const problems = expectDecodeError(decodeAccountPackageCommand(addJson({ customFields: JSON.parse(fields) }))).facts.problems;
      expect(problems).toEqual([{ path: `customFields.${name}`, message: expect.stringMatching(/not allowed|reserved/) }]);
      const [added] = fibreAdded;
      if (added === undefined) throw new Error('fixture has no events');
      const stored = { ...encodeAccountPackageEvent(added), data: { ...(encodeAccountPackageEvent(added).data as object), customFields: JSON.parse(fields) } };
      expect(expectDecodeError(decodeAccountPackageEvent(stored)).facts.problems.map((p) => p.path)).toEqual([`data.customFields.${name}`]);
    }
    // The codec itself, below the "__proto__" guard of decodeWith.
    for (const fields of ['{"__proto__":"x"}', '{"__proto__":" x "}', '{"constructor":"y"}', '{"prototype":"z"}']) {
      const decoded = CustomFields.decode(JSON.parse(fields));
      expect(E.isLeft(decoded) && decoded.left.map((e) => e.message)).toEqual([expect.stringMatching(/^the name "(__proto__|constructor|prototype)" is reserved/)]);
    }
    // A bad name was dropped before; it is refused at its path, a huge one quoted short.
    expect(pathsOf(addJson({ customFields: { 'bad name': 'x', site: 'Leeds' } }))).toEqual(['customFields.bad name']);
    const [huge] = pathsOf(addJson({ customFields: { ['k'.repeat(1_000_000)]: 'x' } }));
    expect(huge?.length).toBeLessThan(100);
    // Accepted fields come back in a new plain object, trimmed.
    const fields = { site: ' Leeds ', 'cabinet.row': '3' };
    const decoded = CustomFields.decode(fields);
    expect(decoded).toEqual(E.right({ site: 'Leeds', 'cabinet.row': '3' }));
    expect(E.isRight(decoded) && Object.getPrototypeOf(decoded.right)).toBe(Object.prototype);
    expect(CustomFields.is({ constructor: 'y' })).toBe(false);
    expect(CustomFields.is({ site: 'Leeds' })).toBe(true);
  });

  test('a cancellation date before billed-through is refused with its code and facts', () => {
    const billed = play([command(billJson('2026-01-01', '2026-02-01'))], fibreAdded);
    const error = given(billed).when(command({ ...cancelJson, cancellationDate: '2026-01-31' })).thenRefuses('cancellation_in_billed_period', { cancellationDate: '2026-01-31', billedThrough: '2026-02-01' });
    expect(error.message).toMatch(/2026-02-01/);
  });

  test('a decode error lists every bad field, not only the first', () => {
    expect(pathsOf(addJson({ quantity: 0, frequency: 'daily', billDay: 40 }))).toEqual(expect.arrayContaining(['quantity', 'frequency', 'billDay']));
  });
});

describe('account-package event codecs', () => {
  const history = (): AccountPackageEvent[] => {
    const events = play([
      command({ type: 'AddAccountService', accountPackageId: 'ap-1', serviceId: 'static-ip', instances: [{ instanceId: 'ip-1', customFields: { label: 'web' } }], status: 'active', actor: manager, at }),
      command({ type: 'EditAccountService', accountPackageId: 'ap-1', instanceId: 'voice.1', ratePlanId: 'rp', actor: manager, at }),
      command({ type: 'SetUsageBucket', accountPackageId: 'ap-1', instanceId: 'voice.1', bucket: { bucketId: 'b', allowance: '100.5', unit: 'MB' }, actor: manager, at }),
      command({ type: 'ChangeServicePrice', accountPackageId: 'ap-1', serviceId: 'internet', status: 'active', price: { amount: '45.00', currency: 'EUR' }, actor: sales, at }),
      command({ type: 'AddServiceDiscount', accountPackageId: 'ap-1', discountId: 'd', serviceId: 'internet', period: { start: '2026-01-01', end: '2026-03-01' }, discount: { type: 'percent', percent: '12.5' }, actor: sales, at }),
      command({ type: 'AddServiceDiscount', accountPackageId: 'ap-1', discountId: 'd2', serviceId: 'internet', period: { start: '2026-01-01', end: '2026-03-01' }, discount: { type: 'amount', amount: { amount: '1.00', currency: 'EUR' } }, actor: sales, at }),
      command({ type: 'RemoveServiceDiscount', accountPackageId: 'ap-1', discountId: 'd2', actor: sales, at }),
      command({ type: 'SetPackageContract', accountPackageId: 'ap-1', contract: { contractId: 'c', startDate: '2026-01-01', termMonths: 24, renewal: 'renew', earlyTerminationFee: { amount: '100', currency: 'EUR' }, minimumInvoiceAmount: { amount: '500', currency: 'EUR' } }, actor: sales, at }),
      command({ type: 'EditAccountPackage', accountPackageId: 'ap-1', productCode: 'P1', customFields: { site: 'Leeds' }, actor: manager, at }),
      command({ type: 'RecordUsage', accountPackageId: 'ap-1', usageId: 'u1', instanceId: 'voice.1', on: '2026-01-05', quantity: '3.25', amount: { amount: '0.33', currency: 'EUR' }, actor: scheduler, at }),
      command(billJson('2026-01-01', '2026-02-01', { billUsage: true, invoiceTopUp: true, runContractCommitment: true })),
      command({ type: 'ChangeServiceStatus', accountPackageId: 'ap-1', instanceId: 'internet.1', status: 'suspended', effectiveOn: '2026-01-20', actor: manager, at }),
      command({ type: 'RemoveAccountService', accountPackageId: 'ap-1', instanceId: 'ip-1', actor: manager, at: '2026-01-25T00:00:00Z' }),
      command({ type: 'ChangeBillDay', accountPackageId: 'ap-1', billDay: 15, actor: manager, at }),
      command({ type: 'ChangeUsageBillDay', accountPackageId: 'ap-1', usageBillDay: 15, actor: manager, at }),
      command({ type: 'RemovePackageContract', accountPackageId: 'ap-1', actor: sales, at }),
      command({ type: 'ChangePackageStatus', accountPackageId: 'ap-1', status: { code: 'on_hold', billable: false, readOnly: false }, actor: manager, at }),
      command({ type: 'CancelAccountPackage', accountPackageId: 'ap-1', cancellationDate: '2026-02-10', actor: sales, at }),
      command(billJson('2026-02-01', '2026-03-01', { billUsage: true })),
    ], fibreAdded);
    const activating = play([
      command(addJson({ accountPackageId: 'ap-2', definition: { ...fibre, billingActivation: { type: 'after_usage', quantity: '1' } }, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: 'v' }] })),
      command({ ...usageJson, accountPackageId: 'ap-2' }),
      command({ type: 'DeleteAccountPackage', accountPackageId: 'ap-2', actor: sales, at }),
    ]);
    const transferred = play([command({
      type: 'TransferAccountPackage', accountPackageId: 'ap-1', targetAccountPackageId: 'ap-9', targetAccount: { accountId: 'acc-2', currency: 'EUR', billDay: 1, usageBillDay: 1 },
      targetDefinition: fibre, targetPriceBook: { priceBookId: 'eu', currency: 'EUR' }, targetFrequency: 'monthly', effectiveDate: '2026-02-01', actor: sales, at,
    })], fibreAdded);
    return [...events, ...activating, ...transferred];
  };

  test('every event type encodes to JSON and decodes back to the same event', () => {
    const events = history();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(accountPackageEventCodecs)));
    for (const e of events) {
      const stored = JSON.parse(JSON.stringify(encodeAccountPackageEvent(e)));
      const decoded = decodeAccountPackageEvent(stored);
      if (E.isLeft(decoded)) throw new Error(`${e.type}: ${decoded.left.message}`);
      expect(JSON.parse(JSON.stringify(encodeAccountPackageEvent(decoded.right)))).toEqual(stored);
    }
  });

  test('money and decimals are stored as strings, never JSON numbers', () => {
    const billed = history().find((e) => e.type === 'PackageBilled');
    const stored = JSON.parse(JSON.stringify(billed === undefined ? {} : encodeAccountPackageEvent(billed)));
    expect(stored.data.total).toEqual({ amount: expect.any(String), currency: 'EUR' });
    expect(stored.data.charges.every((l: { amount: { amount: unknown } }) => typeof l.amount.amount === 'string')).toBe(true);
  });

  test('random stored data never throws when decoded', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(accountPackageEventCodecs)), fc.jsonValue(), (type, data) => {
      const result = decodeAccountPackageEvent({ type, data });
      if (E.isLeft(result)) expectDecodeError(result);
    }), { numRuns: 300 });
  });
});
