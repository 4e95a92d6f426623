/**
 * The commands of the workloads, as the JSON a host receives: every one goes through the
 * domain's own `decode…Command` codec before it reaches a handler.
 */

/** A JSON command: what a host parses from a request body. */
export type JsonCommand = Readonly<Record<string, unknown>>;

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** The instant `day` days (and `minute` minutes) after 2026-01-01T00:00Z. */
export const instantOn = (day: number, minute = 0): string => new Date(T0 + day * DAY_MS + minute * 60_000).toISOString();
/** The calendar day `day` days after 2026-01-01. */
export const dateOn = (day: number): string => instantOn(day).slice(0, 10);

export const staff = { kind: 'staff', userId: 'ali', roles: ['accounts', 'sales'] } as const;
export const scheduler = { kind: 'system', name: 'scheduler' } as const;

// --- credit packs (seed 000/001) ---

export const issuePack = (packId: string, credits: string, day = 0): JsonCommand => ({
  type: 'IssueCreditPack', packId, orderId: `order-${packId}`, name: `Pack ${packId}`,
  owner: { type: 'office', officeId: 'london', companyId: 'acme' }, credits, price: { amount: '100.00', currency: 'GBP' },
  linkedProducts: ['edit', 'shoot'], relationshipManagerId: 'sam', projectManagerId: 'pat', invoiceContactId: 'fay',
  expiry: { type: 'monthsAfterIssue', months: 6 }, actor: staff, at: instantOn(day),
});

export const consumeCredits = (packId: string, consumptionId: string, credits: string, day: number): JsonCommand => ({
  type: 'ConsumeCredits', packId, consumptionId, credits, productId: 'edit', actor: staff, at: instantOn(day, 1),
  project: { projectId: 'film', companyId: 'acme', officeId: 'london', contactUserIds: ['kim'] },
});

export const refundConsumption = (packId: string, refundId: string, consumptionId: string, credits: string, day: number): JsonCommand => ({
  type: 'RefundConsumption', packId, refundId, consumptionId, credits, reason: 'returned', actor: staff, at: instantOn(day, 2),
});

export const correctCreditValue = (packId: string, correctedCredits: string, day: number): JsonCommand => ({
  type: 'CorrectCreditValue', packId, correctedCredits, reason: 'order was wrong', actor: staff, at: instantOn(day, 3),
});

export const setCreditStatus = (packId: string, note: string, day: number): JsonCommand => ({
  type: 'SetCreditStatus', packId, creditStatus: 'drive', specialNotes: note, actor: staff, at: instantOn(day, 4),
});

export const cancelPack = (packId: string, day: number): JsonCommand => ({ type: 'CancelPack', packId, reason: 'order cancelled', actor: staff, at: instantOn(day, 5) });

// --- client packages (seed 004) ---

/** VoIP 100: 100 minutes to 380…, 20.00 USD to 44… per month. */
export const voipPackage = {
  catalogPackageId: 'voip', name: 'VoIP 100', activationFee: { amount: '1.00', currency: 'USD' }, subscriptionFee: { amount: '10.00', currency: 'USD' },
  period: { unit: 'month', count: 1 },
  limits: [{ type: 'volume', prefix: '380', minutes: '100' }, { type: 'money', prefix: '44', amount: { amount: '20.00', currency: 'USD' } }],
} as const;

export const assignClientPackage = (clientPackageId: string, day = 0): JsonCommand => ({
  type: 'AssignClientPackage', clientPackageId, clientId: 'rose', package: voipPackage, startDate: instantOn(day), quantity: 1, activateInPast: false,
  options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false }, actor: staff, at: instantOn(day),
});

export const runPackageManagerCommand = (clientPackageId: string, balance: string, day: number): JsonCommand => ({
  type: 'RunPackageManager', clientPackageId, clientBalance: { amount: balance, currency: 'USD' }, actor: scheduler, at: instantOn(day, 10),
});

export const rateMinutes = (clientPackageId: string, usageId: string, minutes: string, day: number): JsonCommand => ({
  type: 'RateUsage', clientPackageId, usage: { type: 'minutes', usageId, destination: '38050', minutes }, actor: scheduler, at: instantOn(day, 20),
});

export const rateMoney = (clientPackageId: string, usageId: string, amount: string, day: number): JsonCommand => ({
  type: 'RateUsage', clientPackageId, usage: { type: 'money', usageId, destination: '4420', amount: { amount, currency: 'USD' } }, actor: scheduler, at: instantOn(day, 20),
});

export const stopAtPeriodEnd = (clientPackageId: string, day: number): JsonCommand => ({ type: 'StopAtPeriodEnd', clientPackageId, actor: staff, at: instantOn(day, 30) });

// --- account packages (seed 003) ---

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** Fibre: internet 50.00 a month, and voice (usage-based, 10.00 a month). */
export const fibrePackage = {
  catalogPackageId: 'fibre', name: 'Fibre', allowsGlobalAddOns: false,
  services: [
    { serviceId: 'internet', name: 'Internet', usageBased: false, defaultInstances: 1, minInstances: 1, maxInstances: 1,
      recurringPrices: [{ status: 'active', price: eur('50.00') }, { status: 'suspended', price: eur('5.00') }], transitionPrices: [] },
    { serviceId: 'voice', name: 'Voice', usageBased: true, defaultInstances: 1, minInstances: 0, maxInstances: 2,
      recurringPrices: [{ status: 'active', price: eur('10.00') }], transitionPrices: [] },
  ],
} as const;

export const addAccountPackage = (accountPackageId: string, accountId: string): JsonCommand => ({
  type: 'AddAccountPackage', accountPackageId, account: { accountId, currency: 'EUR', billDay: 1, usageBillDay: 1 }, definition: fibrePackage,
  priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly', effectiveDate: '2026-01-01',
  options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false },
  serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: `+44207946${accountPackageId.length}` }],
  actor: staff, at: instantOn(0),
});

export const recordUsage = (accountPackageId: string, usageId: string, day: number, quantity: string): JsonCommand => ({
  type: 'RecordUsage', accountPackageId, usageId, instanceId: 'voice.1', on: dateOn(day), quantity, amount: eur(`${quantity}.00`), actor: scheduler, at: instantOn(day, 40),
});

export const suspendInternet = (accountPackageId: string, status: 'active' | 'suspended', day: number): JsonCommand => ({
  type: 'ChangeServiceStatus', accountPackageId, instanceId: 'internet.1', status, actor: staff, at: instantOn(day, 50),
});

/** The bill periods of the workloads: January and February 2026, `[start, end)`. */
export const BILL_PERIODS = [{ start: '2026-01-01', end: '2026-02-01' }, { start: '2026-02-01', end: '2026-03-01' }] as const;

export const billPackage = (accountPackageId: string, period: { readonly start: string; readonly end: string }, invoiceNumber: string, day: number): JsonCommand => ({
  type: 'BillPackage', accountPackageId, invoiceNumber, billPeriod: period, billCharges: true, billUsage: true, invoiceTopUp: false, runContractCommitment: false,
  actor: scheduler, at: instantOn(day, 60),
});
