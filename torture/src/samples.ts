import { InMemoryEventStore, type RecordedEvent } from '@packledger/application';
import { clientOf, type AggregateName } from './clients';
import {
  addAccountPackage,
  assignClientPackage,
  billPackage,
  cancelPack,
  consumeCredits,
  correctCreditValue,
  dateOn,
  instantOn,
  issuePack,
  rateMinutes,
  rateMoney,
  recordUsage,
  refundConsumption,
  runPackageManagerCommand,
  scheduler,
  setCreditStatus,
  staff,
  stopAtPeriodEnd,
  suspendInternet,
  type JsonCommand,
} from './commands';

const at = instantOn(3);
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const office = { type: 'office', officeId: 'london', companyId: 'acme' };

/** A valid JSON command of every credit-pack command type: the seeds the fuzzers mutate. */
export const creditPackSamples: readonly JsonCommand[] = [
  issuePack('p0', '40'),
  { ...issuePack('p9', '12.5'), owner: { type: 'user', userId: 'kim', officeId: 'london', companyId: 'acme' }, expiry: { type: 'on', at: instantOn(90) }, reissuedFrom: 'p8' },
  consumeCredits('p0', 'c1', '3', 2),
  { ...consumeCredits('p0', 'c2', '0.5', 2), invoiceLine: { invoiceId: 'inv-1', lineId: 'line-1' } },
  refundConsumption('p0', 'r1', 'c1', '1', 3),
  correctCreditValue('p0', '45', 3),
  { type: 'EditPackDetails', packId: 'p0', name: 'Renamed', relationshipManagerId: 'rae', projectManagerId: 'max', actor: staff, at },
  setCreditStatus('p0', 'call them', 3),
  { type: 'ChangeOwner', packId: 'p0', newOwner: office, actor: staff, at },
  { type: 'ReissueToNewOwner', packId: 'p0', newPackId: 'p0x', newOwner: { type: 'user', userId: 'lee', officeId: 'london', companyId: 'acme' }, reason: 'wrong owner', actor: staff, at },
  cancelPack('p0', 4),
  { type: 'ExpirePack', packId: 'p0', actor: scheduler, at },
  { type: 'RecordExpiryWarning', packId: 'p0', warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at },
  { type: 'RecordExpiryWarning', packId: 'p0', warning: { type: 'after_expiry' }, actor: scheduler, at },
];

/** A valid JSON command of every client-package command type. */
export const clientPackageSamples: readonly JsonCommand[] = [
  assignClientPackage('cp0'),
  { ...assignClientPackage('cp1', 2), accountId: 'acc-a', endDate: instantOn(200), quantity: 3, activateInPast: true, options: { chargeOnEvent: true, alignToPaymentTerms: true, recalculateToPeriod: true } },
  runPackageManagerCommand('cp0', '1000', 0),
  rateMinutes('cp0', 'u1', '12.5', 3),
  rateMoney('cp0', 'm1', '2.50', 3),
  { type: 'StopAtPeriodStart', clientPackageId: 'cp0', actor: staff, at },
  stopAtPeriodEnd('cp0', 3),
  { type: 'CancelClientPackage', clientPackageId: 'cp0', actor: staff, at },
  { type: 'ChangeEndDate', clientPackageId: 'cp0', endDate: instantOn(100), actor: staff, at },
  { type: 'ChangeEndDate', clientPackageId: 'cp0', endDate: null, actor: staff, at },
  { type: 'RenameClientPackage', clientPackageId: 'cp0', name: 'VoIP 200', actor: staff, at },
  { type: 'ArchiveClientPackage', clientPackageId: 'cp0', actor: staff, at },
  { type: 'DeleteClientPackage', clientPackageId: 'cp0', actor: staff, at },
];

const addOnService = {
  serviceId: 'tv', name: 'TV', usageBased: false, defaultInstances: 1, minInstances: 0, maxInstances: 2,
  recurringPrices: [{ status: 'active', price: eur('7.00') }], transitionPrices: [{ from: 'active', to: 'cancelled', price: eur('3.00') }], oneTimePrice: eur('20.00'),
};
const contract = { contractId: 'k1', startDate: '2026-01-01', termMonths: 12, renewal: 'renew', earlyTerminationFee: eur('100.00'), minimumInvoiceAmount: eur('60.00') };
const accountTerms = { accountId: 'acc-b', currency: 'EUR', billDay: 15, usageBillDay: 1, priceBookIds: ['eu'] };

