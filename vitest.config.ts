import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/http/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The fault suite: real CLI and server processes (the compiled CLI, built once by the
        // global setup) killed with SIGKILL, bad files, two writers, read-only and full disks.
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          globalSetup: ['tests/faults/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each file starts its own processes; two at a time is what two cores can take.
          maxWorkers: 2,
          // After the unit project (vitest runs projects with different maxWorkers in separate groups).
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The head office (issue 15): a real PostgreSQL started by the global setup, one database per file.
        extends: true,
        test: {
          name: 'headoffice',
          include: ['tests/headoffice/**/*.test.ts'],
          globalSetup: ['tests/headoffice/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
