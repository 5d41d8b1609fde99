import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  // `npm run dev`: find every browser dependency before the first page is served. Left to
  // discover them on first load, Vite re-bundles mid-page and answers the page's imports
  // "504 Outdated Optimize Dep", so the page never hydrates (tests/e2e/dev-server.spec.ts).
  optimizeDeps: {
    entries: ['app/root.tsx', 'app/routes/**/*.tsx', 'app/components/**/*.tsx'],
    include: ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', 'react-router', 'react-router/dom', 'i18next', 'react-i18next', 'zod', 'temporal-polyfill'],
  },
  build: {
    target: 'es2022',
    // Rolldown's "[PLUGIN_TIMINGS] JavaScript callbacks ran for …" note on every build is about
    // the React Router plugin's own cost, which we cannot act on: keep the build output quiet.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
