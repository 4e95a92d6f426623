// The adapter's own rules over @kurrent/kurrentdb-client and the in-process test server.
import { startKurrentDb } from './support/kurrentdb-client';
import { adapterRules } from './support/rules';

adapterRules('@kurrent/kurrentdb-client', startKurrentDb);
