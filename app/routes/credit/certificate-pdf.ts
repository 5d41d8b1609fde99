// /o/:org/certificates/<id>.pdf — one of the signed-in person's own certificates (any
// organization's: the transcript spans them all). Anyone else's, or none, is a 404.
import { data } from 'react-router';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findOwnCertificate } from '#domain/certificates/find-transcript.server.ts';
import { certificateFilename, renderCertificate } from '#domain/certificates/render-certificate.server.ts';
import { certificateIdOf, pdfAttachment } from './course.server.ts';
import type { Route } from './+types/certificate-pdf.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db, publicUrl } = services(context);
  const certificateId = certificateIdOf(params.certificateFile);
  const row = certificateId ? await findOwnCertificate(db, { userId: user.id, certificateId }) : undefined;
  if (!row || row.recordsRetiredAt) throw data(null, { status: 404 });
  return pdfAttachment(await renderCertificate(db, row, publicUrl), certificateFilename(row));
}
