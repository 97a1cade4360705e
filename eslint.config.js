import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', performance: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', NodeJS: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through loadConfig(env) in main.ts only.' },
      ],
    },
  },
  {
    // Entry points and test harnesses are where the environment is read.
    files: ['**/main.ts', 'test/**', 'infra/**', 'scripts/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Stages are pure functions: they never touch BullMQ.
    files: ['services/*/src/**/*.ts'],
    ignores: ['services/*/src/main.ts', 'services/api/src/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'bullmq', message: 'Stages must not import bullmq; the runtime adapter does.' }] }] },
  },
);
