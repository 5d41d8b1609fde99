// Vitest has its own config on purpose: the React Router Vite plugin in vite.config.ts
// breaks plain unit and integration tests (see ../shared/ARCHITECTURE.md).
import { defineConfig } from 'vitest/config';

const roots = '{app,domain,db,lib,server,tests/integration,tests/architecture}';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: [`${roots}/**/*.test.{ts,tsx}`],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      {
        // Tests that need PostgreSQL: the global setup starts an embedded server (or uses
        // TEST_DATABASE_URL) and builds a migrated template; each file gets its own clone.
        test: {
          name: 'db',
          include: [`${roots}/**/*.db.test.ts`],
          exclude: ['node_modules/**'],
          globalSetup: ['tests/helpers/db-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
