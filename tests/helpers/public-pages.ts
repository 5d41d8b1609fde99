// The public pages the quality checks visit (bench/public-js.ts, bench/lighthouse.ts,
// tests/e2e/public-quality.spec.ts), and a way to start the built app for them on a fresh
// data directory with the demo seed, as tests/e2e/global-setup.ts does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppProcess, type AppProcess } from './app-process.ts';

export interface PublicPage {
  name: string;
  path: string;
}

/** The course page of the ABS's upcoming intensive: its slug carries the demo's dates, so it is read from the ABS home page. */
export async function upcomingIntensivePath(baseUrl: string): Promise<string | undefined> {
  const html = await (await fetch(new URL('/o/abs', baseUrl))).text();
  const slugs = [...html.matchAll(/href="(\/o\/abs\/courses\/leadership-intensive-\d{4}-\d{2})"/g)].map((m) => m[1]!);
  return slugs[0];
}

/** Every page anyone can open without signing in, with the demo data. */
export async function publicPages(baseUrl: string): Promise<PublicPage[]> {
  const course = await upcomingIntensivePath(baseUrl);
  if (!course) throw new Error(`no upcoming intensive linked from ${baseUrl}/o/abs`);
  return [
    { name: 'deployment home', path: '/' },
    { name: 'ABS home', path: '/o/abs' },
    { name: 'NWBC home', path: '/o/nwbc' },
    { name: 'upcoming intensive', path: course },
    { name: 'past intensive', path: '/o/abs/courses/leadership-intensive-2025-spokane' },
    { name: 'sign in', path: '/o/abs/sign-in' },
    { name: 'sign up', path: '/o/abs/sign-up' },
    { name: 'check email', path: '/o/abs/check-email' },
    { name: 'verified', path: '/o/abs/verified' },
    { name: 'forgot password', path: '/o/abs/forgot-password' },
    { name: 'reset password', path: '/o/abs/reset-password' },
    { name: 'donate', path: '/o/abs/donate' },
    { name: 'verify a certificate', path: '/verify' },
    { name: 'verify a malformed code', path: '/verify/not-a-code' },
  ];
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** `node server/main.ts` on a fresh DATA_DIR (embedded PostgreSQL, the demo seed) at `port`. */
export async function startBuiltApp(port: number): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-quality-'));
  const url = `http://localhost:${port}`;
  let app: AppProcess;
  try {
    app = await startAppProcess({ PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: url });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      app.child.kill('SIGTERM');
      await app.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
