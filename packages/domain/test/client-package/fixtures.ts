import * as E from 'fp-ts/Either';
import { clientPackage, decodeClientPackageCommand, type ClientPackageCommand, type ClientPackageEvent } from '../../src';
import { scenario } from '../../src/testing';

export const given = scenario(clientPackage);

export const command = (json: Record<string, unknown>): ClientPackageCommand => {
  const decoded = decodeClientPackageCommand(json);
  if (E.isLeft(decoded)) throw new Error(`fixture does not decode: ${decoded.left.message}`);
  return decoded.right;
};

export const operator = { kind: 'staff', userId: 'olga', roles: ['accounts'] } as const;
export const manager = { kind: 'system', name: 'package-manager' } as const;

/** The seed's package: 100.00 USD on destinations 380, 100 minutes on 38044, monthly. */
export const seedPackage = {
  catalogPackageId: 'volume-and-credit',
  name: 'Test Package with volume and credit limits',
  activationFee: { amount: '5.00', currency: 'USD' },
  subscriptionFee: { amount: '20.00', currency: 'USD' },
  period: { unit: 'month', count: 1 },
  limits: [
    { type: 'money', prefix: '380', amount: { amount: '100.00', currency: 'USD' } },
    { type: 'volume', prefix: '38044', minutes: '100' },
  ],
};

export const noOptions = { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false };

export const assignJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'AssignClientPackage', clientPackageId: 'cp-1', clientId: 'orig-client', package: seedPackage,
  startDate: '2017-10-01T00:00:00Z', quantity: 1, activateInPast: false, options: noOptions, actor: operator, at: '2017-09-20T12:00:00Z',
  ...overrides,
});

export const runJson = (at: string, balance = '1000.00', currency = 'USD') => ({
  type: 'RunPackageManager', clientPackageId: 'cp-1', clientBalance: { amount: balance, currency }, actor: manager, at,
});

export const callJson = (usageId: string, destination: string, minutes: string, at: string) => ({
  type: 'RateUsage', clientPackageId: 'cp-1', usage: { type: 'minutes', usageId, destination, minutes }, actor: manager, at,
});

export const chargeJson = (usageId: string, destination: string, amount: string, at: string, currency = 'USD') => ({
  type: 'RateUsage', clientPackageId: 'cp-1', usage: { type: 'money', usageId, destination, amount: { amount, currency } }, actor: manager, at,
});

/** Runs commands in order, keeping accepted events; refusals are returned with their codes. */
export const play = (jsons: readonly Record<string, unknown>[], history: ClientPackageEvent[] = []): { history: ClientPackageEvent[]; refusals: string[] } => {
  const refusals: string[] = [];
  for (const json of jsons) {
    const outcome = given(history).when(command(json)).outcome;
    if (E.isLeft(outcome)) refusals.push(outcome.left.code);
    else history.push(...outcome.right);
  }
  return { history, refusals };
};
