import type { Config } from 'jest';

const tsJest = ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.test.json' }] as const;

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
    '^@packledger/domain$': '<rootDir>/../../packages/domain/src/index.ts',
    '^@packledger/domain/testing$': '<rootDir>/../../packages/domain/src/testing/index.ts',
    '^@packledger/application$': '<rootDir>/../../packages/application/src/index.ts',
    '^@packledger/application/testing$': '<rootDir>/../../packages/application/src/testing/index.ts',
    '^@packledger/projections$': '<rootDir>/../../packages/projections/src/index.ts',
    '^@packledger/postgres$': '<rootDir>/../../packages/postgres/src/index.ts',
    '^@packledger/eventstoredb$': '<rootDir>/../../packages/eventstoredb/src/index.ts',
    '^@packledger/http$': '<rootDir>/../../packages/http/src/index.ts',
    '^@packledger/cli$': '<rootDir>/../../packages/cli/src/index.ts',
  },
});

const config: Config = {
  projects: [project('packages/domain', 'domain'), project('packages/application', 'application'), project('packages/projections', 'projections'), project('packages/postgres', 'postgres'), project('packages/eventstoredb', 'eventstoredb'), project('packages/http', 'http'), project('packages/cli', 'cli'), project('examples/http', 'example-http')],
};

export default config;
