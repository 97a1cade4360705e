import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/global-setup.ts'],
          // Memory-bound tests force a collection before measuring what is really retained.
          execArgv: ['--expose-gc'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // Integration suites start real services; running them one file at a time keeps a
          // 2-core machine from thrashing and timings meaningful.
          fileParallelism: false,
        },
      },
    ],
  },
});
