import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  build: {
    target: 'es2022',
    // Rolldown's "[PLUGIN_TIMINGS] JavaScript callbacks ran for …" note on every build is about
    // the React Router plugin's own cost, which we cannot act on: keep the build output quiet.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
