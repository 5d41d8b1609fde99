// /o/:org/admin/courses/:courseId/certificates/<id>.pdf — a certificate of the course as it
// stands, for its staff. An id that names none of the course's certificates goes back to the
// course's credit page (the list of what there is).
import { redirect } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findCourseCertificate } from '#domain/certificates/find-course-certificates.server.ts';
import { certificateFilename, renderCertificate } from '#domain/certificates/render-certificate.server.ts';
import { certificateIdOf, pdfAttachment, requireCreditCourse } from './course.server.ts';
import type { Route } from './+types/certificate-pdf-staff.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db, publicUrl } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const certificateId = certificateIdOf(params.certificateFile);
  const row = certificateId ? await findCourseCertificate(db, { organizationId: org.id, courseId: course.id, certificateId }) : undefined;
  if (!row || row.recordsRetiredAt) throw redirect(`/o/${org.slug}/admin/courses/${course.id}/credit`);
  return pdfAttachment(await renderCertificate(db, row, publicUrl), certificateFilename(row));
}
