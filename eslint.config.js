// Lint rules, including the layering rules of the architecture: the simulator
// backend never spawns processes, xenopsd's callers speak to it only through
// the interface (src/idl), and core code uses no `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const XENOPSD_PATTERN = {
  group: ['**/xenopsd/**', '**/xenopsd'],
  message: 'Reach xenopsd through its interface in src/idl (xenops.ts, xenops-types.ts, xenops-client.ts).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'docs/**', '.state/**', 'coverage/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The CommonJS launchers of bin/ (xe starts faster without the ES module loader).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/xenopsd/backends/simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:child_process', 'child_process'],
          patterns: ['**/backends/qemu/**'],
        },
      ],
    },
  },
  // The xenops vocabulary (types, client, errors) lives in src/idl; xapi and
  // rrdd reach xenopsd through it, never through xenopsd's own modules.
  // xapi reads and writes the store through its typed view (XapiDb); only the
  // code that handles any class by name uses the untyped store and its rows.
  // (Flat config keeps only the last matching value of a rule, so the xapi
  // block repeats the xenopsd pattern.)
  {
    files: ['src/idl/**', 'src/xapi/**', 'src/rrdd/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [XENOPSD_PATTERN] }],
    },
  },
  {
    files: ['src/xapi/**'],
    ignores: [
      '**/*.test.ts',
      'src/xapi/store.ts',
      'src/xapi/db-actions.ts',
      'src/xapi/dispatch.ts',
      'src/xapi/events.ts',
      'src/xapi/lifecycle/operations.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            XENOPSD_PATTERN,
            {
              group: ['**/db/store.js'],
              importNames: ['ObjectStore', 'Row', 'Fields'],
              message: 'use XapiDb and the generated record types (src/xapi/store.ts)',
            },
            {
              group: ['**/db/typed.js'],
              importNames: ['typedView', 'untypedView'],
              message: 'the untyped store is for code that handles any class by name',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/datamodel/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/rpc/**', '**/db/**', '**/xapi/**', 'node:*'] }],
    },
  },
);
