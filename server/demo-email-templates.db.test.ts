// The demo's email templates: the ABS has its own evaluation reminder, and a reminder sent from
// the demo's past course says it (with its unsubscribe link); the circle keeps the default.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { findEmailTemplates } from '#domain/email-templates/manage-templates.server.ts';
import { sendEvaluationReminders } from '#domain/evaluations/remind-evaluation.server.ts';
import { getOutboxMessage } from '#lib/email/outbox.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

describe('demo: email templates', () => {
  test('the ABS evaluation reminder is its own (version 1) and is what a reminder says; NWBC uses the defaults', async () => {
    await seedDemo(testDb.db, '2026-12-06');
    const orgs = await testDb.db.select().from(organizations);
    const abs = orgs.find((o) => o.slug === 'abs')!;
    const nwbc = orgs.find((o) => o.slug === 'nwbc')!;
    const own = (await findEmailTemplates(testDb.db, abs.id)).filter((v) => v.override);
    expect(own.map((v) => [v.definition.kind, v.override!.version])).toEqual([['evaluation.reminder', 1]]);
    expect((await findEmailTemplates(testDb.db, nwbc.id)).filter((v) => v.override)).toEqual([]);

    const pastCourses = await testDb.db.select().from(courses).where(eq(courses.organizationId, abs.id));
    const sent = [];
    for (const course of pastCourses) {
      const result = await sendEvaluationReminders(testDb.db, { userId: null }, { organizationId: abs.id, courseId: course.id, publicUrl: 'https://hub.example.org', secretKey: crypto.randomBytes(32) });
      sent.push(...result.outboxIds);
    }
    expect(sent.length).toBeGreaterThan(0);
    const message = (await getOutboxMessage(testDb.db, abs.id, sent[0]!))!;
    expect(message.subject).toMatch(/^A few minutes for .+\?$/);
    expect(message.text).toContain('Your certificate is issued as soon as it is done.');
    expect(message.listUnsubscribe).toMatch(/^https:\/\/hub\.example\.org\/o\/abs\/unsubscribe\//);
  });
});
