import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/e2e/chromium.ts';

// The app under test is started by global-setup.ts exactly as a person starts it (a
// production build, `node server/main.ts`, a fresh DATA_DIR), and its console is read for
// the demo sign-ins.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Budgets, not waits. Each step waits for the condition it needs (a heading, a row, a URL,
  // the hydration marker), never for the network to go quiet or for a fixed time. An assertion
  // gives up after 15 s: on a shared 2-core machine one server round trip and render can take
  // several seconds, and a longer bound costs nothing when the condition comes sooner. A broken
  // step fails at its assertion; the test timeout only bounds a whole journey: 120 s, about
  // twice the longest nearly every journey took (60 s) with two CPU hogs (`yes > /dev/null`)
  // beside other test runs, load average 15 to 20. The few that take longer (dozens of pages,
  // the authorization sweep, five people in turn) set their own budget on the same rule, with
  // the time measured beside it.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://localhost:3210',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
