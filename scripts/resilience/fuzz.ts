// Figure 3, fuzzing: generated requests (fast-check) to every route with an action (from the
// server build, as the authorization sweep enumerates them), every page with a search or filter
// form (its loader, with generated query strings), every API operation (apiRoutes), Stripe's
// webhook (generated events, most of them signed with the app's secret) and the emailed auth
// links: wrong types, huge and odd strings, NUL, unicode, lone surrogates, missing, extra and
// repeated fields, malformed bodies, wrong content types. Forms are posted as the browser's
// script does (`<path>.data`) and, one in ten, as a document without it. Staff pages as the
// demo administrator, public ones as the demo member or nobody (cookies and the same-origin
// check as a browser sends them); the API with and without the administrator's token. Fields
// are the ones the page's own forms name (and their intents), plus generated ones. On two
// cores or more the targets are shared between two app processes on one database. The
// verdict: zero 5xx, zero unhandled errors or rejections in the apps' logs, the apps alive,
// and each app's heap after a forced garbage collection back within 20 % (+8 MB) of where it
// was after a warm-up. ADR 0072 and its addenda.
import crypto from 'node:crypto';
import os from 'node:os';
import fc from 'fast-check';
import { HANDLED_EVENTS } from '../../domain/payments/provider-events.server.ts';
import { STRIPE_WEBHOOK_PATH } from '../../server/webhooks/stripe.server.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
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

type WebhookEvent = { body: string; signed: boolean; signature: string };

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
  /** A form's action (POST), a search form's loader (GET), an API operation, Stripe's webhook, an emailed auth link. */
  kind: 'action' | 'search' | 'api' | 'webhook' | 'link';
  method: string;
  url: string;
  /** The same page as the browser's script asks it (React Router's single fetch: `<path>.data`); none for the rest. */
  dataUrl?: string;
  caller: 'staff' | 'public' | 'api' | 'nobody';
  names: string[];
  intents: string[];
}

/** The fields of a page's GET forms (searches and filters), or undefined when it has none. */
function getFormFields(html: string): { names: string[]; intents: string[] } | undefined {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].filter((m) => /\bmethod="get"/i.test(m[1]!));
  return forms.length ? formFields(forms.map((m) => m[2]).join('')) : undefined;
}

const WEBHOOK_EVENT_TYPES = [...HANDLED_EVENTS, 'payment_intent.succeeded', 'customer.created', 'checkout.session.completed.extra', ''];

/** Any JSON value: odd strings, numbers at the edges, nulls, arrays and objects. */
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, 1e308, 0.1)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), oddString, { maxKeys: 3 }) },
);

/**
 * A Stripe event as the webhook receives it: a handled type (or not), about a real checkout
 * session of the demo (or an odd id), with generated fields; signed with the app's webhook
 * secret three times in four, so the handler behind the signature check is reached.
 */
function webhookArbitrary(sessionIds: string[], checkoutIds: string[]): fc.Arbitrary<WebhookEvent> {
  const field = (real: string[]) => (real.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: oddJson }) : oddJson);
  const object = fc.record(
    {
      id: field(sessionIds),
      object: fc.constantFrom('checkout.session', 'refund', 'charge', 'event'),
      status: fc.oneof(fc.constantFrom('complete', 'open', 'expired', 'succeeded', 'failed', 'pending', 'canceled'), oddJson),
      payment_status: fc.oneof(fc.constantFrom('paid', 'unpaid', 'no_payment_required'), oddJson),
      payment_intent: fc.oneof(fc.constant('pi_fuzz'), oddJson),
      amount_total: oddJson,
      amount: oddJson,
      currency: fc.oneof(fc.constantFrom('usd', 'eur', 'USD'), oddJson),
      client_reference_id: field(checkoutIds),
      metadata: fc.oneof(fc.record({ checkoutId: field(checkoutIds), refundId: oddJson }, { requiredKeys: [] }), oddJson),
      failure_reason: oddJson,
    },
    { requiredKeys: [] },
  );
  return fc.record({
    id: fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,24}$/).map((x) => `evt_${x}`) }, { weight: 1, arbitrary: oddJson }),
    type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WEBHOOK_EVENT_TYPES) }, { weight: 1, arbitrary: oddJson }),
    object,
    // One body in eight is not an event at all.
    garbage: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{', '[]', 'null', '""', '{"data":null}')) }),
    signed: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(true), fc.constant(false)),
    badSignature: fc.oneof(fc.constantFrom('', 't=', 't=1,v1=00', `t=${9_999_999_999},v1=ab`, 'v1=x,t=y'), oddString),
  }).map((e) => ({
    body: e.garbage ?? JSON.stringify({ id: e.id, object: 'event', api_version: '2025-01-27', created: Math.floor(Date.now() / 1000), livemode: false, type: e.type, data: { object: e.object } }),
    signed: e.signed,
    // What an HTTP header can carry: printable ASCII (else the client refuses to send it).
    signature: e.badSignature.replace(/[^\x20-\x7e]/g, '?').trim(),
  }));
}

