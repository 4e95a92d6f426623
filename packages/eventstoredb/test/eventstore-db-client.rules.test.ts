// The adapter's own rules over @eventstore/db-client v6 and the in-process test server.
import { startEventStoreDb } from './support/eventstore-db-client';
import { adapterRules } from './support/rules';

adapterRules('@eventstore/db-client v6', startEventStoreDb);
