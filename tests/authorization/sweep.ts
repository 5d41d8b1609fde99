// The sweep's mechanics: routes from the server build, the URLs each is requested at, what the
// permission table expects for a caller there, and what a response means.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIResponse } from '@playwright/test';
import type { Role } from '#db/schema/accounts.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import type { Caller } from './callers.ts';
import type { Outcome, Rule } from './permission-table.ts';
import type { IdSet, SweepData } from './sweep-data.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface PageRoute {
  id: string;
  /** The permission table's key: the full path, or `layout <id>` for a pathless layout. */
  key: string;
  /** The URL pattern requests go to (for a layout, its shortest page's). */
  pattern: string;
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** No component: a resource route (CSV, PDF, sign-out), requested without `.data`. */
  resource: boolean;
}

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { loader?: unknown; action?: unknown; default?: unknown };
}

/** Every route of the server build (`build/server/index.js`, the source of truth). */
export async function buildRoutes(): Promise<PageRoute[]> {
  const build = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as { routes: Record<string, BuildRoute> };
  const all = build.routes;
  const fullPath = (id: string): string => {
    const parts: string[] = [];
    for (let r: BuildRoute | undefined = all[id]; r; r = r.parentId ? all[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
    return `/${parts.join('/')}`;
  };
  const descends = (id: string, ancestor: string): boolean => {
    for (let r = all[id]; r?.parentId; r = all[r.parentId]) if (r.parentId === ancestor) return true;
    return false;
  };
  const routes: PageRoute[] = [];
  for (const r of Object.values(all)) {
    if (!r.module.loader && !r.module.action) continue; // the root, which has neither
    const pathless = !r.path && !r.index;
    let pattern = fullPath(r.id);
    if (pathless) {
      // A layout answers at the pages below it: use the shortest one's path.
      const below = Object.values(all)
        .filter((c) => c.id !== r.id && descends(c.id, r.id) && (c.path || c.index))
        .map((c) => fullPath(c.id))
        .sort((a, b) => a.length - b.length);
      pattern = below[0] ?? pattern;
    }
    routes.push({
      id: r.id,
      key: pathless ? `layout ${r.id}` : r.path === '*' ? '*' : pattern,
      pattern: r.path === '*' ? '/authorization-sweep-no-such-page' : pattern,
      index: !!r.index,
      hasLoader: !!r.module.loader,
      hasAction: !!r.module.action,
      resource: !r.module.default,
    });
  }
  return routes;
}

/** Where a request goes, whose rows its ids are, and in which organization. */
export interface Variant {
  name: string;
  urlOrg: string | null;
  ids: IdSet | null;
}

const ID_PARAMS = ['course', 'courseId', 'registrationId', 'checkoutId', 'file', 'message', 'applicationId', 'id', 'sessionId', 'groupId', 'userId', 'inquiryId', 'slug', 'pageId', 'entryId', 'image', 'seriesId', 'messageId', 'membershipType'];
const PERSON_PARAMS = ['registrationId', 'checkoutId', 'file', 'id'];

export function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/[:{]([A-Za-z]+)\}?/g)].map((m) => m[1]!);
}

/**
 * The variants of a URL pattern: each organization with its own ids; each with the other's ids;
 * and for rows that belong to a person, another person's.
 */
export function variantsOf(pattern: string, data: SweepData): Variant[] {
  const params = paramsOf(pattern);
  const hasOrg = params.includes('org');
  const hasIds = params.some((p) => ID_PARAMS.includes(p));
  if (!hasOrg && !hasIds) return [{ name: 'no organization', urlOrg: null, ids: null }];
  if (!hasIds) {
    return [
      { name: 'abs', urlOrg: 'abs', ids: null },
      { name: 'nwbc', urlOrg: 'nwbc', ids: null },
    ];
  }
  if (!hasOrg && !params.some((p) => PERSON_PARAMS.includes(p))) return [{ name: 'deployment ids', urlOrg: null, ids: data.deployment }];
  if (!hasOrg) {
    return [
      { name: "abs member's id", urlOrg: null, ids: data.abs },
      { name: "nwbc admin's id", urlOrg: null, ids: data.nwbc },
      { name: "another person's id", urlOrg: null, ids: data.absOtherPerson },
    ];
  }
  const variants: Variant[] = [
    { name: 'abs ids', urlOrg: 'abs', ids: data.abs },
    { name: 'nwbc ids', urlOrg: 'nwbc', ids: data.nwbc },
    { name: 'nwbc ids under /o/abs', urlOrg: 'abs', ids: data.nwbc },
    { name: 'abs ids under /o/nwbc', urlOrg: 'nwbc', ids: data.abs },
  ];
  if (params.some((p) => PERSON_PARAMS.includes(p))) variants.push({ name: "another person's ids", urlOrg: 'abs', ids: data.absOtherPerson });
  return variants;
}

export function fillPattern(pattern: string, variant: Variant, samples: Record<string, string> = {}, query = ''): string {
  return (
    pattern.replace(/:([A-Za-z]+)|\{([A-Za-z]+)\}/g, (_, colon: string | undefined, brace: string | undefined) => {
    const name = (colon ?? brace)!;
    if (name === 'org') return variant.urlOrg ?? 'abs';
    const value = samples[name] ?? variant.ids?.params[name];
    return encodeURIComponent(value ?? 'authorization-sweep-sample');
  }) + query
  );
}

