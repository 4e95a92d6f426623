import * as t from 'io-ts';
import { boundedArray } from './decode';
import { withFastValidate, withTaggedFastValidate } from './fast-object';
import { EntityId } from './ids';

/** Roles of the agency's own staff (seed 000). */
export const StaffRole = t.keyof({ sales: null, relationship_manager: null, project_manager: null, accounts: null }, 'StaffRole');
export type StaffRole = t.TypeOf<typeof StaffRole>;

/**
 * Client Hub roles (seed 002): `user` sees only projects where they are a contact and no
 * invoices; `accounts` sees all the company's projects, invoices and credit packs;
 * `admin` has every `accounts` permission and manages the company's users.
 */
export const ClientRole = t.keyof({ user: null, accounts: null, admin: null }, 'ClientRole');
export type ClientRole = t.TypeOf<typeof ClientRole>;

/**
 * The most roles a staff actor's list holds. There are four staff roles; the list is not
 * required to be free of repeats (events stored with a role twice stay readable), but it
 * is bounded, since the actor goes into every event it causes (torture finding F4).
 */
export const MAX_STAFF_ROLES = 20;

/** A member of staff, with one or more roles (at most {@link MAX_STAFF_ROLES} in the list). */
const staffActorProps = { kind: t.literal('staff'), userId: EntityId, roles: boundedArray(StaffRole, MAX_STAFF_ROLES) };
export const StaffActor = withFastValidate(t.strict(staffActorProps, 'StaffActor'), staffActorProps);
/** A client's Client Hub user, acting for their own company. */
const clientActorProps = { kind: t.literal('client'), userId: EntityId, companyId: EntityId, role: ClientRole };
export const ClientActor = withFastValidate(t.strict(clientActorProps, 'ClientActor'), clientActorProps);
/** A scheduled job of the host (expiry, warnings): acts on time, never on a person's request. */
const systemActorProps = { kind: t.literal('system'), name: EntityId };
export const SystemActor = withFastValidate(t.strict(systemActorProps, 'SystemActor'), systemActorProps);

/** Who acts: staff, a Client Hub user, or the system scheduler. */
export const Actor = withTaggedFastValidate(t.union([StaffActor, ClientActor, SystemActor], 'Actor'), 'kind', { staff: StaffActor, client: ClientActor, system: SystemActor });
export type Actor = t.TypeOf<typeof Actor>;
export type StaffActor = t.TypeOf<typeof StaffActor>;
export type ClientActor = t.TypeOf<typeof ClientActor>;

/** A short, stable description of an actor for histories: `staff:u1`, `client:u7@acme`, `system:expiry`. */
export const actorLabel = (a: Actor): string =>
  a.kind === 'staff' ? `staff:${a.userId}` : a.kind === 'client' ? `client:${a.userId}@${a.companyId}` : `system:${a.name}`;

/** True when the actor is staff holding at least one of the roles (any role when the list is empty). */
export const isStaffWith = (a: Actor, roles: readonly StaffRole[]): boolean =>
  a.kind === 'staff' && (roles.length === 0 ? a.roles.length > 0 : a.roles.some((r) => roles.includes(r)));