/** A valid JSON command of every account-package command type. */
export const accountPackageSamples: readonly JsonCommand[] = [
  addAccountPackage('ap0', 'acc-a'),
  {
    ...addAccountPackage('ap1', 'acc-a'), productCode: 'FIB-1', status: { code: 'active', billable: true, readOnly: false }, ratePlanId: 'rp', sharePlanId: 'sp',
    billDay: 31, usageBillDay: 28, contract, accountContractId: 'ac', countingRuleId: 'cr', customFields: { port: 'A1', 'cabinet.row': '3' },
    transferredFrom: { accountId: 'acc-z', accountPackageId: 'ap-z' },
  },
  { type: 'DeleteAccountPackage', accountPackageId: 'ap0', reason: 'never used', actor: staff, at },
  { type: 'AddAccountService', accountPackageId: 'ap0', serviceId: 'voice', instances: [{ instanceId: 'voice.2', usageIdentifier: '+4420', customFields: { a: 'b' } }], status: 'active', effectiveOn: dateOn(5), actor: staff, at },
  { type: 'AddAccountService', accountPackageId: 'ap0', serviceId: 'tv', instances: [{ instanceId: 'tv.1' }], status: 'active', addOn: { catalogPackageId: 'tv-pack', name: 'TV pack', frequency: 'monthly', service: addOnService }, actor: staff, at },
  { type: 'RemoveAccountService', accountPackageId: 'ap0', instanceId: 'voice.1', actor: staff, at },
  suspendInternet('ap0', 'suspended', 3),
  { ...suspendInternet('ap0', 'active', 3), effectiveOn: dateOn(9) },
  { type: 'EditAccountService', accountPackageId: 'ap0', instanceId: 'voice.1', usageIdentifier: '+4421', customFields: { port: 'B2' }, ratePlanId: null, actor: staff, at },
  { type: 'SetUsageBucket', accountPackageId: 'ap0', instanceId: 'voice.1', bucket: { bucketId: 'b1', allowance: '100', unit: 'minutes' }, actor: staff, at },
  { type: 'ChangeServicePrice', accountPackageId: 'ap0', serviceId: 'internet', status: 'active', price: eur('45.00'), actor: staff, at },
  { type: 'AddServiceDiscount', accountPackageId: 'ap0', discountId: 'd1', serviceId: 'internet', period: { start: '2026-02-01', end: '2026-05-01' }, discount: { type: 'percent', percent: '12.5' }, actor: staff, at },
  { type: 'AddServiceDiscount', accountPackageId: 'ap0', discountId: 'd2', serviceId: 'internet', period: { start: '2026-02-01', end: '2026-03-01' }, discount: { type: 'amount', amount: eur('5.00') }, actor: staff, at },
  { type: 'RemoveServiceDiscount', accountPackageId: 'ap0', discountId: 'd1', actor: staff, at },
  { type: 'ChangePackageStatus', accountPackageId: 'ap0', status: { code: 'on_hold', billable: false, readOnly: true }, actor: staff, at },
  { type: 'ChangeBillDay', accountPackageId: 'ap0', billDay: 15, actor: staff, at },
  { type: 'ChangeUsageBillDay', accountPackageId: 'ap0', usageBillDay: 10, actor: staff, at },
  { type: 'EditAccountPackage', accountPackageId: 'ap0', productCode: null, ratePlanId: 'rp2', sharePlanId: null, countingRuleId: 'cr2', accountContractId: null, customFields: { x: '' }, actor: staff, at },
  { type: 'SetPackageContract', accountPackageId: 'ap0', contract, actor: staff, at },
  { type: 'RemovePackageContract', accountPackageId: 'ap0', actor: staff, at },
  { type: 'CancelAccountPackage', accountPackageId: 'ap0', cancellationDate: '2026-03-15', billingOption: 'prorate', waiveEarlyTerminationFee: false, reason: 'moving', actor: staff, at },
  recordUsage('ap0', 'v1', 3, '2'),
  billPackage('ap0', { start: '2026-01-01', end: '2026-02-01' }, 'acc-a-2026-01-01', 0),
  { ...billPackage('ap0', { start: '2026-02-01', end: '2026-03-01' }, 'INV/2026/02.1', 31), postingDate: '2026-02-02' },
  {
    type: 'TransferAccountPackage', accountPackageId: 'ap0', targetAccountPackageId: 'ap9', targetAccount: accountTerms,
    targetDefinition: { catalogPackageId: 'fibre', name: 'Fibre', allowsGlobalAddOns: true, services: [addOnService], billingActivation: { type: 'after_days', days: 10 } },
    targetPriceBook: { priceBookId: 'eu', currency: 'EUR' }, targetFrequency: 'quarterly', effectiveDate: '2026-03-01', targetBillDay: 15,
    serviceMap: [{ from: 'voice.1', to: 'tv.1' }], waiveEarlyTerminationFee: true, actor: staff, at,
  },
];

