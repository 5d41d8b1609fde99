// Rosters of every small group as one CSV: group, room, leaders and members.
import { services } from '#app/lib/guards.server.ts';
import { rosterCsv } from '#domain/small-groups/rosters.server.ts';
import { requireSmallGroupsCourse } from './access.server.ts';
import type { Route } from './+types/rosters-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course } = await requireSmallGroupsCourse(request, context, params);
  const { filename, csv } = await rosterCsv(services(context).db, org.id, course.id);
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}
