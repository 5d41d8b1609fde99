// A message to "accepted with a balance due" reaches exactly those people, once each, even when
// the sending process is killed (SIGKILL, mid-batch) and started again; the rate limit holds
// across runs; a scheduled message is frozen once, when due; bad schedules are refused.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluationCompletions, evaluationForms } from '#db/schema/credit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { courseMessageRecipients, courseMessages, type RecipientFilter } from '#db/schema/messages.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { waitFor } from '../../tests/helpers/smtp-sink.ts';
import { payRegistration, setupCourse } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findMatchingRecipients } from './recipients.server.ts';
import { freezeDueMessages, runCourseMessages, sendNextBatch } from './send-batch.server.ts';
import { MESSAGE_KIND, scheduleCourseMessage, sendCourseMessage } from './write-message.server.ts';
import { getCourseMessage } from './find-messages.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
const SENDER = path.resolve(import.meta.dirname, '../../tests/helpers/course-message-sender.ts');
const ACCEPTED_OWING: RecipientFilter = { statuses: ['accepted'], categoryKeys: [], payment: 'balance_due', missing: 'any' };

type Setup = Awaited<ReturnType<typeof setupCourse>>;
let setup: Setup;
let owing: { id: string; email: string }[];
let others: { id: string; email: string }[];

/** Twelve accepted and owing, three accepted and paid in full, two waitlisted and owing, one confirmed and owing. */
async function people(s: Setup) {
  const make = async (status: 'accepted' | 'waitlisted' | 'confirmed', pay: boolean) => {
    const reg = await s.apply();
    // Paid first: a payment in full confirms an application; the status is then set as wanted.
    if (pay) await payRegistration(testDb.db, reg, reg.amountMinor);
    await testDb.db.update(registrations).set({ status }).where(eq(registrations.id, reg.id));
    return { id: reg.id, email: reg.email };
  };
  const accOwing = [];
  for (let i = 0; i < 12; i++) accOwing.push(await make('accepted', false));
  const rest = [];
  for (let i = 0; i < 3; i++) rest.push(await make('accepted', true));
  for (let i = 0; i < 2; i++) rest.push(await make('waitlisted', false));
  rest.push(await make('confirmed', false));
  return { accOwing, rest };
}

async function outboxTo(organizationId: string, emails: string[]) {
  return testDb.db
    .select({ to: outboxMessages.toAddress, text: outboxMessages.text })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, organizationId), eq(outboxMessages.kind, MESSAGE_KIND), inArray(outboxMessages.toAddress, emails)));
}

async function queuedCount(messageId: string) {
  const rows = await testDb.db.select({ id: courseMessageRecipients.id }).from(courseMessageRecipients).where(and(eq(courseMessageRecipients.messageId, messageId), isNotNull(courseMessageRecipients.queuedAt)));
  return rows.length;
}

