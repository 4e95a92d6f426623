import { canViewPack, creditPack, fold, reissuedPackCommand, type Actor, type CreditPackEvent } from '../../src';
import {
  accounts,
  clientAccounts,
  command,
  consumeJson,
  event,
  given,
  issuedJson,
  kimAsOwner,
  officePackIssued,
  projectManager,
  sales,
  scheduler,
  twelveConsumed,
} from './fixtures';

const reissueJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'ReissueToNewOwner', packId: 'pack-1', newPackId: 'pack-2', newOwner: kimAsOwner, reason: 'Owner mistaken for invoice contact',
  actor: accounts, at: '2026-03-01T09:00:00Z', ...overrides,
});
const reissuedJson = (overrides: Record<string, unknown> = {}) => ({
  type: 'CreditPackReissued',
  data: { packId: 'pack-1', newPackId: 'pack-2', newOwner: kimAsOwner, transferredCredits: '28', reason: 'Owner mistaken for invoice contact', by: accounts, at: '2026-03-01T09:00:00.000Z', ...overrides },
});
const expired = event({ type: 'CreditPackExpired', data: { packId: 'pack-1', expiresAt: '2026-07-31T10:00:00.000Z', forfeitedCredits: '28', by: scheduler, at: '2026-07-31T10:00:00.000Z' } });
const cancelled = event({ type: 'CreditPackCancelled', data: { packId: 'pack-1', reason: 'Order cancelled', forfeitedCredits: '40', by: sales, at: '2026-02-01T09:00:00.000Z' } });

describe('changing the owner', () => {
  test('a plain owner change is refused with an error that says what to do instead', () => {
    const error = given([officePackIssued, twelveConsumed])
      .when(command({ type: 'ChangeOwner', packId: 'pack-1', newOwner: kimAsOwner, actor: accounts, at: '2026-03-01T09:00:00Z' }))
      .thenRefuses('owner_change_not_allowed', { instead: 'ReissueToNewOwner' });
    expect(error.message).toMatch(/ReissueToNewOwner/);
    expect(error.message).toMatch(/28 credits/);
  });

  test('the Accounts team reissues: the old pack is cancelled and its remaining balance moves to the new owner', () => {
    given([officePackIssued, twelveConsumed]).when(command(reissueJson())).then([event(reissuedJson())]);
  });

  test('the new pack is linked back to the old one, with the same order, products, expiry and the moved balance', () => {
    const history: CreditPackEvent[] = [officePackIssued, twelveConsumed, event(reissuedJson())];
    const old = fold(creditPack, history);
    const reissued = history[2];
    if (old.kind !== 'issued' || reissued?.type !== 'CreditPackReissued') throw new Error('fixture broken');
    given([]).when(reissuedPackCommand(old, reissued)).then([
      event(issuedJson({ packId: 'pack-2', owner: kimAsOwner, credits: '28', expiryRule: { type: 'on', at: '2026-07-31T10:00:00.000Z' }, reissuedFrom: 'pack-1', by: accounts, at: '2026-03-01T09:00:00.000Z' })),
    ]);
    expect(old.reissuedTo?.newPackId).toBe('pack-2');
  });

  test('after a reissue the old pack cannot be used and points to the new pack', () => {
    const error = given([officePackIssued, twelveConsumed, event(reissuedJson())]).when(command(consumeJson({ consumptionId: 'use-2' }))).thenRefuses('pack_cancelled');
    expect(error.message).toMatch(/pack-2/);
  });

  test('retrying the same reissue changes nothing; a different one is refused', () => {
    given([officePackIssued, event(reissuedJson())]).when(command(reissueJson())).then([]);
    given([officePackIssued, event(reissuedJson())]).when(command(reissueJson({ newPackId: 'pack-3' }))).thenRefuses('reissue_conflict');
  });

  test('credits cannot be reissued to another company', () => {
    given([officePackIssued]).when(command(reissueJson({ newOwner: { type: 'office', officeId: 'ny', companyId: 'globex' } }))).thenRefuses('reissue_to_other_company');
  });

  test('reissuing to the current owner is refused', () => {
    given([officePackIssued]).when(command(reissueJson({ newOwner: { type: 'office', officeId: 'london', companyId: 'acme' } }))).thenRefuses('reissue_to_same_owner');
  });

  test('only the Accounts team reissues a pack', () => {
    given([officePackIssued]).when(command(reissueJson({ actor: sales }))).thenRefuses('forbidden', { permission: 'credit-pack:reissue' });
  });

  test('an exhausted pack has nothing to reissue', () => {
    const allUsed = event({ type: 'CreditsConsumed', data: { packId: 'pack-1', consumptionId: 'u', credits: '40', projectId: 'p', projectOfficeId: 'london', productId: 'edit-day', remaining: '0', by: projectManager, at: '2026-02-01T00:00:00.000Z' } });
    given([officePackIssued, allUsed]).when(command(reissueJson())).thenRefuses('nothing_to_reissue');
  });
});

