// Who manages series (ADR 0063): staff holding series:manage, and the leaders of a listed group
// for their own group's series (a row-level rule). Refused (403) before any row is read when
// the person is neither; another organization's series is 404; a leader of another group 403.
import { data, type RouterContextProvider } from 'react-router';
import { requireIds, requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { DomainError } from '#domain/errors.ts';
import { leadsAnyListing, requireManageableSeries } from '#domain/series/series.server.ts';

export async function requireSeriesManager(request: Request, context: Readonly<RouterContextProvider>, orgSlug: string | undefined) {
  const org = await requireOrganization(context, orgSlug);
  const user = await requireUser(request, context, org.slug);
  const { db, requestId } = services(context);
  const roles = await findRoles(db, org.id, user.id);
  if (!rolesGrant(roles, 'series:manage') && !(await leadsAnyListing(db, org.id, user.id))) throw data(null, { status: 403 });
  return { org, user, roles, actor: { userId: user.id, requestId } };
}

/** A series the manager may manage: 404 when not the organization's, 403 when another group's. */
export async function requireSeriesToManage(request: Request, context: Readonly<RouterContextProvider>, params: { org?: string; seriesId?: string }) {
  const manager = await requireSeriesManager(request, context, params.org);
  requireIds(params.seriesId);
  try {
    const found = await requireManageableSeries(services(context).db, manager.org.id, params.seriesId ?? '', manager.user.id, manager.roles);
    return { ...manager, ...found };
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'SERIES_NOT_FOUND' || error.code === 'SERIES_LISTING_NOT_FOUND')) throw data(null, { status: 404 });
    if (error instanceof DomainError && error.code === 'SERIES_NOT_YOURS') throw data(null, { status: 403 });
    throw error;
  }
}
