// Staff course pages look the course up inside the guarded organization; a course of
// another organization is simply not found.
import { data } from 'react-router';
import type { AppServices } from '#lib/services.ts';
import { getStaffCourse } from '#domain/courses/get-staff-course.server.ts';
import { DomainError } from '#domain/errors.ts';

export async function requireCourse(db: AppServices['db'], organizationId: string, courseId: string | undefined) {
  try {
    return await getStaffCourse(db, organizationId, courseId ?? '');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}
