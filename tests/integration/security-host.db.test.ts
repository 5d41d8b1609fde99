// The HTTP host as an attacker meets it (issue 9 items 2, 4, 5, 6, 8): the built app as a
// child process on a fresh database with the demo data, driven over HTTP.
//  - better-auth's endpoints are closed except the two links in emails;
//  - forwarded headers count only from TRUST_PROXY, and the per-address throttle holds;
//  - every response carries the security headers, scripts run only with the request's nonce,
//    and signed-in or private pages are never stored;
//  - an anonymous 300 MB POST is refused at once without the process growing;
//  - with LOG_LEVEL=debug, no password, email, name or reset token planted through sign-up,
//    sign-in, password reset and applying (form and API) appears anywhere in the output.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { MAX_FAILURES_PER_IP } from '../../domain/accounts/sign-in-throttle.server.ts';
import { freePort, startAppProcess, type AppProcess } from '../helpers/app-process.ts';

const adminUrl = inject('pgAdminUrl');
const databaseName = `balint_sec_${crypto.randomBytes(4).toString('hex')}`;
let databaseUrl: string;
let app: AppProcess;
let db: pg.Pool;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function stop(process: AppProcess | undefined) {
  if (process && process.child.exitCode === null) {
    process.child.kill('SIGTERM');
    await process.exited;
  }
}

beforeAll(async () => {
  await admin(`create database ${databaseName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${databaseName}`;
  databaseUrl = u.toString();
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  app = await startAppProcess({ DATABASE_URL: databaseUrl, SEED_DEMO: '1', PORT: String(await freePort()), LOG_LEVEL: 'debug', JOBS_IN_PROCESS: '1' });
}, 120_000);

afterAll(async () => {
  await stop(app);
  await db?.end();
  await admin(`drop database if exists ${databaseName} with (force)`);
});

/** A form POST as a browser without JavaScript sends it. */
function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}, base = app.url) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers },
    body: new URLSearchParams(fields),
  });
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

function demo(role: string) {
  const account = app.demoAccounts().find((a) => a.organization === 'abs' && a.role === role);
  if (!account) throw new Error(`no demo ${role} in the output`);
  return account;
}

async function signIn(email: string, password: string, headers: Record<string, string> = {}, base = app.url) {
  return postForm('/o/abs/sign-in', { email, password, next: '/o/abs' }, headers, base);
}

