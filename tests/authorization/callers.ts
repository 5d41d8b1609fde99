// Who the sweep calls as: anonymous, every demo account the app printed (each signed in once
// through the sign-in form), and for the JSON API a staff token per account, minted with the
// `npm run api-token` command against the running app's data directory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import type { Role } from '#db/schema/accounts.ts';
import { ACCOUNTS_FILE_ENV, type DemoAccount } from '../e2e/global-setup.ts';
import { send } from './http.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

export interface Caller {
  /** As printed in reports: "anonymous", "admin of abs", "token of treasurer of abs". */
  name: string;
  credential: 'none' | 'cookie' | 'token';
  email?: string;
  /** Roles by organization slug. */
  roles: Record<string, Role[]>;
  /** The deployment's operator (printed as "operator of deployment"). */
  operator: boolean;
  /** For tokens: the organization the token was minted for. */
  tokenOrg?: string;
  token?: string;
  request: APIRequestContext;
}

/** The demo sign-ins global-setup read from the app's console. */
export function demoAccounts(): DemoAccount[] {
  return JSON.parse(fs.readFileSync(process.env[ACCOUNTS_FILE_ENV]!, 'utf8')) as DemoAccount[];
}

function rolesOf(accounts: DemoAccount[], email: string): Record<string, Role[]> {
  const roles: Record<string, Role[]> = {};
  for (const a of accounts) {
    if (a.email !== email || a.role === 'operator') continue;
    (roles[a.organization] ??= []).push(a.role as Role);
  }
  return roles;
}

const ORG_OF_SIGN_IN: Record<string, string> = { deployment: 'abs' };

/** Signs in through the form, as a browser without JavaScript would; the context keeps the cookie. */
export async function signIn(request: APIRequestContext, baseURL: string, org: string, email: string, password: string) {
  const response = await send(() => request.post(`/o/${org}/sign-in`, { form: { email, password }, headers: { origin: baseURL }, maxRedirects: 0 }));
  const location = response.headers()['location'] ?? '';
  if (response.status() < 300 || response.status() >= 400 || location.includes('sign-in')) {
    throw new Error(`sign-in as ${email} answered ${response.status()} ${location}`);
  }
}

export async function cookieCallers(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string): Promise<Caller[]> {
  const accounts = demoAccounts();
  const anonymous: Caller = { name: 'anonymous', credential: 'none', roles: {}, operator: false, request: await playwright.request.newContext({ baseURL }) };
  const emails = [...new Set(accounts.map((a) => a.email))];
  const signedIn = await Promise.all(
    emails.map(async (email): Promise<Caller> => {
      const account = accounts.find((a) => a.email === email)!;
      const request = await playwright.request.newContext({ baseURL });
      await signIn(request, baseURL, ORG_OF_SIGN_IN[account.organization] ?? account.organization, email, account.password);
      return {
        name: `${account.role} of ${account.organization}`,
        credential: 'cookie',
        email,
        roles: rolesOf(accounts, email),
        operator: accounts.some((a) => a.email === email && a.role === 'operator'),
        request,
      };
    }),
  );
  return [anonymous, ...signedIn];
}

/**
 * A staff API token for each signed-in caller in its own organization, minted against the
 * running app's data directory (as `npm run api-token -- create` does, all in one process).
 */
export async function tokenCallers(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, people: Caller[]): Promise<Caller[]> {
  const dataDir = path.dirname(process.env[ACCOUNTS_FILE_ENV]!);
  const staffPeople = people.filter((p) => p.credential === 'cookie' && !p.operator);
  const { stdout } = await run(process.execPath, ['tests/authorization/mint-tokens.ts', ...staffPeople.map((p) => `${p.email}:${Object.keys(p.roles)[0]}`)], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  });
  const minted = JSON.parse(stdout.trim().split('\n').pop()!) as { email: string; org: string; token: string }[];
  return Promise.all(
    staffPeople.map(async (p, i): Promise<Caller> => {
      const { org, token } = minted[i]!;
      return {
        name: `token of ${p.name}`,
        credential: 'token',
        email: p.email,
        roles: p.roles,
        operator: false,
        tokenOrg: org,
        token,
        request: await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } }),
      };
    }),
  );
}
