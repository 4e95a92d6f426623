import type { Config } from 'jest';
import { join } from 'node:path';

// Absolute paths, so a project at any depth (packages/x, examples/x, torture) finds them. Node 24 loads this
// file as an ES module (no __dirname); jest is then run from the repository root, as every script does.
const root = typeof __dirname === 'string' ? __dirname : process.cwd();
const at = (path: string): string => join(root, path);
const tsJest = ['ts-jest', { tsconfig: at('tsconfig.test.json') }] as const;

/** One jest project per package; packages resolve to each other's sources, so no build is needed to test. */
const project = (dir: string, displayName: string): NonNullable<Config['projects']>[number] => ({
  displayName,
  rootDir: `<rootDir>/${dir}`,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': tsJest as unknown as [string, Record<string, unknown>],
    // nanoid is ESM-only; Jest's CommonJS runtime needs it transpiled (docs/decisions/0001-module-format.md).
    '^.+/node_modules/nanoid/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!nanoid/)'],
  moduleNameMapper: {
    '^@packledger/domain$': at('packages/domain/src/index.ts'),
    '^@packledger/domain/testing$': at('packages/domain/src/testing/index.ts'),
    '^@packledger/domain/properties$': at('packages/domain/src/testing/properties.ts'),
    '^@packledger/application$': at('packages/application/src/index.ts'),
    '^@packledger/application/testing$': at('packages/application/src/testing/index.ts'),
    '^@packledger/projections$': at('packages/projections/src/index.ts'),
    '^@packledger/postgres$': at('packages/postgres/src/index.ts'),
    '^@packledger/eventstoredb$': at('packages/eventstoredb/src/index.ts'),
    '^@packledger/http$': at('packages/http/src/index.ts'),
    '^@packledger/cli$': at('packages/cli/src/index.ts'),
  },
});

// The EventStoreDB adapter's tests, one project per client package (issue 7): @eventstore/db-client and
// @kurrent/kurrentdb-client register their protobuf messages in one global namespace, so no test file
// loads both and each client's files run as a project of their own (readme.test.ts runs the README's
// example, written for @eventstore/db-client). `eventstoredb` holds the rest:
// files that load no client (mappings) or one chosen at run time (real-server, PACKLEDGER_ESDB_CLIENT).
const ESDB_CLIENT_TESTS = ['<rootDir>/test/**/eventstore-db-client.*.test.ts', '<rootDir>/test/readme.test.ts'];
const KURRENT_CLIENT_TESTS = ['<rootDir>/test/**/kurrentdb-client.*.test.ts'];
type ProjectOptions = Exclude<NonNullable<Config['projects']>[number], string>;
const eventStoreDbProject = (displayName: string, files: { readonly testMatch?: string[]; readonly testPathIgnorePatterns?: string[] }): ProjectOptions =>
  ({ ...(project('packages/eventstoredb', displayName) as ProjectOptions), ...files });
const eventStoreDbProjects = [
  eventStoreDbProject('eventstoredb:esdb-client', { testMatch: ESDB_CLIENT_TESTS }),
  eventStoreDbProject('eventstoredb:kurrent-client', { testMatch: KURRENT_CLIENT_TESTS }),
  eventStoreDbProject('eventstoredb', { testPathIgnorePatterns: ['/node_modules/', '/test/(.+/)?(eventstore-db-client|kurrentdb-client)\\.[^/]+\\.test\\.ts$', '/test/readme\\.test\\.ts$'] }),
];

const config: Config = {
  projects: [project('packages/domain', 'domain'), project('packages/application', 'application'), project('packages/projections', 'projections'), project('packages/postgres', 'postgres'), ...eventStoreDbProjects, project('packages/http', 'http'), project('packages/cli', 'cli'), project('torture', 'torture'), project('examples/http', 'example-http'), project('examples/scenarios', 'example-scenarios')],
};

export default config;
