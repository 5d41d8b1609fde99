// The authorization sweep (issue 9): every route's loader and action and every JSON API
// operation, requested as anonymous, as each demo account (and with a staff token each, for the
// API), with ids of the same organization, of the other organization and of another person,
// compared with tests/authorization/permission-table.ts. No pages: Playwright's request
// contexts only. See docs/security-permissions.md.
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cookieCallers, tokenCallers, type Caller } from '../authorization/callers.ts';
import { API, PAGES, type Entry, type Rule } from '../authorization/permission-table.ts';
import { pool, send } from '../authorization/http.ts';
import { createSweepData, type SweepData } from '../authorization/sweep-data.ts';
import {
  buildRoutes,
  classify,
  expectedOutcome,
  fillPattern,
  mismatches,
  report,
  variantsOf,
  type Check,
  type PageRoute,
} from '../authorization/sweep.ts';

// One request at a time: the sweep shares the one app server with the other worker's browser
// journeys. Four at a time kept the server's queue full for minutes, and on a loaded 2-core
// machine every page of the other worker's tests waited behind it (sign-ins past 15 s).
const CONCURRENCY = 1;
let baseURL = '';
let routes: PageRoute[] = [];
let people: Caller[] = [];
let tokens: Caller[] = [];
let data: SweepData;
let apiOperations: string[] = [];

test.beforeAll(async ({ playwright }, info) => {
  // Signing every caller in, minting tokens and making the data took up to 70 s under load.
  info.setTimeout(180_000);
  const started = Date.now();
  const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
  const timings: string[] = [];
  const timed = async <T>(label: string, work: Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work;
    timings.push(`${label} ${seconds(t)}`);
    return result;
  };
  baseURL = info.project.use.baseURL!;
  [routes, people] = await Promise.all([timed('reading the build', buildRoutes()), timed('signing in', cookieCallers(playwright, baseURL))]);
  [data, tokens] = await Promise.all([timed('making data', createSweepData(baseURL, people)), timed('minting tokens', tokenCallers(playwright, baseURL, people))]);
  const document = (await (await people[0]!.request.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  apiOperations = [
    'GET /api/openapi.json',
    ...Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)),
  ];
  console.log(`authorization sweep setup: ${seconds(started)} (${timings.join(', ')})`);
});

test.afterAll(async () => {
  await Promise.all([...people, ...tokens].map((c) => c.request.dispose()));
});

/** Routes of the build and operations of the API document that the table lacks, or lists but are gone. */
function tableProblems(): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    const entry: Entry | undefined = PAGES[r.key];
    if (!entry) {
      problems.push(`missing: ${r.key} (route ${r.id}; ${[r.hasLoader && 'GET', r.hasAction && 'POST'].filter(Boolean).join(' and ')})`);
      continue;
    }
    if (r.hasLoader && !entry.GET) problems.push(`missing: GET ${r.key} (route ${r.id} has a loader)`);
    if (r.hasAction && !entry.POST) problems.push(`missing: POST ${r.key} (route ${r.id} has an action)`);
    if (!r.hasLoader && entry.GET) problems.push(`stale: GET ${r.key} (route ${r.id} has no loader)`);
    if (!r.hasAction && entry.POST) problems.push(`stale: POST ${r.key} (route ${r.id} has no action)`);
  }
  const keys = new Set(routes.map((r) => r.key));
  for (const key of Object.keys(PAGES)) if (!keys.has(key)) problems.push(`stale: ${key} (no such route in the build)`);
  for (const op of apiOperations) if (!API[op]) problems.push(`missing: API operation ${op}`);
  for (const op of Object.keys(API)) if (!apiOperations.includes(op)) problems.push(`stale: API operation ${op} (not in /api/openapi.json)`);
  return problems;
}

/** `.data` requests run one route module on its own, as a client-side navigation or fetcher does. */
function dataUrl(url: string, route: PageRoute, method: 'GET' | 'POST'): string {
  const u = new URL(url, baseURL);
  u.pathname = u.pathname === '/' ? '/_root.data' : `${u.pathname}.data`;
  if (method === 'GET') u.searchParams.set('_routes', route.id);
  else if (route.index) u.searchParams.set('index', '');
  return u.pathname + u.search;
}

interface Task {
  route: PageRoute;
  run: () => Promise<Check>;
}

