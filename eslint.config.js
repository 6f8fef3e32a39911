// Lint rules, including the layering rules of the architecture: the simulator
// backend never spawns processes, and core code uses no `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // xapi reads and writes the store through its typed view (XapiDb); only the
    // code that handles any class by name uses the untyped store and its rows.
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
