// Figure 3, fuzzing: for every route with an action (from the server build, as the
// authorization sweep enumerates them) and every API operation (apiRoutes), generated requests
// (fast-check): wrong types, huge and odd strings, NUL, unicode, lone surrogates, missing and
// extra fields, repeated fields, malformed bodies, wrong content types. Staff pages as the demo
// administrator, public ones as the demo member or nobody (cookies and the same-origin check
// as a browser sends them); the API with and without the administrator's token. Fields are the
// ones the page's own forms name (and their intents), plus generated ones. The verdict: zero
// 5xx, zero unhandled errors or rejections in the app's log, the app alive, and its heap after
// a forced garbage collection back within 20 % (+8 MB) of where it was before.
import fc from 'fast-check';
import { apiRoutes } from '../../server/api/handle-api.server.ts';
import { issueApiTokenByEmail } from '../../domain/api-tokens/issue-api-token.server.ts';
import { signIn } from '../../bench/lib/payments-load.ts';
import { buildRoutes, type PageRoute } from '../../tests/authorization/sweep.ts';
import { NIL_UUID } from '../../tests/authorization/sweep-data.ts';
import { mb, memoryAfterGc, startApp, startDatabase, type ModuleOptions, type ModuleResult, type RunningApp } from './lib.ts';

const ORG = 'abs';

/** A real row for each route parameter in the demo organization (else a well-formed id naming nothing). */
const PARAM_QUERIES: Record<string, string> = {
  course: `select c.slug as v from courses c join organizations o on o.id = c.organization_id where o.slug = '${ORG}' order by c.created_at limit 1`,
  courseId: `select c.id::text as v from courses c join organizations o on o.id = c.organization_id where o.slug = '${ORG}' order by c.created_at limit 1`,
  registrationId: `select r.id::text as v from registrations r join organizations o on o.id = r.organization_id where o.slug = '${ORG}' order by r.submitted_at limit 1`,
  id: `select r.id::text as v from registrations r join organizations o on o.id = r.organization_id where o.slug = '${ORG}' order by r.submitted_at desc limit 1`,
  checkoutId: `select k.id::text as v from checkouts k join organizations o on o.id = k.organization_id where o.slug = '${ORG}' limit 1`,
  applicationId: `select a.id::text as v from aid_applications a join organizations o on o.id = a.organization_id where o.slug = '${ORG}' limit 1`,
  message: `select m.id::text as v from outbox_messages m join organizations o on o.id = m.organization_id where o.slug = '${ORG}' limit 1`,
  inquiryId: `select i.id::text as v from inquiries i join organizations o on o.id = i.organization_id where o.slug = '${ORG}' limit 1`,
  seriesId: `select s.id::text as v from series s join organizations o on o.id = s.organization_id where o.slug = '${ORG}' limit 1`,
  sessionId: `select s.id::text as v from course_sessions s join courses c on c.id = s.course_id join organizations o on o.id = c.organization_id where o.slug = '${ORG}' limit 1`,
  userId: `select m.user_id::text as v from memberships m join organizations o on o.id = m.organization_id where o.slug = '${ORG}' limit 1`,
};

async function paramValues(query: (sql: string) => Promise<string | undefined>): Promise<Record<string, string>> {
  const values: Record<string, string> = { org: ORG };
  for (const [name, sql] of Object.entries(PARAM_QUERIES)) values[name] = (await query(sql).catch(() => undefined)) ?? NIL_UUID;
  return values;
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)\??/g, (_, name: string) => encodeURIComponent(values[name] ?? NIL_UUID));
}

const ODD = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '{"a":',
  '2024-02-30',
  '9999-99-99T99:99',
  '0000-00-00',
  '-0',
  '99999999999999999999999',
  '1.5',
  '0x10',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%E0%A4%A',
  '\uFEFF',
  '\uD800',
  'e\u0301',
  '\u202Eevil',
  '𝕳𝖊𝖑𝖑𝖔',
  '../../etc/passwd',
  'http://evil.example/',
  '//evil.example',
  'javascript:alert(1)',
  NIL_UUID,
  'not-a-uuid',
  'x'.repeat(5000),
  '💥'.repeat(2000),
  'a'.repeat(200_000),
];

const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, Math.random() < 0.5 ? 10 : 16)) },
);

type Encoding = 'urlencoded' | 'multipart' | 'json' | 'garbage' | 'text' | 'none';

interface FuzzRequest {
  fields: [string, string][];
  encoding: Encoding;
  garbage: string;
}