describe("better-auth's endpoints", () => {
  test('only the emailed links are open: POST /api/auth/sign-in/email with the right password is a 404 and signs nobody in', async () => {
    const admin = demo('admin');
    const direct = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(direct.status).toBe(404);
    expect(direct.headers.getSetCookie()).toEqual([]);
    for (const [method, path] of [
      ['POST', '/api/auth/sign-up/email'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/reset-password'],
      ['POST', '/api/auth/send-verification-email'],
      ['GET', '/api/auth/get-session'],
      ['GET', '/api/auth/list-sessions'],
      ['GET', '/api/auth/ok'],
      ['POST', '/api/auth/verify-email'],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers: { origin: app.url, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 404`);
    }
    // The links in emails still work (here with bad tokens: better-auth's own answer, not ours).
    const reset = await fetch(`${app.url}/api/auth/reset-password/not-a-token?callbackURL=${encodeURIComponent('/o/abs/reset-password')}`, { redirect: 'manual' });
    expect(reset.status).toBe(302);
    expect(reset.headers.get('location')).toMatch(/\/o\/abs\/reset-password\?error=/);
    const verify = await fetch(`${app.url}/api/auth/verify-email?token=not-a-token&callbackURL=${encodeURIComponent('/o/abs/verified')}`, { redirect: 'manual' });
    expect(verify.status).not.toBe(404);
    expect(verify.status).toBeLessThan(500);
  });
});

describe('security headers', () => {
  test('a page: a CSP whose nonce is on every inline script and differs per response, framing refused, no sniffing, a referrer and permissions policy', async () => {
    const [first, second] = await Promise.all([fetch(`${app.url}/o/abs`), fetch(`${app.url}/o/abs`)]);
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) {
      // Inline scripts need the nonce; external ones must come from this origin.
      if (/\bsrc=/.test(attributes)) expect(attributes).toMatch(/src="\//);
      else expect(attributes).toContain(`nonce="${nonce}"`);
    }
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.headers.get('permissions-policy')).toContain('camera=()');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    // http://localhost: no HSTS (it would pin a name that is not ours).
    expect(first.headers.get('strict-transport-security')).toBeNull();
    // A public page to an anonymous visitor may be cached by the browser's normal rules.
    expect(first.headers.get('cache-control') ?? '').not.toContain('no-store');
    await second.text();

    for (const path of ['/api/openapi.json', '/api/v1/organizations/abs/courses', '/healthz', '/o/abs/no-such-page', '/webhooks/stripe']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      await response.arrayBuffer();
    }
  });

  test('signed-in responses, staff areas and the decrypted aid application are never stored; fingerprinted assets still are', async () => {
    const aid = demo('financial_aid_committee');
    const signedIn = await signIn(aid.email, aid.password);
    expect(signedIn.status).toBe(302);
    const cookie = cookiesOf(signedIn);
    expect(cookie).toContain('session_token');

    const home = await fetch(`${app.url}/o/abs`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    const homeHtml = await home.text();

    const programs = await fetch(`${app.url}/o/abs/admin/financial-aid`, { headers: { cookie } });
    expect(programs.status).toBe(200);
    expect(programs.headers.get('cache-control')).toBe('no-store');
    const { rows } = await db.query<{ id: string; course_id: string }>(`select id, course_id from aid_applications limit 1`).catch(() => ({ rows: [] as { id: string; course_id: string }[] }));
    if (rows[0]) {
      const application = await fetch(`${app.url}/o/abs/admin/financial-aid/${rows[0].course_id}/applications/${rows[0].id}`, { headers: { cookie } });
      expect(application.headers.get('cache-control')).toBe('no-store');
      await application.arrayBuffer();
    }
    // Without a cookie, the staff area and one's registrations redirect — never stored either.
    for (const path of ['/o/abs/admin', '/o/abs/registrations', '/o/abs/profile', '/o/abs/registrations.data']) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      await response.arrayBuffer();
    }
    // Fingerprinted assets are the same for everyone.
    const asset = /<script[^>]+src="(\/assets\/[^"]+)"/.exec(homeHtml)?.[1] ?? /href="(\/assets\/[^"]+\.css)"/.exec(homeHtml)?.[1];
    expect(asset).toBeTruthy();
    const assetResponse = await fetch(`${app.url}${asset}`, { headers: { cookie } });
    expect(assetResponse.headers.get('cache-control')).toContain('immutable');
    await assetResponse.arrayBuffer();
  });
});

/** The child's peak and current resident memory in bytes (Linux). */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

/**
 * Streams `total` bytes (one reused 1 MiB buffer, never `total` in memory) as a form POST and
 * stops sending as soon as the server answers.
 */
function streamPost(path: string, total: number, declareLength: boolean): Promise<{ status: number; ms: number; sent: number }> {
  const url = new URL(path, app.url);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(
      {
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: app.url,
          ...(declareLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
        },
      },
      (response) => {
        answered = true;
        const ms = performance.now() - started;
        response.resume();
        request.destroy();
        resolve({ status: response.statusCode ?? 0, ms, sent });
      },
    );
    request.on('error', (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 2000);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  const TOTAL = 300 * 1024 * 1024;

  test('an anonymous 300 MB POST to the sign-in form is refused with 413 at once, declared or chunked, and the process does not grow', async () => {
    const pid = app.child.pid!;
    const before = memoryOf(pid);
    const declared = await streamPost('/o/abs/sign-in', TOTAL, true);
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(5_000);
    expect(declared.sent).toBeLessThan(64 * 1024 * 1024);

    const chunked = await streamPost('/o/abs/sign-in', TOTAL, false);
    expect(chunked.status).toBe(413);
    expect(chunked.ms).toBeLessThan(10_000);
    expect(chunked.sent).toBeLessThan(64 * 1024 * 1024);

    const after = memoryOf(pid);
    expect(after.peak - before.peak).toBeLessThan(100 * 1024 * 1024);
    // The app still answers.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('per route kind: a form body under 1 MB is read; the API and the webhook have their own limits', async () => {
    const justUnder = await postForm('/o/abs/sign-in', { email: 'x@example.org', password: 'p'.repeat(900 * 1024) });
    expect(justUnder.status).not.toBe(413);
    await justUnder.arrayBuffer();
    const overForm = await postForm('/o/abs/sign-in', { email: 'x@example.org', password: 'p'.repeat(1100 * 1024) });
    expect(overForm.status).toBe(413);
    await overForm.arrayBuffer();
    const api = await fetch(`${app.url}/api/v1/organizations/abs/courses/x/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-12345678' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(api.status).toBe(413);
    await api.arrayBuffer();
    // The client's connections stay usable after a refusal.
    for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('forwarded headers', () => {
  test('without TRUST_PROXY, X-Forwarded-For (and our own internal header) from a client is ignored', async () => {
    const email = `xff-${crypto.randomBytes(4).toString('hex')}@example.org`;
    const response = await signIn(email, 'wrong-password-1', { 'x-forwarded-for': '198.51.100.23', 'x-balint-client-address': '198.51.100.24' });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    const { rows } = await db.query<{ ip_address: string | null }>(
      `select ip_address from sign_in_attempts where email_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [email],
    );
    expect(rows.map((r) => r.ip_address)).toEqual([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
  });
});

/** Fills every field of the first POST form on a page as a person would, with some overrides. */
function fillForm(html: string, overrides: Record<string, string>): Record<string, string> {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if (type === 'hidden') fields[name] = attr(tag, 'value') ?? '';
    else if (type === 'checkbox') fields[name] = attr(tag, 'value') ?? 'on';
    else if (type === 'radio') fields[name] ??= attr(tag, 'value') ?? '';
    else if (name !== 'discountCode') fields[name] ??= type === 'email' ? 'someone@example.org' : 'Psychology';
  }
  for (const [, name] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"/g)) fields[name!] = 'Nothing to add';
  for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name!] = /<option[^>]*value="([^"]+)"/.exec(options!)?.[1] ?? '';
  }
  return { ...fields, ...overrides };
}

describe('logs', () => {
  test('with LOG_LEVEL=debug, nothing planted through every auth flow, both ways of applying and a calendar feed address reaches the output', async () => {
    const canary = `cnry${crypto.randomBytes(6).toString('hex')}`;
    const person = { name: `Ada ${canary} Lovelace`, email: `${canary}.ada@example.org`, password: `pw-${canary}-first`, newPassword: `pw-${canary}-second` };
    const planted: string[] = [canary, person.password, person.newPassword];

    // Sign up, a wrong password, then the right one while unconfirmed.
    const signedUp = await postForm('/o/abs/sign-up', { name: person.name, email: person.email, password: person.password });
    expect(signedUp.status).toBe(302);
    expect((await signIn(person.email, `wrong-${canary}`)).status).toBe(401);
    expect([401, 403]).toContain((await signIn(person.email, person.password)).status);

    // Forgot password: the reset link, from the database, followed as from the email.
    const forgot = await postForm('/o/abs/forgot-password', { email: person.email });
    expect(forgot.status).toBeLessThan(400);
    await forgot.arrayBuffer();
    let token: string | undefined;
    for (let i = 0; i < 100 && !token; i++) {
      const { rows } = await db.query<{ identifier: string }>(
        `select v.identifier from verifications v join users u on u.id = v.value where lower(u.email) = lower($1) and v.identifier like 'reset-password:%' order by v.created_at desc limit 1`,
        [person.email],
      );
      token = rows[0]?.identifier.slice('reset-password:'.length);
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    expect(token).toBeTruthy();
    planted.push(token!);
    const link = await fetch(`${app.url}/api/auth/reset-password/${token}?callbackURL=${encodeURIComponent('/o/abs/reset-password')}`, { redirect: 'manual' });
    expect(link.status).toBe(302);
    const resetPage = link.headers.get('location')!;
    expect(resetPage).toContain(token!);
    expect((await fetch(new URL(resetPage, app.url))).status).toBe(200);
    const reset = await postForm('/o/abs/reset-password', { token: token!, password: person.newPassword });
    expect(reset.status).toBe(200);
    await reset.arrayBuffer();
    const signedIn = await signIn(person.email, person.newPassword);
    expect(signedIn.status).toBe(302);
    const cookie = cookiesOf(signedIn);
    expect((await fetch(`${app.url}/o/abs/profile`, { headers: { cookie } })).status).toBe(200);

    // Applying as a visitor through the form.
    const { items } = (await (await fetch(`${app.url}/api/v1/organizations/abs/courses`)).json()) as { items: { slug: string }[] };
    const courseSlug = items.find((c) => /leadership-intensive-\d{4}-\d{2}$/.test(c.slug))?.slug ?? items[0]!.slug;
    const visitor = { name: `Grace ${canary} Hopper`, email: `${canary}.grace@example.org` };
    const applyPage = await (await fetch(`${app.url}/o/abs/courses/${courseSlug}/apply`)).text();
    const applied = await postForm(`/o/abs/courses/${courseSlug}/apply`, fillForm(applyPage, { name: visitor.name, email: visitor.email }));
    expect(applied.status).toBeLessThan(500);
    await applied.arrayBuffer();
    // The same with a NUL in the name: refused at the door, not a database error.
    const nulForm = await postForm(`/o/abs/courses/${courseSlug}/apply`, fillForm(applyPage, { name: `Nul\u0000${canary}`, email: `${canary}.nul@example.org` }));
    expect.soft(nulForm.status).toBe(400);
    await nulForm.arrayBuffer();

    // Applying through the JSON API, once properly and once with a NUL in the name.
    const course = (await (await fetch(`${app.url}/api/v1/organizations/abs/courses/${courseSlug}`)).json()) as {
      prices: { categoryKey: string }[];
      attestations: { key: string }[];
      customQuestions: { key: string; options?: string[] }[];
    };
    const body = (name: string, email: string) => ({
      name,
      email,
      categoryKey: course.prices.find((p) => p.categoryKey === 'non_member')?.categoryKey ?? course.prices[0]!.categoryKey,
      answers: {
        discipline: 'Psychology',
        commitsToAttendAll: true,
        understandsNotTherapy: true,
        attestations: Object.fromEntries(course.attestations.map((a) => [a.key, true])),
        custom: Object.fromEntries(course.customQuestions.map((q) => [q.key, q.options?.[0] ?? 'Nothing to add'])),
      },
    });
    const api = (payload: unknown) =>
      fetch(`${app.url}/api/v1/organizations/abs/courses/${courseSlug}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `key-${crypto.randomUUID()}` },
        body: JSON.stringify(payload),
      });
    const viaApi = await api(body(`Alan ${canary} Turing`, `${canary}.alan@example.org`));
    expect(viaApi.status, await viaApi.clone().text()).toBeLessThan(300);
    await viaApi.arrayBuffer();
    const nul = await api(body(`Nul ${canary}\u0000Person`, `${canary}.nul2@example.org`));
    expect.soft(nul.status).toBe(400);
    expect.soft(nul.headers.get('content-type')).toBe('application/problem+json');
    await nul.arrayBuffer();

    // A personal calendar feed address: its token is in the path (docs/schedule.md).
    const feedToken = `${canary}${'Feed_token-'.repeat(4)}`.slice(0, 43);
    planted.push(feedToken);
    const feed = await fetch(`${app.url}/o/abs/calendar/${feedToken}.ics`);
    expect.soft(feed.status).toBe(404);
    await feed.arrayBuffer();

    // Let the jobs deliver (to the outbox) and log what they log.
    await new Promise((r) => setTimeout(r, 1500));
    const output = app.output();
    // The log did record the journey (request lines), just not what was planted in it.
    expect(output.match(/"msg":"request"/g)?.length ?? 0).toBeGreaterThan(10);
    for (const secret of planted) expect(output.includes(secret), `the output contains ${secret.slice(0, 12)}…`).toBe(false);
  }, 120_000);
});

describe('forwarded headers from a trusted proxy (TRUST_PROXY)', () => {
  let proxied: AppProcess | undefined;
  afterAll(() => stop(proxied));

  test('the client is the rightmost address our proxy appended: forged entries to its left change nothing, and other clients are not throttled with the attacker', async () => {
    await stop(app);
    proxied = await startAppProcess({ DATABASE_URL: databaseUrl, PORT: String(await freePort()), TRUST_PROXY: '127.0.0.1,::1', JOBS_IN_PROCESS: '0' });
    const base = proxied.url;
    const attacker = '203.0.113.50';
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const response = await signIn(`nobody-${i}-${crypto.randomBytes(3).toString('hex')}@example.org`, 'wrong-password-1', { 'x-forwarded-for': `198.51.100.${i}, ${attacker}` }, base);
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
    const { rows } = await db.query<{ ip_address: string; n: number }>(`select ip_address, count(*)::int as n from sign_in_attempts where ip_address = $1 group by 1`, [attacker]);
    expect(rows).toEqual([{ ip_address: attacker, n: MAX_FAILURES_PER_IP }]);
    const refused = await signIn(`nobody-else@example.org`, 'wrong-password-1', { 'x-forwarded-for': `192.0.2.77, ${attacker}` }, base);
    expect(refused.status).toBe(429);
    await refused.arrayBuffer();
    const neighbour = await signIn(`neighbour@example.org`, 'wrong-password-1', { 'x-forwarded-for': '203.0.113.51' }, base);
    expect(neighbour.status).toBe(401);
    await neighbour.arrayBuffer();
  }, 120_000);
});
