// Guards throw a response. Every loader and every action calls its own guard: a parent
// layout's check does not protect child routes.
import { data, redirect, type RouterContextProvider } from 'react-router';
import type { Role } from '#db/schema/accounts.ts';
import { rolesGrant, type Permission } from '#domain/accounts/permissions.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getOrganizationBySlug } from '#domain/organizations/organizations.server.ts';
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
    const url = new URL(request.url);
    throw redirect(`/o/${orgSlug}/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
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

/** Only same-site relative paths may be redirect targets (no open redirects). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** Route params that name rows: anything but a UUID is a 404 before any query runs. */
export function requireIds(...values: (string | undefined)[]): void {
  if (!values.every((v) => isUuid(v))) throw data(null, { status: 404 });
}
