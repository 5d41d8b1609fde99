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
      LOG_LEVEL: 'warn',
      PUBLIC_URL: baseURL,
      NODE_ENV: 'production',
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_URL: stripe.url,
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

  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await stripe.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