const orderTerms = {
  packId: 'p7', name: 'Production pack', owner: office, invoiceContactId: 'fay', credits: '40', price: { amount: '3800.00', currency: 'GBP' },
  linkedProducts: ['edit-day'], expiry: { type: 'monthsAfterIssue', months: 6 }, relationshipManagerId: 'sam', projectManagerId: 'pat',
};

/** A valid JSON command of every credit-order command type. */
export const creditOrderSamples: readonly JsonCommand[] = [
  { type: 'PlaceCreditOrder', orderId: 'o1', ...orderTerms, actor: staff, at },
  { type: 'ConfirmCreditOrder', orderId: 'o1', actor: staff, at },
  { type: 'CorrectCreditOrder', orderId: 'o1', correctionId: 'k1', changes: { credits: '50', owner: office, expiry: { type: 'on', at: instantOn(120) } }, reason: 'typo', newPackId: 'p8', actor: staff, at },
  { type: 'CancelCreditOrder', orderId: 'o1', cancellationId: 'x1', reason: 'lost deal', actor: staff, at },
  { type: 'RecordCreditOrderPackIssued', orderId: 'o1', packId: 'p7', actor: scheduler, at },
  { type: 'RecordCreditOrderInvoiceRequest', orderId: 'o1', actor: scheduler, at },
  { type: 'ApplyCreditOrderCorrection', orderId: 'o1', correctionId: 'k1', packId: 'p8', actor: scheduler, at },
  { type: 'RejectCreditOrderCorrection', orderId: 'o1', correctionId: 'k1', code: 'pack_exhausted', message: 'Pack p7 has no credits left.', actor: scheduler, at },
  { type: 'CompleteCreditOrderCancellation', orderId: 'o1', cancellationId: 'x1', actor: scheduler, at },
  { type: 'RejectCreditOrderCancellation', orderId: 'o1', cancellationId: 'x1', code: 'pack_used', message: 'The pack has been used.', actor: scheduler, at },
];

/**
 * A history that holds events of most types of the three aggregates (issued, consumed,
 * refunded, corrected, cancelled packs; assigned, activated, rated, renewed, stopped client
 * packages; added, used, suspended, billed account packages), written through the handlers.
 */
export const sampleHistory = async (): Promise<RecordedEvent[]> => {
  const store = new InMemoryEventStore();
  const client = clientOf(store, 3);
  const steps: [AggregateName, JsonCommand][] = [
    ['creditPack', issuePack('p0', '40')], ['creditPack', issuePack('p1', '10')],
    ['creditPack', consumeCredits('p0', 'c1', '5', 1)], ['creditPack', consumeCredits('p0', 'c2', '2.5', 1)],
    ['creditPack', refundConsumption('p0', 'r1', 'c1', '2', 2)], ['creditPack', correctCreditValue('p0', '45', 2)],
    ['creditPack', setCreditStatus('p0', 'drive', 2)], ['creditPack', consumeCredits('p1', 'c1', '10', 2)], ['creditPack', cancelPack('p1', 3)],
    ['creditPack', { type: 'EditPackDetails', packId: 'p0', name: 'Renamed', actor: staff, at }],
    ['creditPack', { type: 'RecordExpiryWarning', packId: 'p0', warning: { type: 'before_expiry', daysBefore: 30 }, actor: scheduler, at: instantOn(160) }],
    ['clientPackage', assignClientPackage('cp0')], ['clientPackage', runPackageManagerCommand('cp0', '1000', 0)],
    ['clientPackage', rateMinutes('cp0', 'u1', '30', 2)], ['clientPackage', rateMoney('cp0', 'm1', '25.00', 2)],
    ['clientPackage', runPackageManagerCommand('cp0', '1000', 32)], ['clientPackage', stopAtPeriodEnd('cp0', 33)],
    ['clientPackage', { type: 'RenameClientPackage', clientPackageId: 'cp0', name: 'VoIP 200', actor: staff, at: instantOn(34) }],
    ['accountPackage', addAccountPackage('ap0', 'acc-a')], ['accountPackage', recordUsage('ap0', 'v1', 3, '2')],
    ['accountPackage', suspendInternet('ap0', 'suspended', 5)], ['accountPackage', billPackage('ap0', { start: '2026-01-01', end: '2026-02-01' }, 'acc-a-2026-01-01', 0)],
    ['accountPackage', billPackage('ap0', { start: '2026-02-01', end: '2026-03-01' }, 'acc-a-2026-02-01', 31)],
  ];
  let n = 0;
  for (const [aggregate, json] of steps) {
    const sent = await client.send(aggregate, json, `sample-${++n}`);
    const last = sent.answers[sent.answers.length - 1];
    if (last?.kind !== 'accepted' || last.events.length === 0) throw new Error(`sample step ${n} (${String(json.type)}) was not accepted: ${JSON.stringify(last)}`);
  }
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};
