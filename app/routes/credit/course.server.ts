// The credit pages look the course up inside the guarded organization; a course of another
// organization is simply not found.
import { data } from 'react-router';
import { getStaffCourse } from '#domain/courses/get-staff-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { AppServices } from '#lib/services.ts';

export async function requireCreditCourse(db: AppServices['db'], organizationId: string, courseId: string | undefined) {
  try {
    return await getStaffCourse(db, organizationId, courseId ?? '');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export function pdfAttachment(bytes: Buffer, filename: string): Response {
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

/** `<uuid>.pdf` → the uuid, or undefined. */
export function certificateIdOf(file: string | undefined): string | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/i.exec(file ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}