describe('cancelling', () => {
  const cancelJson = (overrides: Record<string, unknown> = {}) => ({ type: 'CancelPack', packId: 'pack-1', reason: 'Order cancelled', actor: sales, at: '2026-02-01T09:00:00Z', ...overrides });

  test('cancelling records the forfeited balance', () => {
    given([officePackIssued]).when(command(cancelJson())).then([cancelled]);
  });

  test('a cancelled pack cannot be used', () => {
    given([officePackIssued, cancelled]).when(command(consumeJson())).thenRefuses('pack_cancelled');
  });

  test('cancelling twice changes nothing', () => {
    given([officePackIssued, cancelled]).when(command(cancelJson())).then([]);
  });

  test('client-hub users cannot cancel', () => {
    given([officePackIssued]).when(command(cancelJson({ actor: clientAccounts }))).thenRefuses('forbidden', { permission: 'credit-pack:cancel' });
  });
});

describe('expiry', () => {
  const expireJson = (at: string) => ({ type: 'ExpirePack', packId: 'pack-1', actor: scheduler, at });
  const warnJson = (warning: Record<string, unknown>, at: string) => ({ type: 'RecordExpiryWarning', packId: 'pack-1', warning, actor: scheduler, at });

  test('expiring records the forfeited balance', () => {
    given([officePackIssued, twelveConsumed]).when(command(expireJson('2026-07-31T10:00:00Z'))).then([expired]);
  });

  test('a pack does not expire before its expiry instant', () => {
    given([officePackIssued]).when(command(expireJson('2026-07-31T09:59:59Z'))).thenRefuses('not_yet_expired');
  });

  test('expiring twice changes nothing', () => {
    given([officePackIssued, twelveConsumed, expired]).when(command(expireJson('2026-08-01T00:00:00Z'))).then([]);
  });

  test('an expired pack cannot be used, whatever instant the command states', () => {
    given([officePackIssued, twelveConsumed, expired]).when(command(consumeJson({ consumptionId: 'use-2', at: '2026-03-01T00:00:00Z' }))).thenRefuses('pack_expired');
  });

  test('a warning a chosen number of days before expiry is recorded once', () => {
    const warned = event({ type: 'ExpiryWarningRecorded', data: { packId: 'pack-1', warning: { type: 'before_expiry', daysBefore: 30 }, expiresAt: '2026-07-31T10:00:00.000Z', remaining: '40', by: scheduler, at: '2026-07-01T10:00:00.000Z' } });
    given([officePackIssued]).when(command(warnJson({ type: 'before_expiry', daysBefore: 30 }, '2026-07-01T10:00:00Z'))).then([warned]);
    given([officePackIssued, warned]).when(command(warnJson({ type: 'before_expiry', daysBefore: 30 }, '2026-07-02T10:00:00Z'))).then([]);
  });

  test('warnings for different lead times are separate', () => {
    const warned30 = event({ type: 'ExpiryWarningRecorded', data: { packId: 'pack-1', warning: { type: 'before_expiry', daysBefore: 30 }, expiresAt: '2026-07-31T10:00:00.000Z', remaining: '40', by: scheduler, at: '2026-07-01T10:00:00.000Z' } });
    given([officePackIssued, warned30])
      .when(command(warnJson({ type: 'before_expiry', daysBefore: 7 }, '2026-07-25T10:00:00Z')))
      .then([event({ type: 'ExpiryWarningRecorded', data: { packId: 'pack-1', warning: { type: 'before_expiry', daysBefore: 7 }, expiresAt: '2026-07-31T10:00:00.000Z', remaining: '40', by: scheduler, at: '2026-07-25T10:00:00.000Z' } })]);
  });

  test('a before-expiry warning is not due earlier than its lead time, nor at or after expiry', () => {
    given([officePackIssued]).when(command(warnJson({ type: 'before_expiry', daysBefore: 30 }, '2026-06-30T00:00:00Z'))).thenRefuses('warning_not_due');
    given([officePackIssued]).when(command(warnJson({ type: 'before_expiry', daysBefore: 30 }, '2026-07-31T10:00:00Z'))).thenRefuses('warning_not_due');
  });

  test('the after-expiry warning is recorded once, from the expiry instant', () => {
    const warned = event({ type: 'ExpiryWarningRecorded', data: { packId: 'pack-1', warning: { type: 'after_expiry' }, expiresAt: '2026-07-31T10:00:00.000Z', remaining: '28', by: scheduler, at: '2026-08-01T00:00:00.000Z' } });
    given([officePackIssued, twelveConsumed]).when(command(warnJson({ type: 'after_expiry' }, '2026-07-31T09:00:00Z'))).thenRefuses('warning_not_due');
    given([officePackIssued, twelveConsumed, expired]).when(command(warnJson({ type: 'after_expiry' }, '2026-08-01T00:00:00Z'))).then([warned]);
    given([officePackIssued, twelveConsumed, expired, warned]).when(command(warnJson({ type: 'after_expiry' }, '2026-08-02T00:00:00Z'))).then([]);
  });

  test('no warning for a pack with nothing left to lose', () => {
    const allUsed = event({ type: 'CreditsConsumed', data: { packId: 'pack-1', consumptionId: 'u', credits: '40', projectId: 'p', projectOfficeId: 'london', productId: 'edit-day', remaining: '0', by: projectManager, at: '2026-02-01T00:00:00.000Z' } });
    given([officePackIssued, allUsed]).when(command(warnJson({ type: 'after_expiry' }, '2026-08-01T00:00:00Z'))).thenRefuses('nothing_to_warn_about');
  });

  test('only the scheduler records expiry warnings', () => {
    given([officePackIssued]).when(command({ ...warnJson({ type: 'after_expiry' }, '2026-08-01T00:00:00Z'), actor: accounts })).thenRefuses('forbidden');
  });
});