function startSender(pauseMs: number, batchSize: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SENDER, testDb.url, String(pauseMs), String(batchSize)], { env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('sending a course message', () => {
  beforeAll(async () => {
    setup = await setupCourse(testDb.db, {}, { publicUrl });
    const p = await people(setup);
    owing = p.accOwing;
    others = p.rest;
  });

  test('the filter "accepted with a balance due" is read from the ledger', async () => {
    const found = await findMatchingRecipients(testDb.db, setup.org.id, setup.course.id, ACCEPTED_OWING);
    expect(found.map((r) => r.registrationId).sort()).toEqual(owing.map((o) => o.id).sort());
    expect(found.every((r) => r.balanceMinor > 0)).toBe(true);
    const all = await findMatchingRecipients(testDb.db, setup.org.id, setup.course.id, { ...ACCEPTED_OWING, payment: 'any' });
    expect(all).toHaveLength(15);
    const paid = await findMatchingRecipients(testDb.db, setup.org.id, setup.course.id, { ...ACCEPTED_OWING, payment: 'paid' });
    expect(paid).toHaveLength(3);
    expect(paid.every((r) => r.balanceMinor <= 0)).toBe(true);
    const waitlist = await findMatchingRecipients(testDb.db, setup.org.id, setup.course.id, { statuses: ['waitlisted'], categoryKeys: [], payment: 'any', missing: 'any' });
    expect(waitlist).toHaveLength(2);
    expect(await findMatchingRecipients(testDb.db, setup.org.id, setup.course.id, { ...ACCEPTED_OWING, categoryKeys: ['member'] })).toHaveLength(0);
  });

  test('killed (SIGKILL) halfway through a batch and restarted, it reaches exactly those people once each', async () => {
    const { messageId, recipients } = await sendCourseMessage(
      testDb.db,
      { organizationId: setup.org.id, courseId: setup.course.id, subject: 'Balance for {{course_title}}', body: 'Dear {{first_name}},\n\nYou owe {{amount_due}}.', filter: ACCEPTED_OWING },
      systemActor,
    );
    expect(recipients).toBe(12);

    // Batches of 4, a pause after each recipient written: kill once the first batch has
    // committed and the second is under way (its transaction open, some outbox rows written).
    const first = startSender(250, 4);
    await waitFor(async () => ((await queuedCount(messageId)) >= 4 ? true : undefined), 30_000);
    await waitFor(async () => {
      const { rows } = await testDb.pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'course-message-sender' and state = 'idle in transaction'`,
      );
      return rows[0]!.n > 0 ? true : undefined;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const afterKill = await queuedCount(messageId);
    expect(afterKill).toBeGreaterThanOrEqual(4);
    expect(afterKill).toBeLessThan(12);
    expect(afterKill % 4).toBe(0); // whole batches only: the killed one left nothing behind
    await waitFor(async () => ((await outboxTo(setup.org.id, owing.map((o) => o.email))).length === afterKill ? true : undefined), 10_000);
    expect((await testDb.db.select().from(courseMessages).where(eq(courseMessages.id, messageId)))[0]!.state).toBe('sending');

    // Restarted: a new process resumes with the rest and finishes.
    const second = startSender(0, 4);
    expect(await second.exited, second.output()).toBe(0);

    const mail = await outboxTo(setup.org.id, [...owing, ...others].map((o) => o.email));
    expect(mail.map((m) => m.to).sort()).toEqual(owing.map((o) => o.email).sort());
    expect(new Set(mail.map((m) => m.to)).size).toBe(12);
    expect(mail.every((m) => /You owe \$\d/.test(m.text))).toBe(true);
    const { message, counts } = await getCourseMessage(testDb.db, setup.org.id, setup.course.id, messageId);
    expect(message.state).toBe('sent');
    expect(counts).toMatchObject({ waiting: 0, queued: 12 });

    // Running again sends nothing more.
    expect(await runCourseMessages(testDb.db, { publicUrl, perMinute: 1000 })).toEqual([]);
    expect(await outboxTo(setup.org.id, owing.map((o) => o.email))).toHaveLength(12);
  });

  test('the rate holds across runs: recipients handed over in the last minute count against it', async () => {
    const s = await setupCourse(testDb.db, {}, { publicUrl });
    for (let i = 0; i < 5; i++) {
      const reg = await s.apply();
      await testDb.db.update(registrations).set({ status: 'waitlisted' }).where(eq(registrations.id, reg.id));
    }
    // Nothing else is waiting anywhere in this database; the other messages are done, but
    // their recipients were handed over within the minute: start from a clean minute.
    await testDb.db.update(courseMessageRecipients).set({ queuedAt: new Date(Date.now() - 120_000) }).where(isNotNull(courseMessageRecipients.queuedAt));
    const { messageId } = await sendCourseMessage(
      testDb.db,
      { organizationId: s.org.id, courseId: s.course.id, subject: 'Waitlist', body: 'Hello {{name}}', filter: { statuses: ['waitlisted'], categoryKeys: [], payment: 'any', missing: 'any' } },
      systemActor,
    );
    expect(await sendNextBatch(testDb.db, { publicUrl, perMinute: 3 })).toHaveLength(3);
    expect(await sendNextBatch(testDb.db, { publicUrl, perMinute: 3 })).toHaveLength(0);
    expect(await queuedCount(messageId)).toBe(3);
    expect(await sendNextBatch(testDb.db, { publicUrl, perMinute: 5 })).toHaveLength(2);
    expect((await getCourseMessage(testDb.db, s.org.id, s.course.id, messageId)).message.state).toBe('sent');
  });

  test('a scheduled message: refused in the past, frozen once when due, to whoever matches then', async () => {
    const s = await setupCourse(testDb.db, {}, { publicUrl });
    const reg = await s.apply();
    await testDb.db.update(registrations).set({ status: 'accepted' }).where(eq(registrations.id, reg.id));
    const draft = { organizationId: s.org.id, courseId: s.course.id, subject: 'Two weeks to go', body: 'See you soon, {{first_name}}.', filter: { statuses: ['accepted' as const], categoryKeys: [], payment: 'any' as const, missing: 'any' as const } };
    // The course starts 23 April 2025 in Los Angeles: 14 days before at 09:00 is 2025-04-09T16:00Z (PDT).
    await expect(scheduleCourseMessage(testDb.db, { ...draft, schedule: { anchor: 'starts_on', offsetDays: -14, localTime: '09:00' } }, systemActor, new Date('2025-04-09T16:00:00Z'))).rejects.toMatchObject({
      code: 'MESSAGE_SCHEDULE_PAST',
    });
    const { messageId, sendAt } = await scheduleCourseMessage(testDb.db, { ...draft, schedule: { anchor: 'starts_on', offsetDays: -14, localTime: '09:00' } }, systemActor, new Date('2025-04-01T00:00:00Z'));
    expect(sendAt.toISOString()).toBe('2025-04-09T16:00:00.000Z');

    expect(await freezeDueMessages(testDb.db, new Date('2025-04-09T15:59:59Z'))).toBe(0);
    // Accepted after it was scheduled, before it is due: included.
    const late = await s.apply();
    await testDb.db.update(registrations).set({ status: 'accepted' }).where(eq(registrations.id, late.id));
    const [a, b] = await Promise.all([freezeDueMessages(testDb.db, new Date('2025-04-09T16:00:00Z')), freezeDueMessages(testDb.db, new Date('2025-04-09T16:00:00Z'))]);
    expect(a + b).toBe(1);
    const recipients = await testDb.db.select().from(courseMessageRecipients).where(eq(courseMessageRecipients.messageId, messageId));
    expect(recipients.map((r) => r.registrationId).sort()).toEqual([reg.id, late.id].sort());
    await testDb.db.update(courseMessageRecipients).set({ queuedAt: new Date(Date.now() - 120_000) }).where(isNotNull(courseMessageRecipients.queuedAt));
    expect(await runCourseMessages(testDb.db, { publicUrl, perMinute: 100, now: new Date('2025-04-09T16:00:00Z') })).toHaveLength(2);
    expect(await runCourseMessages(testDb.db, { publicUrl, perMinute: 100, now: new Date('2025-04-09T16:00:00Z') })).toHaveLength(0);
    expect(await outboxTo(s.org.id, [reg.email, late.email])).toHaveLength(2);
  });

  test('a message with nobody to send to is refused', async () => {
    await expect(
      sendCourseMessage(testDb.db, { organizationId: setup.org.id, courseId: setup.course.id, subject: 'x', body: 'y', filter: { statuses: ['offered'], categoryKeys: [], payment: 'any', missing: 'any' } }, systemActor),
    ).rejects.toMatchObject({ code: 'MESSAGE_NO_RECIPIENTS' });
  });
});

describe('missing a required item', () => {
  test('an evaluation not completed (only where the course asks for one), an address not confirmed', async () => {
    const s = await setupCourse(testDb.db, {}, { publicUrl });
    const a = await s.apply();
    const b = await s.apply();
    await testDb.db.update(registrations).set({ status: 'confirmed', addressConfirmedAt: new Date() }).where(inArray(registrations.id, [a.id, b.id]));
    const evaluation: RecipientFilter = { statuses: ['confirmed'], categoryKeys: [], payment: 'any', missing: 'evaluation' };
    expect(await findMatchingRecipients(testDb.db, s.org.id, s.course.id, evaluation)).toHaveLength(0);
    await testDb.db.insert(evaluationForms).values({ courseId: s.course.id, organizationId: s.org.id, questions: [] });
    await testDb.db.insert(evaluationCompletions).values({ registrationId: a.id, organizationId: s.org.id, courseId: s.course.id, completedOn: '2025-04-26' });
    expect((await findMatchingRecipients(testDb.db, s.org.id, s.course.id, evaluation)).map((r) => r.registrationId)).toEqual([b.id]);

    await testDb.db.update(registrations).set({ addressConfirmedAt: null }).where(eq(registrations.id, a.id));
    const unconfirmed = await findMatchingRecipients(testDb.db, s.org.id, s.course.id, { ...evaluation, missing: 'address_unconfirmed' });
    expect(unconfirmed.map((r) => r.registrationId)).toEqual([a.id]);
  });
});
