import { defineConfig } from 'vitest/config';

// Integration files open a database each; two workers match the two cores CI has.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
