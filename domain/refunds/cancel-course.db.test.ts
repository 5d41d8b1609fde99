// The organizer cancelling a course: everyone cancelled and refunded in full, the waitlist
// withdrawn — on a real PostgreSQL through the real functions.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { courses } from '#db/schema/courses.ts';
import { cancellations } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { moneyFixtures } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { cancelCourse } from './cancel-course.server.ts';
import { findRefunds, summarizeRefunds } from './find-refunds.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };

const { setup, pay, refundsOf, mailTo } = moneyFixtures(testDb, { publicUrl });

describe('cancelCourse', () => {
  test('every place-holder is cancelled and refunded in full, the waitlist withdrawn, everyone emailed, refunds in the tracker', async () => {
    const { org, course, apply } = await setup({ capacity: 2 });
    const paid = await apply();
    const unpaid = await apply();
    const waiting = await apply();
    await pay(paid, 90000);
    const now = new Date('2025-03-20T18:00:00Z'); // after the cancellation deadline: no fee anyway
    const result = await cancelCourse(testDb.db, { organizationId: org.id, courseId: course.id, reason: 'Too few registrations' }, staff, { publicUrl, now });
    expect(result).toMatchObject({ cancelled: 2, withdrawn: 1, refundsMinor: 90000 });
    expect(result.emailIds).toHaveLength(3);
    const [c] = await testDb.db.select().from(courses).where(eq(courses.id, course.id));
    expect(c!.status).toBe('cancelled');
    const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [paid.id]: 'cancelled', [unpaid.id]: 'cancelled', [waiting.id]: 'withdrawn' });
    const cancels = await testDb.db.select().from(cancellations).where(eq(cancellations.organizationId, org.id));
    expect(cancels.map((x) => x.channel)).toEqual(['organizer', 'organizer']);
    expect(cancels.find((x) => x.registrationId === paid.id)!.outcome).toMatchObject({ rule: 'course_cancelled', refundMinor: 90000, retainedMinor: 0 });
    expect(await refundsOf(paid.id)).toMatchObject([{ reason: 'course_cancelled', amountMinor: 90000, dueOn: '2025-04-19', status: 'due' }]);
    expect(await registrationAccount(testDb.db, unpaid.id)).toMatchObject({ balanceMinor: 0 });
    const tracker = await findRefunds(testDb.db, org.id, { view: 'due', courseId: course.id }, now);
    expect(tracker.map((r) => [r.name, r.amountMinor])).toEqual([[paid.name, 90000]]);
    const [mail] = await mailTo(paid.email).then((m) => m.filter((x) => x.subject.startsWith('Course cancelled')));
    expect(mail!.text).toContain('Too few registrations');
    expect(mail!.text).toContain('$900');
    await expect(cancelCourse(testDb.db, { organizationId: org.id, courseId: course.id, reason: 'again' }, staff, { publicUrl, now })).rejects.toMatchObject({ code: 'COURSE_STATUS_NOT_ALLOWED' });
  });

  test('the tracker pages through every refund in a stable order; its count and total cover them all', async () => {
    const { org, course, apply } = await setup({ capacity: 5 });
    const paid = [];
    for (let i = 0; i < 5; i++) {
      const r = await apply();
      await pay(r, 90000);
      paid.push(r);
    }
    const now = new Date('2025-03-20T18:00:00Z');
    await cancelCourse(testDb.db, { organizationId: org.id, courseId: course.id, reason: 'Too few registrations' }, staff, { publicUrl, now });
    const filters = { view: 'due' as const, courseId: course.id };
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) pages.push(await findRefunds(testDb.db, org.id, filters, now, { limit: 2, offset }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const ids = pages.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual((await findRefunds(testDb.db, org.id, filters, now)).map((r) => r.id));
    expect(await summarizeRefunds(testDb.db, org.id, filters, now)).toEqual({ count: 5, totals: [{ currency: 'USD', totalMinor: 450000 }] });
    // Paid by check: no "Refund to card" for these.
    expect(pages.flat().every((r) => !r.cardRefundable)).toBe(true);
    expect(await summarizeRefunds(testDb.db, org.id, { view: 'done', courseId: course.id }, now)).toEqual({ count: 0, totals: [] });
  });
});
