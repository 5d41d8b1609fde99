// Staff create and edit courses. A new course starts as a draft; every save is audited.
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { EDITABLE_SECTIONS, lines, mergeSections, parseAccreditation, type CourseForm } from './course-schema.ts';
import type { Course } from './get-staff-course.server.ts';

export interface SaveCourseInput {
  organizationId: string;
  /** Absent for a new course. */
  courseId?: string;
  form: CourseForm;
  /** Headings for sections this save adds (from the caller's catalog). */
  sectionHeadings: Record<string, string>;
}

function columns(form: CourseForm, existing: Course | undefined) {
  return {
    title: form.title,
    slug: form.slug,
    kind: form.kind,
    tagline: form.tagline,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    timeZone: form.timeZone,
    online: form.online ? 1 : 0,
    venueName: form.venueName,
    venueAddress: form.venueAddress,
    city: form.city,
    region: form.region,
    country: form.country,
    capacity: form.capacity,
    earlyPlaceLimit: form.earlyPlaceLimit,
    earlyRateUntil: form.earlyRateUntil,
    registrationOpensOn: form.registrationOpensOn,
    registrationDeadline: form.registrationDeadline,
    cancellationDeadline: form.cancellationDeadline,
    cancellationFeeMinor: form.cancellationFee,
    currency: form.currency,
    requiresApproval: form.requiresApproval,
    offerHoldHours: form.offerHoldHours,
    goals: lines(form.goals),
    accreditation: parseAccreditation(form.accreditation, existing?.accreditation ?? []),
  };
}

export async function saveCourse(db: Db, input: SaveCourseInput, actor: Actor): Promise<Course> {
  return withScarceLocks(db, async (tx) => {
    // The course row is the lock registration takes too (docs/decisions/0021).
    const existing = input.courseId ? await lockCourse(tx, input.organizationId, input.courseId) : undefined;
    const [clash] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.organizationId, input.organizationId), eq(courses.slug, input.form.slug), ...(existing ? [ne(courses.id, existing.id)] : [])));
    if (clash) throw new DomainError('COURSE_SLUG_TAKEN', input.form.slug, { slug: 'COURSE_SLUG_TAKEN' });
    const edits = EDITABLE_SECTIONS.map((key) => ({ key, heading: input.sectionHeadings[key] ?? key, body: input.form[`section_${key}`] }));
    const values = { ...columns(input.form, existing), sections: mergeSections(existing?.sections ?? [], edits) };
    if (existing) {
      const [after] = await tx.update(courses).set(values).where(eq(courses.id, existing.id)).returning();
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: 'course.updated',
        entityType: 'course',
        entityId: existing.id,
        before: changed(existing, after!),
        after: changed(after!, existing),
      });
      return after!;
    }
    const [created] = await tx
      .insert(courses)
      .values({ ...values, organizationId: input.organizationId, status: 'draft' })
      .returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'course.created', entityType: 'course', entityId: created!.id, after: values });
    return created!;
  });
}

/** The fields of `a` that differ from `b`: the audit row holds what changed, not everything. */
function changed(a: Course, b: Course): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a) as (keyof Course)[]) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = a[key];
  return out;
}
