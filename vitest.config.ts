import { defineConfig } from 'vitest/config'

// Projects: unit (pure modules, next to their code), integration (real PostgreSQL, one
// database per test file cloned from a migrated template) and e2e (a production build in
// Chromium), and bench (only when asked). The database global setup runs once per run.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globalSetup: ['tests/setup/global-database.ts'],
    // Each file's duration lands in test-results/vitest.json, so a slow run can be read file by file.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['app/**/*.test.{ts,tsx}', 'jobs/**/*.test.ts', 'server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/setup/file-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/global-build.ts'],
          setupFiles: ['tests/setup/file-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll gives up after 1 s by default: on a loaded machine a click's round trip
          // (post, redirect, render) can take longer, which failed tests that were right.
          expect: { poll: { timeout: 10_000 } },
          // Each file starts a server and a browser; two at a time suits a two-core machine.
          maxWorkers: 2,
        },
      },
      {
        // Benchmarks: only through `npm run bench:*`, never in `npm test`.
        extends: true,
        test: {
          name: 'bench',
          include: ['tests/bench/**/*.bench.ts'],
          setupFiles: ['tests/setup/file-database.ts'],
          sequence: { groupOrder: 3 },
          testTimeout: 3_600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
