import * as E from 'fp-ts/Either';
import { decodeCreditPackCommand } from '../../src';
import { Actor, MAX_STAFF_ROLES, actorLabel, decodeWith, isStaffWith, type DecodeError } from '../../src/kernel';

/** The problems of a refused actor as `path: message` pairs, or the accepted actor. */
const decodeActor = (input: unknown): E.Either<readonly string[], Actor> =>
  E.mapLeft((e: DecodeError) => e.facts.problems.map((p) => p.path))(decodeWith(Actor, input));

describe('Actor codec', () => {
  test('given staff with several roles, when decoded, then it is that staff actor', () => {
    const staff = { kind: 'staff', userId: 'u1', roles: ['sales', 'relationship_manager', 'project_manager', 'accounts'] };

    expect(decodeActor(staff)).toEqual(E.right(staff));
  });

  test.each([['user'], ['accounts'], ['admin']])('given a client with the role %s and a companyId, when decoded, then it is that client actor', (role) => {
    const client = { kind: 'client', userId: 'u7', companyId: 'acme', role };

    expect(decodeActor(client)).toEqual(E.right(client));
  });

  test('given the system with a job name, when decoded, then it is the system actor', () => {
    expect(decodeActor({ kind: 'system', name: 'expiry' })).toEqual(E.right({ kind: 'system', name: 'expiry' }));
  });

  test.each([['admin'], ['ceo'], ['Sales'], ['']])('given staff with the unknown staff role %p, when decoded, then the role is refused at roles.0', (role) => {
    expect(decodeActor({ kind: 'staff', userId: 'u1', roles: [role] })).toEqual(E.left(['roles.0']));
  });

  test.each([['owner'], ['sales'], ['Admin']])('given a client with the unknown client role %p, when decoded, then the role is refused at role', (role) => {
    expect(decodeActor({ kind: 'client', userId: 'u7', companyId: 'acme', role })).toEqual(E.left(['role']));
  });

  test(`given staff with more than ${MAX_STAFF_ROLES} roles, when decoded, then the list is refused at roles before any role is read (torture finding F4)`, () => {
    const staff = (roles: readonly string[]) => ({ kind: 'staff', userId: 'u1', roles });
    const refused = decodeWith(Actor, staff(Array.from({ length: 100_000 }, () => 'sales')));
    expect(E.isLeft(refused) && refused.left.facts.problems).toEqual([{ path: 'roles', message: `must hold 0 to ${MAX_STAFF_ROLES} items; got 100000` }]);
    expect(decodeActor(staff(Array.from({ length: MAX_STAFF_ROLES + 1 }, () => 'accounts')))).toEqual(E.left(['roles']));
    // In a command it is a decode error at actor.roles.
    const command = decodeCreditPackCommand({ type: 'CancelPack', packId: 'p1', reason: 'r', actor: staff(Array.from({ length: 21 }, () => 'sales')), at: '2026-01-01T00:00:00.000Z' });
    expect(E.isLeft(command) && command.left.facts.problems.map((p) => p.path)).toEqual(['actor.roles']);
    // What stored events hold stays readable: every role, none, or roles repeated within the bound.
    for (const roles of [[], ['sales', 'relationship_manager', 'project_manager', 'accounts'], ['sales', 'sales'], Array.from({ length: MAX_STAFF_ROLES }, (_, i) => (i % 2 === 0 ? 'sales' : 'accounts'))]) {
      expect(decodeActor(staff(roles))).toEqual(E.right(staff(roles)));
    }
    expect(Actor.is(staff(Array.from({ length: MAX_STAFF_ROLES + 1 }, () => 'sales')))).toBe(false);
  });

  test('given a client without a companyId, when decoded, then the refusal names companyId only', () => {
    expect(decodeActor({ kind: 'client', userId: 'u7', role: 'user' })).toEqual(E.left(['companyId']));
  });

  test('given staff with a malformed userId and an unknown role, then both fields are named and no union index appears', () => {
    expect(decodeActor({ kind: 'staff', userId: 'not an id', roles: ['sales', 'ceo'] })).toEqual(E.left(['userId', 'roles.1']));
  });

  test.each([[{ kind: 'robot', name: 'x' }], [{ name: 'expiry' }], [null], ['staff']])('given %p, when decoded, then it is refused at the root', (input) => {
    expect(decodeActor(input)).toEqual(E.left(['(root)']));
  });

  test('given extra fields, when decoded, then they are dropped', () => {
    expect(decodeActor({ kind: 'system', name: 'expiry', isAdmin: true })).toEqual(E.right({ kind: 'system', name: 'expiry' }));
  });
});

/** An actor the test knows to be valid. */
const actor = (input: unknown): Actor =>
  E.getOrElseW((e: DecodeError): never => {
    throw new Error(`test setup: ${e.message}`);
  })(decodeWith(Actor, input));

describe('actorLabel', () => {
  test.each([
    [{ kind: 'staff', userId: 'u1', roles: ['sales'] }, 'staff:u1'],
    [{ kind: 'client', userId: 'u7', companyId: 'acme', role: 'admin' }, 'client:u7@acme'],
    [{ kind: 'system', name: 'expiry' }, 'system:expiry'],
  ])('given %p, then its label is %p', (input, label) => {
    expect(actorLabel(actor(input))).toBe(label);
  });
});

describe('isStaffWith', () => {
  const accountant = actor({ kind: 'staff', userId: 'u1', roles: ['accounts'] });
  const roleless = actor({ kind: 'staff', userId: 'u2', roles: [] });
  const clientAdmin = actor({ kind: 'client', userId: 'u7', companyId: 'acme', role: 'admin' });

  test('given staff holding accounts, when accounts or sales is required, then they qualify', () => {
    expect(isStaffWith(accountant, ['sales', 'accounts'])).toBe(true);
  });

  test('given staff holding accounts, when only sales is required, then they do not qualify', () => {
    expect(isStaffWith(accountant, ['sales'])).toBe(false);
  });

  test('given staff with no role, when any role is required, then they do not qualify', () => {
    expect(isStaffWith(roleless, [])).toBe(false);
  });

  test('given a client admin, when the accounts staff role is required, then a client never qualifies', () => {
    expect(isStaffWith(clientAdmin, ['accounts'])).toBe(false);
  });
});