describe('roles (seed 002)', () => {
  test('a client-hub User may not manage credit packs', () => {
    const error = given([officePackIssued]).when(command(consumeJson({ actor: { kind: 'client', userId: 'lee', companyId: 'acme', role: 'user' } }))).thenRefuses('forbidden', { permission: 'credit-pack:consume' });
    expect(error.message).toMatch(/accounts or admin/);
  });

  test('Accounts and Admin users may not use another company\'s packs', () => {
    const error = given([officePackIssued]).when(command(consumeJson({ actor: { kind: 'client', userId: 'zed', companyId: 'globex', role: 'admin' } }))).thenRefuses('forbidden');
    expect(error.message).toMatch(/another company/);
  });
});

describe('who may see a pack (seed 002)', () => {
  test.each([
    ['any staff member', true, { kind: 'staff', userId: 'pat', roles: ['project_manager'] }],
    ['a Client Hub Accounts user of the company', true, { kind: 'client', userId: 'kim', companyId: 'acme', role: 'accounts' }],
    ['a Client Hub Admin user of the company', true, { kind: 'client', userId: 'ada', companyId: 'acme', role: 'admin' }],
    ['a Client Hub User of the company', false, { kind: 'client', userId: 'lee', companyId: 'acme', role: 'user' }],
    ['a Client Hub Admin user of another company', false, { kind: 'client', userId: 'zed', companyId: 'globex', role: 'admin' }],
    ['staff with no role', false, { kind: 'staff', userId: 'new', roles: [] }],
  ] as const)('%s may see a pack: %s', (_who, visible, actor) => {
    expect(canViewPack(actor as Actor, 'acme')).toBe(visible);
  });
});