function stripeSignature(secret: string, payload: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${payload}`, 'utf8').digest('hex')}`;
}

/**
 * One request in this many to a form action is a document request (the form posted without
 * JavaScript: the action, the page's loaders and the page rendered with the answer); the others
 * are data requests (`<path>.data`, what the browser's script sends: the action alone).
 */
const DOCUMENT_EVERY = 10;

/** Requests per target and app before the memory baseline is read (not counted in the figure per target). */
const WARM_UP = 20;

const AUTH_FORMS = /sign-in|sign-up|forgot-password|reset-password|sign-out|choose-password|verify/;

export async function run(opts: ModuleOptions): Promise<ModuleResult> {
  const perAction = opts.sizes?.perAction ?? (opts.quick ? 15 : 10_000);
  const { log } = opts;
  const violations: string[] = [];
  const figures: Record<string, string | number> = {};
  const database = await startDatabase();
  const apps: RunningApp[] = [];
  let fake: FakeStripe | undefined;
  const started = performance.now();
  const logged: string[] = [];
  try {
    // With card payments on (the local fake Stripe), so the webhook and the pay pages do their work.
    fake = await startFakeStripe();
    const app = await startApp({ DATABASE_URL: database.url, SEED_DEMO: '1', STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url });
    apps.push(app);
    const base = app.url;
    const accounts = app.demoAccounts();
    const admin = accounts.find((a) => a.role === 'admin' && a.organization === ORG);
    const member = accounts.find((a) => a.role === 'member' && a.organization === ORG);
    if (!admin || !member) throw new Error(`no demo admin/member of ${ORG} among ${accounts.map((a) => `${a.role} of ${a.organization}`).join(', ')}`);
    const cookies: Record<'staff' | 'public', string> = { staff: await signIn(base, ORG, admin.email, admin.password), public: await signIn(base, ORG, member.email, member.password) };
    const { token } = await issueApiTokenByEmail(database.db, { organizationSlug: ORG, email: admin.email, name: 'resilience fuzz' });
    const values = await paramValues(async (sql) => (await database.pool.query<{ v: string }>(sql)).rows[0]?.v);
    const column = async (sql: string) => (await database.pool.query<{ v: string }>(sql)).rows.map((r) => r.v);
    const sessionIds = await column(`select provider_session_id as v from checkouts where provider_session_id is not null limit 50`);
    const checkoutIds = await column(`select id::text as v from checkouts limit 50`);

    // The targets: every route with an action, every page with a search or filter form (its
    // loader), every API operation, Stripe's webhook and the emailed auth links.
    const all = (await buildRoutes()).filter((r: PageRoute) => !r.key.startsWith('layout ') && r.pattern !== '/authorization-sweep-no-such-page');
    const routes = all.filter((r) => r.hasAction);
    const targets: Target[] = [];
    const dataPath = (filled: string) => (filled.endsWith('/') ? `${filled}_.data` : `${filled}.data`);
    for (const r of all) {
      const filled = fill(r.pattern, values);
      const caller = r.pattern.startsWith('/o/:org/admin') || r.pattern.startsWith('/operator') ? 'staff' : 'public';
      const page = r.hasLoader ? await fetch(`${base}${filled}`, { headers: { cookie: cookies[caller] }, redirect: 'manual' }).then((x) => x.text()).catch(() => '') : '';
      if (r.hasAction) {
        targets.push({ label: `POST ${r.pattern}`, kind: 'action', method: 'POST', url: filled + (r.index ? '?index' : ''), dataUrl: r.resource ? undefined : dataPath(filled) + (r.index ? '?index' : ''), caller, ...formFields(page) });
      }
      const search = r.hasLoader && !r.resource ? getFormFields(page) : undefined;
      if (search) targets.push({ label: `GET ${r.pattern} (search form)`, kind: 'search', method: 'GET', url: filled, dataUrl: dataPath(filled), caller, ...search });
    }
    for (const api of apiRoutes) {
      let i = 0;
      const path = api.pattern.source.replace(/^\^|\$$/g, '').replace(/\(\[\^\/\]\+\)/g, () => encodeURIComponent(values[api.names[i++]!] ?? NIL_UUID)).replace(/\\\//g, '/');
      for (const method of Object.keys(api.methods)) {
        const names = method === 'POST' ? ['name', 'email', 'categoryKey', 'answers', 'discountCode', 'decision', 'reason', 'note', 'waitlist'] : ['status', 'limit', 'cursor'];
        targets.push({ label: `${method} ${api.pattern.source.replace(/\(\[\^\/\]\+\)/g, '{}').replace(/\\\//g, '/').replace(/^\^|\$$/g, '')}`, kind: 'api', method, url: path, caller: 'api', names, intents: [] });
      }
    }
    targets.push({ label: `POST ${STRIPE_WEBHOOK_PATH}`, kind: 'webhook', method: 'POST', url: STRIPE_WEBHOOK_PATH, caller: 'nobody', names: [], intents: [] });
    targets.push({ label: 'GET /api/auth/verify-email', kind: 'link', method: 'GET', url: '/api/auth/verify-email', caller: 'nobody', names: ['token', 'callbackURL'], intents: [] });
    targets.push({ label: 'GET /api/auth/reset-password/:token', kind: 'link', method: 'GET', url: '/api/auth/reset-password/', caller: 'nobody', names: ['token', 'callbackURL'], intents: [] });
    if (opts.targets) {
      const keep = new RegExp(opts.targets);
      for (let i = targets.length - 1; i >= 0; i--) if (!keep.test(targets[i]!.label)) targets.splice(i, 1);
    }
    const searches = targets.filter((x) => x.kind === 'search').length;
    const operations = targets.filter((x) => x.kind !== 'action' && x.kind !== 'search').length;
    // Sign-in and friends last: fuzzing them may throttle this address's sign-ins.
    targets.sort((a, b) => Number(AUTH_FORMS.test(a.label)) - Number(AUTH_FORMS.test(b.label)));
    log(`  ${targets.length} targets (${targets.filter((x) => x.kind === 'action').length} form actions, ${searches} search forms, ${operations} API operations, webhook and links), ${perAction} requests each`);

    // On a machine with two cores or more, the targets are shared between two app processes on
    // the same database (one process keeps one core busy; the database and the fuzzer use little).
    const env = { DATABASE_URL: database.url, SEED_DEMO: '1', STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url };
    const shardCount = opts.quick || targets.length < 2 ? 1 : Math.min(2, os.availableParallelism());
    for (let k = 1; k < shardCount; k++) apps.push(await startApp(env));
    const seed = opts.sizes?.seed ?? Date.now() % 2_147_483_647;
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    let sent = 0;
    let noAnswer = 0;
    let documents = 0;
    let done = 0;
    const noAnswers: string[] = [];
    const slowest: [string, number][] = [];
    const memory: { before: { heapUsed: number; rss: number }; after?: { heapUsed: number; rss: number } }[] = [];
    let warmUps = 0;
    const warmUp = opts.quick ? 3 : WARM_UP;

    // Each app first takes a few requests per target (warm-up: its lazily loaded modules, compiled
    // code and caches); its memory after a forced collection then is the baseline the end is held to.
    const fuzzShard = async (shard: number, phase: 'warm-up' | 'main') => {
      const shardApp = apps[shard]!;
      const base = shardApp.url;
      const cookies: Record<Target['caller'], string> = { staff: await signIn(base, ORG, admin.email, admin.password), public: await signIn(base, ORG, member.email, member.password), api: '', nobody: '' };
      for (const [t, target] of targets.entries()) {
        if (t % shardCount !== shard) continue;
        const t0 = performance.now();
        const runs = phase === 'main' ? { numRuns: perAction, seed: seed + t } : { numRuns: warmUp, seed: seed + 1_000_003 + t };
        if (phase === 'warm-up') warmUps += warmUp;
        const samples: (FuzzRequest | WebhookEvent)[] =
          target.kind === 'webhook' ? fc.sample(webhookArbitrary(sessionIds, checkoutIds), runs) : fc.sample(requestArbitrary(target.names, target.intents), runs);
        let next = 0;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (;;) {
              const i = next++;
              if (i >= samples.length) return;
              const sample = samples[i]!;
              const headers: Record<string, string> = { origin: base };
              let url: string;
              let body: BodyInit | undefined;
              let described: string;
              if ('signed' in sample) {
                // Stripe's webhook: a JSON event, signed (or not) as Stripe signs it.
                url = target.url;
                body = sample.body;
                headers['content-type'] = 'application/json';
                headers['stripe-signature'] = sample.signed ? stripeSignature(fake!.webhookSecret, sample.body) : sample.signature;
                described = `[${sample.signed ? 'signed' : 'unsigned'}] ${sample.body.slice(0, 300)}`;
              } else {
                const req = sample;
                const encoded = encode(req);
                if (encoded.type) headers['content-type'] = encoded.type;
                if (target.caller === 'api') {
                  if (i % 2 === 0) headers.authorization = `Bearer ${token}`;
                  if (i % 3 === 0) headers['idempotency-key'] = `fuzz-${seed}-${t}-${i}`;
                } else if (target.caller !== 'nobody' && i % 4 !== 3) headers.cookie = cookies[target.caller];
                const asDocument = !target.dataUrl || i % DOCUMENT_EVERY === 0;
                if (asDocument && target.dataUrl) documents++;
                let path = asDocument ? target.url : target.dataUrl!;
                let fields = req.fields;
                if (target.kind === 'link' && target.url.endsWith('/')) {
                  // The reset link carries its token in the path.
                  path += encodeURIComponent((fields.find(([k]) => k === 'token')?.[1] ?? '').toWellFormed());
                  fields = fields.filter(([k]) => k !== 'token');
                }
                const query = target.method === 'GET' && fields.length ? `${path.includes('?') ? '&' : '?'}${new URLSearchParams(fields).toString()}` : '';
                url = path + query;
                body = target.method === 'GET' ? undefined : encoded.body;
                described = `[${asDocument ? 'document' : 'data'}, ${req.encoding}] ${JSON.stringify(req.fields).slice(0, 300)}`;
              }
              let status = 0;
              try {
                const response = await fetch(`${base}${url}`, {
                  method: target.method,
                  headers,
                  body,
                  redirect: 'manual',
                  signal: AbortSignal.timeout(30_000),
                });
                await response.arrayBuffer();
                status = response.status;
              } catch (error) {
                noAnswer++;
                const cause = (error as { cause?: { code?: string; message?: string } }).cause;
                if (noAnswers.length < 20) noAnswers.push(`${target.label} ${(error as Error).name}: ${cause?.code ?? ''} ${cause?.message ?? (error as Error).message} ${described.slice(0, 160)}`);
              }
              sent++;
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
              if (status >= 500) serverErrors.push(`${status} ${target.label} ${described}`);
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
        if (phase === 'warm-up') continue;
        slowest.push([target.label, (performance.now() - t0) / 1000]);
        done++;
        if (done % 10 === 0 || done === targets.length) log(`  ${done}/${targets.length} targets, ${sent} requests, ${serverErrors.length} 5xx, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        if (shardApp.child.exitCode !== null || shardApp.child.signalCode !== null) throw new Error(`app ${shard + 1} exited during ${target.label}`);
      }
    };
    await Promise.all(apps.map((_, shard) => fuzzShard(shard, 'warm-up')));
    for (const shardApp of apps) memory.push({ before: await memoryAfterGc(shardApp) });
    log(`  warm-up: ${warmUps} requests; the apps' heap after GC ${memory.map((m) => mb(m.before.heapUsed)).join(', ')}`);
    await Promise.all(apps.map((_, shard) => fuzzShard(shard, 'main')));
    for (const [k, shardApp] of apps.entries()) memory[k]!.after = await memoryAfterGc(shardApp);
    const appErrors = apps.flatMap((a) => a.errors());
    const unhandled = appErrors.filter((l) => /Unhandled|unhandledRejection|uncaughtException/i.test(l));
    const errorLines = appErrors.length;
    logged.push(...appErrors.slice(0, 3));
    if (serverErrors.length) violations.push(`${serverErrors.length} 5xx answers, e.g.:\n${[...new Set(serverErrors.map((e) => e.split(' [')[0]))].slice(0, 15).map((l) => `  ${l}`).join('\n')}\nfirst: ${serverErrors[0]}`);
    if (serverErrors.length) violations.push(`the apps' error log: ${appErrors.slice(0, 3).map((l) => l.slice(0, 600)).join('\n')}`);
    if (unhandled.length) violations.push(`${unhandled.length} unhandled errors in the app's log: ${unhandled[0]!.slice(0, 300)}`);
    if (noAnswer) violations.push(`${noAnswer} requests without an answer, e.g.:\n${noAnswers.slice(0, 5).join('\n')}`);
    for (const [k, { before, after }] of memory.entries()) {
      if (after!.heapUsed > before.heapUsed * 1.2 + 8 * 1_048_576) violations.push(`app ${k + 1}: heap after GC ${mb(after!.heapUsed)}, before ${mb(before.heapUsed)}: not back to baseline`);
    }
    const seconds = (performance.now() - started) / 1000;
    figures['targets (form actions + search forms + API operations, webhook, links)'] = `${targets.filter((x) => x.kind === 'action').length} + ${searches} + ${operations}`;
    figures['requests per target'] = perAction;
    figures['requests (and a warm-up before them)'] = `${sent - warmUps} (+${warmUps})`;
    figures['of which document requests (no script)'] = documents;
    figures['answers by status'] = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
    figures['5xx'] = serverErrors.length;
    figures['unhandled errors / error log lines'] = `${unhandled.length} / ${errorLines}`;
    figures['app processes (targets shared between them)'] = apps.length;
    figures['heap after GC before → after'] = memory.map((m) => `${mb(m.before.heapUsed)} → ${mb(m.after!.heapUsed)}`).join('; ');
    figures['RSS before → after'] = memory.map((m) => `${mb(m.before.rss)} → ${mb(m.after!.rss)}`).join('; ');
    figures['seconds'] = seconds.toFixed(0);
    figures['slowest targets (s)'] = slowest.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, x]) => `${l} ${x.toFixed(0)}`).join('; ');
    figures['seed'] = seed;
  } catch (error) {
    violations.push(`stopped: ${(error as Error).stack?.slice(0, 800)}`);
  } finally {
    for (const a of apps) await a.stop();
    await fake?.close();
    await database.stop();
  }
  const notes = violations.length ? violations : logged.map((l) => `logged (not a failure): ${l.slice(0, 400)}`);
  return { name: 'fuzzing (fast-check)', ok: violations.length === 0, figures, details: notes.length ? notes.join('\n') : undefined };
}
