import type { Upcasters } from '../kernel';

/** Upcasters of account-package events: none yet, every event type is at schema version 1. */
export const accountPackageUpcasters: Upcasters = {};
