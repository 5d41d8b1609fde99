// The member list as a CSV download, with the same filters as the page.
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findMembers, memberFiltersFrom, membersCsv } from '#domain/membership/members.server.ts';
import { orgToday } from '#domain/membership/membership-terms.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/members-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'membership:manage');
  const { db } = services(context);
  const { filters } = memberFiltersFrom(new URL(request.url).searchParams);
  const rows = await findMembers(db, org.id, filters, await orgToday(db, org.id));
  const headers = ['name', 'email', 'type', 'status', 'startsOn', 'endsOn', 'source', 'grantedBy'].map((k) => t(`membershipMembers.${k}`));
  const csv = membersCsv(rows, { headers, status: (s) => t(`membershipTerm.status_${s}`), source: (s) => t(`membershipTerm.source_${s}`) });
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${org.slug.replace(/[^a-z0-9-]/gi, '')}-members.csv"`, 'Cache-Control': 'no-store' },
  });
}
