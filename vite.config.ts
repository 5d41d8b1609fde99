import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';
import { catalogPerModule } from './lib/i18n/catalog-per-module.vite.ts';

export default defineConfig({
  // Each page's browser code carries only the message namespaces it names (ADR 0061).
  plugins: [catalogPerModule({ root: import.meta.dirname }), reactRouter()],
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
