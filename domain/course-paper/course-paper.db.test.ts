// The paper for the demo's Spokane 2025 course, read back with a real PDF parser: every
// accepted or confirmed participant has a badge, a line on the sign-in sheet of their small
// group, and a line on the faculty's list, which carries no contact details.
import { and, eq, inArray } from 'drizzle-orm';
import { getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, test } from 'vitest';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { seedDemo } from '#server/demo.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { coursePaperPdf, loadCoursePeople } from './course-paper.server.ts';

const testDb = useTestDatabase();
let course: typeof courses.$inferSelect;
let attending: { name: string; email: string }[];

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pages = async (bytes: Buffer) => (await getDocumentProxy(new Uint8Array(bytes))).numPages;

describe('the paper for a course', () => {
  beforeAll(async () => {
    await seedDemo(testDb.db, '2026-12-06');
    [course] = (await testDb.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'))) as [typeof courses.$inferSelect];
    attending = await testDb.db
      .select({ name: registrations.name, email: registrations.email })
      .from(registrations)
      .where(and(eq(registrations.courseId, course.id), inArray(registrations.status, ['accepted', 'confirmed'])));
  });

  test('badges: every accepted or confirmed participant and every faculty member, six to a sheet', async () => {
    expect(attending.length).toBe(40);
    const people = await loadCoursePeople(testDb.db, course.organizationId, course.id);
    const { bytes, filename } = await coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'badges' });
    expect(filename).toBe('leadership-intensive-2025-spokane-badges.pdf');
    const text = flat(await pdfText(bytes));
    for (const person of attending) expect(text).toContain(person.name);
    for (const member of people.faculty) expect(text).toContain(member.name);
    expect(await pages(bytes)).toBe(Math.ceil((attending.length + people.faculty.length) / 6));
    // The small group is on each participant's badge.
    expect(text).toContain(people.participants[0]!.group);
  });

  test('sign-in sheet by small group: a page per group, each participant once, under their group', async () => {
    const people = await loadCoursePeople(testDb.db, course.organizationId, course.id);
    const session = people.sessions[0]!;
    const { bytes } = await coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'sign-in', sessionId: session.id, byGroup: true });
    expect(await pages(bytes)).toBe(people.groups.length);
    const text = flat(await pdfText(bytes));
    for (const person of attending) expect(text.split(person.name).length - 1).toBe(1);
    await expect(coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'sign-in', sessionId: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  test('the faculty’s participant list has names and groups, no email addresses', async () => {
    const { bytes } = await coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'participants' });
    const text = flat(await pdfText(bytes));
    for (const person of attending) {
      expect(text).toContain(person.name);
      expect(text).not.toContain(person.email);
    }
  });

  test('table tents: one page per participant', async () => {
    const { bytes } = await coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'table-tents' });
    expect(await pages(bytes)).toBe(attending.length);
    expect(flat(await pdfText(bytes))).toContain(attending[0]!.name);
  });
});

describe('the faculty’s participant list follows the member-directory consent (ADR 0070)', () => {
  test('credentials, profession and city only where the participant consented; names and groups always', async () => {
    const people = await loadCoursePeople(testDb.db, course.organizationId, course.id);
    const line = (name: string) => people.facultyList.find((p) => p.name === name)!;
    expect(people.facultyList).toHaveLength(attending.length);
    // The demo (server/demo-member-directory.server.ts): Priya shows city and profession, Tomás
    // credentials and profession, Hannah nothing, Adaeze city and profession (not her name: the
    // directory does not list her, but the faculty list has her name as it always did).
    expect(line('Priya Raman')).toMatchObject({ credentials: '', about: 'Family medicine · Spokane' });
    expect(line('Tomás Lindqvist')).toMatchObject({ credentials: 'MD', about: 'Psychiatry' });
    expect(line('Hannah Kowalczyk')).toMatchObject({ credentials: '', about: '' });
    expect(line('Adaeze Okafor')).toMatchObject({ credentials: '', about: 'Social work · The Dalles' });
    expect(people.facultyList.every((p) => p.group !== '')).toBe(true);
    const text = flat(await pdfText((await coursePaperPdf(testDb.db, course.organizationId, course.id, { kind: 'participants' })).bytes));
    expect(text).toContain('Family medicine · Spokane');
    // Hannah's credentials (RN) and Priya's (MD) are not on her line: the line is her name then the group.
    expect(text).toMatch(new RegExp(`Hannah Kowalczyk ${line('Hannah Kowalczyk').group}`));
  });
});
