// One of the course's printable PDFs (see paper.tsx). A session that is not the course's is a 404.
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { coursePaperPdf, type PaperKind } from '#domain/course-paper/course-paper.server.ts';
import { DomainError } from '#domain/errors.ts';
import { requireCourse } from './course-access.server.ts';
import type { Route } from './+types/paper-pdf.ts';

const KINDS: readonly PaperKind[] = ['badges', 'sign-in', 'participants', 'table-tents'];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const query = new URL(request.url).searchParams;
  const kind = KINDS.find((k) => k === query.get('kind')) ?? 'badges';
  try {
    const { filename, bytes } = await coursePaperPdf(db, org.id, course.id, { kind, sessionId: query.get('session') ?? undefined, byGroup: query.get('byGroup') === 'on' });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Content-Length': String(bytes.length),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SESSION_NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw error;
  }
}
