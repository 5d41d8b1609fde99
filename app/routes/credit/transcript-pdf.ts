// /o/:org/certificates/transcript.pdf — the signed-in person's transcript across every
// organization of the deployment.
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findTranscript } from '#domain/certificates/find-transcript.server.ts';
import { renderTranscriptPdf } from '#lib/pdf/transcript.ts';
import { pdfAttachment } from './course.server.ts';
import type { Route } from './+types/transcript-pdf.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db, publicUrl } = services(context);
  const entries = await findTranscript(db, user.id);
  const bytes = await renderTranscriptPdf({ name: user.name, generatedOn: new Date().toISOString().slice(0, 10), verifyUrl: `${publicUrl.replace(/\/$/, '')}/verify`, entries });
  return pdfAttachment(bytes, 'transcript.pdf');
}