const rolesIn = (caller: Caller, org: string | null): Role[] => (org ? (caller.roles[org] ?? []) : []);

/** What the table's rule promises this caller at this variant. */
export function expectedOutcome(rule: Rule, caller: Caller, variant: Variant): Outcome {
  const foreign = variant.ids !== null && variant.urlOrg !== null && variant.ids.org !== variant.urlOrg;
  const signedIn = caller.credential === 'cookie';
  const isOwner = signedIn && variant.ids !== null && caller.email === variant.ids.owner;
  switch (rule.kind) {
    case 'public':
      return foreign ? 'not-found' : 'allowed';
    case 'nobody':
      return 'not-found';
    case 'signed-in':
      if (!signedIn) return 'sign-in';
      return foreign ? 'not-found' : 'allowed';
    case 'staff':
      if (!signedIn) return 'sign-in';
      if (!rolesGrant(rolesIn(caller, variant.urlOrg), rule.permission)) {
        // A listing's leader passes the guard in the organization whose group they lead (abs).
        const leader = rule.leaders?.callers.includes(caller.name) && variant.urlOrg === 'abs';
        if (!leader) return 'refused';
        if (foreign) return 'not-found';
        return rule.leaders!.ownRowsOnly ? 'refused' : 'allowed';
      }
      return foreign ? 'not-found' : 'allowed';
    case 'owner':
      if (!signedIn) return 'sign-in';
      if (foreign) return 'not-found';
      if (isOwner || (rule.staff && rolesGrant(rolesIn(caller, variant.urlOrg), rule.staff))) return 'allowed';
      return 'not-found';
    case 'staff-json':
      if (!signedIn) return 'unauthenticated';
      if (!rolesGrant(rolesIn(caller, variant.urlOrg), rule.permission) && !(rule.faculty && rolesIn(caller, variant.urlOrg).includes('faculty'))) return 'refused';
      return foreign ? 'not-found' : 'allowed';
    case 'member':
      if (!signedIn) return 'sign-in';
      return rolesIn(caller, variant.urlOrg).length > 0 ? 'allowed' : 'refused';
    case 'operator':
      if (!signedIn) return 'sign-in';
      return caller.operator ? 'allowed' : 'refused';
    case 'api-token':
      if (caller.credential !== 'token') return 'unauthenticated';
      if (caller.tokenOrg !== variant.urlOrg || !rolesGrant(rolesIn(caller, caller.tokenOrg ?? null), rule.permission)) return 'refused';
      return foreign ? 'not-found' : 'allowed';
    case 'api-owner-or-token': {
      if (caller.credential === 'none') return 'unauthenticated';
      const rowOrg = variant.ids?.org ?? null;
      if (caller.credential === 'token') return caller.tokenOrg === rowOrg && rolesGrant(rolesIn(caller, rowOrg), rule.permission) ? 'allowed' : 'not-found';
      return isOwner ? 'allowed' : 'not-found';
    }
  }
}

export interface Actual {
  outcome: Outcome | `status ${number}` | 'sign-in with a wrong next';
  detail: string;
}

/**
 * What a response means. `.data` requests answer a redirect with 202 and a turbo-stream body
 * naming the target; documents and resource routes with a 3xx and Location. A redirect to sign
 * in must come back to the page asked for (`page`), never to its `.data` URL or elsewhere.
 */
export async function classify(response: APIResponse, method: 'GET' | 'POST', baseURL: string, page?: string): Promise<Actual> {
  const status = response.status();
  let location = response.headers()['location'] ?? null;
  if (status === 202 && response.headers()['x-remix-response'] === 'yes') {
    const body = await response.text();
    location = /"redirect","([^"]*)"/.exec(body)?.[1] ?? null;
  }
  if (location !== null) {
    const target = new URL(location, baseURL);
    const detail = `${status} → ${location}`;
    if (!/^(\/o\/[^/]+)?\/sign-in$/.test(target.pathname) || !target.searchParams.has('next')) return { outcome: 'allowed', detail };
    if (page !== undefined && target.searchParams.get('next') !== page) return { outcome: 'sign-in with a wrong next', detail };
    return { outcome: 'sign-in', detail };
  }
  const detail = String(status);
  if (status >= 200 && status < 400) return { outcome: 'allowed', detail };
  if (status === 401) return { outcome: 'unauthenticated', detail };
  if (status === 403) return { outcome: 'refused', detail };
  if (status === 404) return { outcome: 'not-found', detail };
  // A POST with an empty or minimal body that the guard let through fails validation or a rule.
  if (method === 'POST' && (status === 400 || status === 409 || status === 422)) return { outcome: 'allowed', detail };
  return { outcome: `status ${status}`, detail };
}

export interface Check {
  route: string;
  method: string;
  how: string;
  variant: string;
  caller: string;
  url: string;
  expected: Outcome;
  actual: Actual;
}

export function mismatches(checks: Check[]): Check[] {
  return checks.filter((c) => c.expected !== c.actual.outcome);
}

export function report(checks: Check[]): string {
  return checks
    .map((c) => `${c.method} ${c.route} [${c.how}; ${c.variant}] as ${c.caller}: expected ${c.expected}, got ${c.actual.outcome} (${c.actual.detail}) at ${c.url}`)
    .join('\n');
}
