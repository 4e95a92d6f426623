import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'timers', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.node24/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'domain does no I/O and keeps no time' },
        { name: 'setInterval', message: 'domain does no I/O and keeps no time' },
        { name: 'process', message: 'domain does not read the environment' },
        { name: 'fetch', message: 'domain does no I/O' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'domain is deterministic: ids come in the command' },
        { object: 'Date', property: 'now', message: 'domain reads no clock: the command carries its instant' },
        { object: 'crypto', property: 'randomUUID', message: 'domain is deterministic: ids come in the command' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain reads no clock: the command carries its instant' }],
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'domain is pure: no Node modules' })),
        patterns: [
          { group: ['node:*'], message: 'domain is pure: no Node modules' },
          { group: ['@packledger/*'], message: 'domain imports nothing of ours' },
        ],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
