// Guards throw a response. Every loader and every action calls its own guard: a parent
// layout's check does not protect child routes.
import { data, redirect, type RouterContextProvider } from 'react-router';
import type { Role } from '#domain/accounts/roles.ts';
import { rolesGrant, type Permission } from '#domain/accounts/permissions.ts';
import { isOperator } from '#domain/accounts/operators.server.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findOrganizations, getOrganizationBySlug } from '#domain/organizations/organizations.server.ts';
import { isUuid } from '#lib/ids.ts';
import { appContext, type AppServices } from './context.ts';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export function services(context: Readonly<RouterContextProvider>): AppServices {
  return context.get(appContext);
}

export async function getSessionUser(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionUser | null> {
  const session = await services(context).auth.api.getSession({ headers: request.headers });
  if (!session) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email };
}

export async function requireOrganization(context: Readonly<RouterContextProvider>, slug: string | undefined) {
  try {
    return await getOrganizationBySlug(services(context).db, slug ?? '');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ORGANIZATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function requireUser(request: Request, context: Readonly<RouterContextProvider>, orgSlug: string): Promise<SessionUser> {
  const user = await getSessionUser(request, context);
  if (!user) {
    throw redirect(`/o/${orgSlug}/sign-in?next=${encodeURIComponent(pagePath(new URL(request.url)))}`);
  }
  return user;
}

export async function requirePermission(request: Request, context: Readonly<RouterContextProvider>, orgSlug: string | undefined, permission: Permission) {
  const org = await requireOrganization(context, orgSlug);
  const user = await requireUser(request, context, org.slug);
  const roles: Role[] = await findRoles(services(context).db, org.id, user.id);
  if (!rolesGrant(roles, permission)) throw data(null, { status: 403 });
  return { org, user, roles, actor: { userId: user.id, requestId: services(context).requestId } };
}

/**
 * The deployment's operator (above every organization). Signed-out visitors are sent to sign
 * in on the first organization's page; anyone else is refused.
 */
export async function requireOperator(request: Request, context: Readonly<RouterContextProvider>) {
  const { db, requestId } = services(context);
  const user = await getSessionUser(request, context);
  if (!user) {
    const [first] = await findOrganizations(db);
    if (!first) throw data(null, { status: 404 });
    throw redirect(`/o/${first.slug}/sign-in?next=${encodeURIComponent(pagePath(new URL(request.url)))}`);
  }
  if (!(await isOperator(db, user.id))) throw data(null, { status: 403 });
  return { user, actor: { userId: user.id, requestId } };
}

const SAME_ORIGIN = 'http://same-origin.invalid';

/**
 * Only same-origin paths may be redirect targets (no open redirects): a path starting with one
 * slash, with no backslash and no control character anywhere (browsers drop tabs and newlines
 * and read `/\t/evil.example` as `//evil.example`). React Router's data-request suffix
 * (`.data`, `_routes=`) is removed: a person is sent to the page, never to its data.
 */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME_ORIGIN) return fallback;
  return pagePath(url);
}

/** The page a request is for: a data request's `.data` suffix and `_routes` parameter removed. */
export function pagePath(url: URL): string {
  let pathname = url.pathname;
  if (pathname === '/_root.data') pathname = '/';
  else if (pathname.endsWith('.data')) pathname = pathname.slice(0, -'.data'.length) || '/';
  const search = new URLSearchParams(url.search);
  search.delete('_routes');
  const query = search.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}

/** Route params that name rows: anything but a UUID is a 404 before any query runs. */
export function requireIds(...values: (string | undefined)[]): void {
  if (!values.every((v) => isUuid(v))) throw data(null, { status: 404 });
}
