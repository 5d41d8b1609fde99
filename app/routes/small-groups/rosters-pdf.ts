// Rosters of every small group as a PDF, a section per group.
import { services } from '#app/lib/guards.server.ts';
import { rosterPdf } from '#domain/small-groups/rosters.server.ts';
import { requireSmallGroupsCourse } from './access.server.ts';
import type { Route } from './+types/rosters-pdf.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course } = await requireSmallGroupsCourse(request, context, params);
  const { filename, bytes } = await rosterPdf(services(context).db, org.id, course.id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