function requestArbitrary(names: string[], intents: string[]): fc.Arbitrary<FuzzRequest> {
  const known = names.length ? fc.subarray(names).chain((chosen) => fc.tuple(...chosen.map((n) => fc.tuple(fc.constant(n), oddString)))) : fc.constant([] as [string, string][]);
  const intent = intents.length ? fc.option(fc.tuple(fc.constant('intent'), fc.oneof(fc.constantFrom(...intents), oddString)), { nil: undefined }) : fc.constant(undefined);
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...(names.length ? names : ['x'])), fc.string({ maxLength: 12 })), oddString), { maxLength: 3 });
  return fc.record({
    known,
    intent,
    extra,
    encoding: fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'multipart', 'json', 'garbage', 'text', 'none'),
    garbage: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{"', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n', '%%%', 'a=%ZZ&b', '=&=&&==')),
  }).map((r) => ({ fields: [...r.known, ...(r.intent ? [r.intent] : []), ...r.extra], encoding: r.encoding, garbage: r.garbage }));
}

function encode(req: FuzzRequest): { body: BodyInit | undefined; type: string | undefined } {
  switch (req.encoding) {
    case 'urlencoded':
      return { body: new URLSearchParams(req.fields).toString(), type: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const form = new FormData();
      for (const [k, v] of req.fields) form.append(k, v);
      return { body: form, type: undefined };
    }
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(req.fields)), type: 'application/json' };
    case 'garbage':
      return { body: req.garbage, type: 'multipart/form-data; boundary=x' };
    case 'text':
      return { body: new URLSearchParams(req.fields).toString(), type: 'text/plain' };
    case 'none':
      return { body: req.garbage, type: undefined };
  }
}

/** What the page's own forms name: input, select, textarea and button names, and the intents offered. */
function formFields(html: string): { names: string[]; intents: string[] } {
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const m of html.matchAll(/<(?:input|select|textarea|button)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
    if (!name) continue;
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1];
    if (name === 'intent' && value !== undefined) intents.add(value);
    else names.add(name.replace(/&amp;/g, '&'));
  }
  return { names: [...names], intents: [...intents] };
}

interface Target {
  label: string;
  method: string;
  url: string;
  caller: 'staff' | 'public' | 'api';
  names: string[];
  intents: string[];
}

const AUTH_FORMS = /sign-in|sign-up|forgot-password|reset-password|sign-out|choose-password|verify/;

