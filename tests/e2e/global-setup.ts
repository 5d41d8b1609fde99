import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { startFakeStripe } from '../helpers/fake-stripe.ts';

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  organization: string;
}

export const ACCOUNTS_FILE_ENV = 'BALINT_E2E_ACCOUNTS';
/** The fake Stripe server's URL (tests read its request log at /__fake/requests). */
export const FAKE_STRIPE_URL_ENV = 'BALINT_E2E_FAKE_STRIPE';

/** Starts the built app on a fresh data directory and reads the demo sign-ins it prints. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL ?? 'http://localhost:3210';
  const port = new URL(baseURL).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-e2e-'));
  // Card payments go to a local fake Stripe whose hosted page pays and signs the webhook.
  const stripe = await startFakeStripe({ webhookUrl: `${baseURL}/webhooks/stripe` });
  process.env[FAKE_STRIPE_URL_ENV] = stripe.url;
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      PORT: port,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      // Every request line is logged, so the suite's whole traffic is checked for leaks below.
      LOG_LEVEL: 'info',
      PUBLIC_URL: baseURL,
      NODE_ENV: 'production',
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_URL: stripe.url,
      // The suite applies many times from 127.0.0.1; the limit itself is proven in
      // server/api/api-submit-application.db.test.ts.
      APPLICATIONS_PER_ADDRESS_PER_HOUR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('Balint Hub is running at') && /\n\s*\n\s*$/.test(output.split('Demo sign-ins')[1] ?? '')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} during start:\n${output}`));
    });
  });

  // Starting the app never calls Stripe.
  if (stripe.requests.length > 0) {
    child.kill('SIGTERM');
    await stripe.close();
    throw new Error(`the app called Stripe while starting: ${stripe.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  }

  const accounts: DemoAccount[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s+(\S+@\S+)\s+(\S+)\s+(\S+) of (\S+)\s*$/.exec(line);
    if (match) accounts.push({ email: match[1]!, password: match[2]!, role: match[3]!, organization: match[4]! });
  }
  if (accounts.length === 0) throw new Error(`no demo sign-ins printed:\n${output}`);
  const file = path.join(dataDir, 'e2e-accounts.json');
  fs.writeFileSync(file, JSON.stringify(accounts));
  process.env[ACCOUNTS_FILE_ENV] = file;

  // Everything the app prints after its start banner is log lines; the suite signs up, resets
  // passwords, follows confirmation links and applies under many names and addresses.
  const started = output.length;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await stripe.close();
    const leaks = findLeaks(output.slice(started), accounts);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (leaks.length > 0) throw new Error(`the app's logs during the browser tests hold personal data or secrets:\n${leaks.join('\n')}`);
  };
}

/**
 * Log lines that carry what logs must never hold: an email address, a demo password, a token
 * in a reset or confirmation path, a session cookie.
 */
export function findLeaks(log: string, accounts: DemoAccount[]): string[] {
  const leaks: string[] = [];
  for (const line of log.split('\n')) {
    if (!line.trim()) continue;
    const reasons: string[] = [];
    if (/[\w.+-]+@[\w-]+\.[\w.-]+/.test(line)) reasons.push('an email address');
    if (accounts.some((a) => line.includes(a.password))) reasons.push('a demo password');
    if (/(reset-password|confirm|verify-email)\/[A-Za-z0-9_-]{16,}/.test(line) || /token=[A-Za-z0-9._-]{16,}/.test(line)) reasons.push('a token');
    if (/session_token=/.test(line)) reasons.push('a session cookie');
    if (reasons.length > 0) leaks.push(`${reasons.join(', ')}: ${line.slice(0, 300)}`);
  }
  return leaks;
}
