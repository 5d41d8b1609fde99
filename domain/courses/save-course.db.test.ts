import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { courseSchema } from './course-schema.ts';
import { getPriceTable } from './get-staff-course.server.ts';
import { saveCourse } from './save-course.server.ts';
import { savePriceTable } from './save-price-table.server.ts';
import { setCourseStatus } from './set-course-status.server.ts';

const testDb = useTestDatabase();

const form = (overrides: Record<string, string> = {}) =>
  courseSchema.parse({
    title: 'Leadership Training Intensive',
    slug: 'spokane-2026',
    kind: 'leadership_intensive',
    startsOn: '2026-04-23',
    endsOn: '2026-04-26',
    timeZone: 'America/Los_Angeles',
    capacity: '60',
    earlyPlaceLimit: '30',
    registrationDeadline: '2026-03-12',
    currency: 'USD',
    section_overview: 'Teaches Balint group leadership.',
    ...overrides,
  });

const SEED_ROWS = [
  { key: 'non_member', label: 'Single Registration', early: 90000, regular: 97500, requiresMembership: false, requiresTraineeStatus: false },
  { key: 'member', label: 'ABS Member Registration', early: 80000, regular: 87500, requiresMembership: true, requiresTraineeStatus: false },
  { key: 'trainee', label: 'Residents, students, fellows', early: 64000, regular: 70000, requiresMembership: false, requiresTraineeStatus: true },
  { key: 'member_trainee', label: 'ABS Member Residents, students & fellows', early: 56000, regular: 62000, requiresMembership: true, requiresTraineeStatus: true },
];

describe('courses: create, price, publish', () => {
  test('a new course is a draft; it publishes only with a price table; every step is audited', async () => {
    const org = await createOrganization(testDb.db);
    const course = await saveCourse(testDb.db, { organizationId: org.id, form: form(), sectionHeadings: { overview: 'Course overview' } }, systemActor);
    expect(course).toMatchObject({ status: 'draft', capacity: 60, earlyPlaceLimit: 30, sections: [{ key: 'overview', heading: 'Course overview', body: 'Teaches Balint group leadership.' }] });
    await expect(setCourseStatus(testDb.db, { organizationId: org.id, courseId: course.id, status: 'published' }, systemActor)).rejects.toMatchObject({ code: 'PRICE_TABLE_INCOMPLETE' });
    await savePriceTable(testDb.db, { organizationId: org.id, courseId: course.id, rows: SEED_ROWS }, systemActor);
    expect((await getPriceTable(testDb.db, org.id, course.id)).map((r) => [r.key, r.early, r.regular])).toEqual([
      ['non_member', 90000, 97500],
      ['member', 80000, 87500],
      ['trainee', 64000, 70000],
      ['member_trainee', 56000, 62000],
    ]);
    const published = await setCourseStatus(testDb.db, { organizationId: org.id, courseId: course.id, status: 'published' }, systemActor);
    expect(published.status).toBe('published');
    await expect(setCourseStatus(testDb.db, { organizationId: org.id, courseId: course.id, status: 'draft' }, systemActor)).rejects.toMatchObject({ code: 'COURSE_STATUS_NOT_ALLOWED' });
    const actions = (await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.entityId, course.id)))).map((a) => a.action);
    expect(actions.sort()).toEqual(['course.created', 'course.prices_saved', 'course.status_changed']);
  });

  test('a slug is unique within the organization; another organization cannot edit the course', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const course = await saveCourse(testDb.db, { organizationId: org.id, form: form({ slug: 'weekend' }), sectionHeadings: {} }, systemActor);
    await expect(saveCourse(testDb.db, { organizationId: org.id, form: form({ slug: 'weekend' }), sectionHeadings: {} }, systemActor)).rejects.toMatchObject({
      code: 'COURSE_SLUG_TAKEN',
      fields: { slug: 'COURSE_SLUG_TAKEN' },
    });
    await saveCourse(testDb.db, { organizationId: other.id, form: form({ slug: 'weekend' }), sectionHeadings: {} }, systemActor);
    await expect(saveCourse(testDb.db, { organizationId: other.id, courseId: course.id, form: form({ slug: 'x-1' }), sectionHeadings: {} }, systemActor)).rejects.toBeInstanceOf(DomainError);
    await expect(setCourseStatus(testDb.db, { organizationId: other.id, courseId: course.id, status: 'cancelled' }, systemActor)).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
    const edited = await saveCourse(testDb.db, { organizationId: org.id, courseId: course.id, form: form({ slug: 'weekend', capacity: '12', section_overview: '' }), sectionHeadings: {} }, systemActor);
    expect(edited).toMatchObject({ capacity: 12, sections: [] });
  });
});