export async function run(opts: ModuleOptions): Promise<ModuleResult> {
  const perAction = opts.sizes?.perAction ?? (opts.quick ? 15 : 10_000);
  const { log } = opts;
  const violations: string[] = [];
  const figures: Record<string, string | number> = {};
  const database = await startDatabase();
  let app: RunningApp | undefined;
  const started = performance.now();
  const logged: string[] = [];
  try {
    app = await startApp({ DATABASE_URL: database.url, SEED_DEMO: '1' });
    const base = app.url;
    const accounts = app.demoAccounts();
    const admin = accounts.find((a) => a.role === 'admin' && a.organization === ORG);
    const member = accounts.find((a) => a.role === 'member' && a.organization === ORG);
    if (!admin || !member) throw new Error(`no demo admin/member of ${ORG} among ${accounts.map((a) => `${a.role} of ${a.organization}`).join(', ')}`);
    const cookies = { staff: await signIn(base, ORG, admin.email, admin.password), public: await signIn(base, ORG, member.email, member.password) };
    const { token } = await issueApiTokenByEmail(database.db, { organizationSlug: ORG, email: admin.email, name: 'resilience fuzz' });
    const values = await paramValues(async (sql) => (await database.pool.query<{ v: string }>(sql)).rows[0]?.v);

    // The targets: every route with an action, and every API operation.
    const routes = (await buildRoutes()).filter((r: PageRoute) => r.hasAction && !r.key.startsWith('layout ') && r.pattern !== '/authorization-sweep-no-such-page');
    const targets: Target[] = [];
    for (const r of routes) {
      const url = fill(r.pattern, values) + (r.index ? '?index' : '');
      const caller = r.pattern.startsWith('/o/:org/admin') || r.pattern.startsWith('/operator') ? 'staff' : 'public';
      const page = await fetch(`${base}${fill(r.pattern, values)}`, { headers: { cookie: cookies[caller] }, redirect: 'manual' }).then((x) => x.text()).catch(() => '');
      targets.push({ label: `POST ${r.pattern}`, method: 'POST', url, caller, ...formFields(page) });
    }
    for (const api of apiRoutes) {
      let i = 0;
      const path = api.pattern.source.replace(/^\^|\$$/g, '').replace(/\(\[\^\/\]\+\)/g, () => encodeURIComponent(values[api.names[i++]!] ?? NIL_UUID)).replace(/\\\//g, '/');
      for (const method of Object.keys(api.methods)) {
        const names = method === 'POST' ? ['name', 'email', 'categoryKey', 'answers', 'discountCode', 'decision', 'reason', 'note', 'waitlist'] : ['status', 'limit', 'cursor'];
        targets.push({ label: `${method} ${api.pattern.source.replace(/\(\[\^\/\]\+\)/g, '{}').replace(/\\\//g, '/').replace(/^\^|\$$/g, '')}`, method, url: path, caller: 'api', names, intents: [] });
      }
    }
    // Sign-in and friends last: fuzzing them may throttle this address's sign-ins.
    targets.sort((a, b) => Number(AUTH_FORMS.test(a.label)) - Number(AUTH_FORMS.test(b.label)));
    log(`  ${targets.length} targets (${routes.length} form actions, ${targets.length - routes.length} API operations), ${perAction} requests each`);

    const before = await memoryAfterGc(app);
    const seed = opts.sizes?.seed ?? Date.now() % 2_147_483_647;
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    let sent = 0;
    let noAnswer = 0;
    for (const [t, target] of targets.entries()) {
      const samples = fc.sample(requestArbitrary(target.names, target.intents), { numRuns: perAction, seed: seed + t });
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (;;) {
            const i = next++;
            if (i >= samples.length) return;
            const req = samples[i]!;
            const { body, type } = encode(req);
            const headers: Record<string, string> = { origin: base };
            if (type) headers['content-type'] = type;
            if (target.caller === 'api') {
              if (i % 2 === 0) headers.authorization = `Bearer ${token}`;
              if (i % 3 === 0) headers['idempotency-key'] = `fuzz-${seed}-${t}-${i}`;
            } else if (i % 4 !== 3) headers.cookie = cookies[target.caller];
            const query = target.method === 'GET' ? `?${new URLSearchParams(req.fields).toString()}` : '';
            let status = 0;
            try {
              const response = await fetch(`${base}${target.url}${query}`, {
                method: target.method,
                headers,
                body: target.method === 'GET' ? undefined : body,
                redirect: 'manual',
                signal: AbortSignal.timeout(30_000),
              });
              await response.arrayBuffer();
              status = response.status;
            } catch {
              noAnswer++;
            }
            sent++;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status >= 500) serverErrors.push(`${status} ${target.label} [${req.encoding}] ${JSON.stringify(req.fields).slice(0, 300)}`);
          }
        }),
      );
      // Staff and member sessions may have been ended by an action (sign-out, a password change): sign in again.
      for (const who of ['staff', 'public'] as const) {
        const probe = await fetch(`${base}/o/${ORG}/${who === 'staff' ? 'admin' : 'account'}`, { headers: { cookie: cookies[who] }, redirect: 'manual' }).catch(() => undefined);
        if (probe && probe.status !== 200) {
          const account = who === 'staff' ? admin : member;
          cookies[who] = await signIn(base, ORG, account.email, account.password).catch(() => cookies[who]);
        }
      }
      if ((t + 1) % 10 === 0 || t === targets.length - 1) log(`  ${t + 1}/${targets.length} targets, ${sent} requests, ${serverErrors.length} 5xx, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error(`the app exited during ${target.label}`);
    }
    const after = await memoryAfterGc(app);
    const unhandled = app.errors().filter((l) => /Unhandled|unhandledRejection|uncaughtException/i.test(l));
    const errorLines = app.errors().length;
    logged.push(...app.errors().slice(0, 3));
    if (serverErrors.length) violations.push(`${serverErrors.length} 5xx answers, e.g.:\n${[...new Set(serverErrors.map((e) => e.split(' [')[0]))].slice(0, 15).map((l) => `  ${l}`).join('\n')}\nfirst: ${serverErrors[0]}`);
    if (serverErrors.length) violations.push(`the app's error log: ${app.errors().slice(0, 3).map((l) => l.slice(0, 600)).join('\n')}`);
    if (unhandled.length) violations.push(`${unhandled.length} unhandled errors in the app's log: ${unhandled[0]!.slice(0, 300)}`);
    if (noAnswer) violations.push(`${noAnswer} requests without an answer`);
    const heapLimit = before.heapUsed * 1.2 + 8 * 1_048_576;
    if (after.heapUsed > heapLimit) violations.push(`heap after GC ${mb(after.heapUsed)}, before ${mb(before.heapUsed)}: not back to baseline`);
    const seconds = (performance.now() - started) / 1000;
    figures['targets (form actions + API operations)'] = `${routes.length} + ${targets.length - routes.length}`;
    figures['requests per target'] = perAction;
    figures['requests'] = sent;
    figures['answers by status'] = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
    figures['5xx'] = serverErrors.length;
    figures['unhandled errors / error log lines'] = `${unhandled.length} / ${errorLines}`;
    figures['heap after GC before → after'] = `${mb(before.heapUsed)} → ${mb(after.heapUsed)}`;
    figures['RSS before → after'] = `${mb(before.rss)} → ${mb(after.rss)}`;
    figures['seconds'] = seconds.toFixed(0);
    figures['seed'] = seed;
  } catch (error) {
    violations.push(`stopped: ${(error as Error).stack?.slice(0, 800)}`);
  } finally {
    await app?.stop();
    await database.stop();
  }
  const notes = violations.length ? violations : logged.map((l) => `logged (not a failure): ${l.slice(0, 400)}`);
  return { name: 'fuzzing (fast-check)', ok: violations.length === 0, figures, details: notes.length ? notes.join('\n') : undefined };
}
