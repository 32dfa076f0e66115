import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'workers/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // TF.js wasm and training tests are CPU-heavy; two cores means two forks at most.
    pool: 'forks',
    maxWorkers: 2,
  },
});