function pageChecks(method: 'GET' | 'POST', callers: Caller[]): Task[] {
  const tasks: Task[] = [];
  for (const route of routes) {
    const entry = PAGES[route.key];
    const rule: Rule | undefined = entry?.[method];
    if (!entry || !rule || (method === 'GET' ? !route.hasLoader : !route.hasAction)) continue;
    const variants = variantsOf(route.pattern, data);
    for (const variant of variants) {
      const url = fillPattern(route.pattern, variant, entry.samples, entry.query);
      for (const caller of callers) {
        const expected = expectedOutcome(rule, caller, variant);
        // The route module on its own (a `.data` request, or the URL of a resource route). A
        // refusal is checked on the whole page too (a document request runs every loader of the
        // chain); what is allowed was shown by the module on its own.
        const hows = [{ how: route.resource ? 'resource' : 'module', target: route.resource ? url : dataUrl(url, route, method) }];
        if (method === 'GET' && expected !== 'allowed' && !route.resource && !route.key.startsWith('layout ') && variant === variants[0]) {
          hows.push({ how: 'page', target: url });
        }
        for (const { how, target } of hows) {
          tasks.push({
            route,
            run: async () => {
              const response = await send(() =>
                method === 'GET'
                  ? caller.request.get(target, { maxRedirects: 0 })
                  : caller.request.post(target, { form: {}, headers: { origin: baseURL }, maxRedirects: 0 }),
              );
              const actual = await classify(response, method, baseURL, url);
              return { route: route.key, method, how, variant: variant.name, caller: caller.name, url: target, expected, actual };
            },
          });
        }
      }
    }
  }
  return tasks;
}

/**
 * One API request. A POST to a foreign course or registration carries a complete body, so that
 * the lookup is reached (and finds nothing); elsewhere an application is incomplete (400: public,
 * so the guard let it through), since each complete one counts against the per-address
 * application limit the other browser tests share. "accept" changes nothing for registrations
 * that needed no approval.
 */
function apiRequest(caller: Caller, method: 'GET' | 'POST', pattern: string, url: string, foreign: boolean) {
  if (method === 'GET') return send(() => caller.request.get(url, { maxRedirects: 0 }));
  if (pattern.endsWith('/applications')) {
    const key = crypto.randomUUID();
    const application = {
      name: 'Sweep Applicant',
      email: `sweep-${key}@example.org`,
      categoryKey: 'standard',
      answers: { discipline: 'Family physician', commitsToAttendAll: true, understandsNotTherapy: true },
    };
    return send(() => caller.request.post(url, { headers: { 'idempotency-key': key }, data: foreign ? application : { name: application.name }, maxRedirects: 0 }));
  }
  return send(() => caller.request.post(url, { data: { decision: 'accept' }, maxRedirects: 0 }));
}

function apiChecks(): (() => Promise<Check>)[] {
  const tasks: (() => Promise<Check>)[] = [];
  for (const op of apiOperations) {
    const rule = API[op];
    if (!rule) continue;
    const [method, pattern] = op.split(' ') as ['GET' | 'POST', string];
    for (const variant of variantsOf(pattern, data)) {
      const url = fillPattern(pattern, variant);
      for (const caller of [...people, ...tokens]) {
        const expected = expectedOutcome(rule, caller, variant);
        tasks.push(async () => {
          const foreign = variant.ids !== null && variant.urlOrg !== null && variant.ids.org !== variant.urlOrg;
          const actual = await classify(await apiRequest(caller, method, pattern, url, foreign), method, baseURL);
          return { route: pattern, method, how: 'api', variant: variant.name, caller: caller.name, url, expected, actual };
        });
      }
    }
  }
  return tasks;
}

// One test, so the setup runs once; each part is a step whose failures are soft, so one report
// lists everything: routes missing from the table and every unexpected outcome.
test('authorization sweep: the permission table covers every route and operation, and every caller gets what it says', async () => {
  // About 2,900 requests, one at a time: up to 430 s under load (see playwright.config.ts).
  test.setTimeout(900_000);
  const counts: string[] = [];
  const sweep = async (label: string, tasks: (() => Promise<Check>)[], concurrency = CONCURRENCY) => {
    const started = Date.now();
    const checks = await pool(tasks, concurrency);
    const bad = mismatches(checks);
    counts.push(`${label}: ${checks.length} requests, ${bad.length} unexpected, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect.soft(bad.length, `unexpected outcomes (${label}):\n${report(bad)}`).toBe(0);
  };

  await test.step('every route and API operation is in the table, and the table lists nothing else', () => {
    expect.soft(tableProblems(), 'add each route to tests/authorization/permission-table.ts (see docs/security-permissions.md)').toEqual([]);
  });
  await test.step('every loader, as every caller, with ids of both organizations and of another person', async () => {
    await sweep('loaders', pageChecks('GET', people).map((t) => t.run));
  });
  await test.step('every API operation, as every caller, with a session and with a staff token', async () => {
    await sweep('API operations', apiChecks());
  });
  await test.step('every action, as every caller, with an empty form from the same origin', async () => {
    // Signing out ends the caller's session: those requests go last, one at a time.
    const tasks = pageChecks('POST', people);
    const last = (t: Task) => t.route.key.endsWith('/sign-out');
    await sweep('actions', tasks.filter((t) => !last(t)).map((t) => t.run));
    await sweep('sign-out', tasks.filter(last).map((t) => t.run), 1);
  });
  const callers = `callers: ${people.map((c) => c.name).join(', ')}; API also ${tokens.map((c) => c.name).join(', ')}`;
  test.info().annotations.push({ type: 'authorization sweep', description: [...counts, callers].join('\n') });
  console.log([...counts, callers].join('\n'));
});
