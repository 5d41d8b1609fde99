// The demo's past Spokane course as a course that was run: forty participants in four published
// small groups, every hard rule holding, the member account among them, the faculty account
// linked to a leader, and every ledger consistent with the registration's status.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '#db/schema/accounts.ts';
import { courseFaculty, courses } from '#db/schema/courses.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { reconcile } from '#domain/billing/reconcile.server.ts';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { summarizeGroups } from '#domain/small-groups/summarize.server.ts';
import { certificates } from '#db/schema/credit.ts';
import { verifyCertificate } from '#domain/certificates/verify-certificate.server.ts';
import { findEvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

describe('demo: the Spokane 2025 course was run', () => {
  test('forty participants in four published groups of ten, two leaders each, every rule holding', async () => {
    const accounts = await seedDemo(testDb.db, '2026-12-06');
    expect(accounts.map((a) => a.email)).toContain('faculty@abs.example.org');
    const [course] = await testDb.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    const state = await loadCourseGroups(testDb.db, course!.organizationId, course!.id);
    expect(state.participants).toHaveLength(40);
    expect(state.plan.publishedAt).not.toBeNull();
    const summary = summarizeGroups(state);
    expect(summary.cards.map((c) => c.members.length)).toEqual([10, 10, 10, 10]);
    expect(summary.cards.map((c) => c.leaders.length)).toEqual([2, 2, 2, 2]);
    expect(summary.violations).toEqual([]);
    expect(summary.cards.every((c) => Object.keys(c.mix.profession).length >= 4)).toBe(true);

    const [member] = await testDb.db.select().from(users).where(eq(users.email, 'member@abs.example.org'));
    expect(state.participants.find((p) => p.userId === member!.id)).toMatchObject({ status: 'confirmed', name: 'Morgan Member' });
    const [faculty] = await testDb.db.select().from(users).where(eq(users.email, 'faculty@abs.example.org'));
    const [linked] = await testDb.db.select().from(courseFaculty).where(and(eq(courseFaculty.courseId, course!.id), eq(courseFaculty.userId, faculty!.id)));
    expect(summary.cards.some((c) => c.leaders.some((l) => l.courseFacultyId === linked!.id))).toBe(true);

    // Confirmed: paid in full (balance 0); accepted: the charge still owed.
    const balances = await testDb.db
      .select({ status: registrations.status, amount: registrations.amountMinor, balance: sql<number>`coalesce(sum(${ledgerEntries.amountMinor}), 0)::int` })
      .from(registrations)
      .leftJoin(ledgerEntries, eq(ledgerEntries.registrationId, registrations.id))
      // The three left on the waitlist (server/demo-messages.server.ts) never took part.
      .where(and(eq(registrations.courseId, course!.id), inArray(registrations.status, ['accepted', 'confirmed'])))
      .groupBy(registrations.id);
    expect(balances).toHaveLength(40);
    for (const b of balances) expect(b.balance).toBe(b.status === 'confirmed' ? 0 : b.amount);
    expect(balances.filter((b) => b.status === 'accepted')).toHaveLength(3);
    // The reconcile report (the ledger's invariants) finds nothing to say about the demo.
    expect(await reconcile(testDb.db, course!.organizationId)).toEqual([]);
  });
});

describe('demo: CE credit for the Spokane 2025 course', () => {
  test('the member holds APA and AAFP certificates for 19.25; a late arrival holds prorated AAFP credit and an APA certificate of attendance; most completed the evaluation', async () => {
    const db = testDb.db;
    // The seed above ran in this database already; read what it made.
    const [course] = await db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    const [member] = await db.select().from(users).where(eq(users.email, 'member@abs.example.org'));
    const mine = await db.select().from(certificates).where(and(eq(certificates.userId, member!.id), eq(certificates.courseId, course!.id)));
    expect(mine.map((c) => [c.body, c.kind, c.creditHundredths, c.status]).sort()).toEqual([
      ['AAFP', 'credit', 1925, 'valid'],
      ['APA', 'credit', 1925, 'valid'],
    ]);
    const all = await db.select().from(certificates).where(eq(certificates.courseId, course!.id));
    const prorated = all.filter((c) => c.body === 'AAFP' && c.kind === 'credit' && c.creditHundredths < 1925);
    expect(prorated.length).toBeGreaterThan(0);
    expect(all.some((c) => c.body === 'APA' && c.kind === 'attendance')).toBe(true);
    const results = await findEvaluationResults(db, course!);
    expect(results.completed).toBeGreaterThanOrEqual(30);
    expect(results.completed).toBeLessThan(results.participants);
    expect(results.shown).toBe(true);
    const verified = await verifyCertificate(db, mine[0]!.code);
    expect(verified).toMatchObject({ found: true, status: 'valid', recipientName: 'Morgan Member' });
  });
});
