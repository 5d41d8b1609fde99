// Writing a course message: sent now (its recipients frozen at once, handed to the outbox by
// the sending job in rate-limited batches), scheduled relative to the course's dates, or sent
// to oneself as a test. Every change is audited.
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { courseMessageRecipients, courseMessages, courseMessageSettings, type MessageSchedule, type RecipientFilter } from '#db/schema/messages.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { findMatchingRecipients, type MatchingRecipient } from './recipients.server.ts';
import { renderCourseMessage } from './render.ts';
import { scheduledInstant } from './schedule.ts';

export interface MessageDraft {
  organizationId: string;
  courseId: string;
  subject: string;
  body: string;
  filter: RecipientFilter;
}

export const TEST_KIND = 'course.message.test';
export const MESSAGE_KIND = 'course.message';

async function courseAndOrg(db: DbOrTx, organizationId: string, courseId: string) {
  const [row] = await db
    .select({ course: courses, org: { slug: organizations.slug, name: organizations.name } })
    .from(courses)
    .innerJoin(organizations, eq(organizations.id, courses.organizationId))
    .where(and(eq(courses.id, courseId), eq(courses.organizationId, organizationId)));
  if (!row) throw new DomainError('COURSE_NOT_FOUND', courseId);
  return row;
}

/** Inserts the frozen recipient rows of a message (each registration once, whatever is retried). */
export async function freezeRecipients(tx: DbOrTx, message: { id: string; organizationId: string }, recipients: MatchingRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  await tx
    .insert(courseMessageRecipients)
    .values(
      recipients.map((r, position) => ({
        organizationId: message.organizationId,
        messageId: message.id,
        registrationId: r.registrationId,
        userId: r.userId,
        name: r.name,
        email: r.email,
        position,
      })),
    )
    .onConflictDoNothing();
}

/** Sends a message now: the recipients who match at this moment are frozen; the job sends to them. */
export async function sendCourseMessage(db: Db, draft: MessageDraft, actor: Actor): Promise<{ messageId: string; recipients: number }> {
  return db.transaction(async (tx) => {
    await courseAndOrg(tx, draft.organizationId, draft.courseId);
    const recipients = await findMatchingRecipients(tx, draft.organizationId, draft.courseId, draft.filter);
    if (recipients.length === 0) throw new DomainError('MESSAGE_NO_RECIPIENTS', draft.courseId);
    const [message] = await tx
      .insert(courseMessages)
      .values({ organizationId: draft.organizationId, courseId: draft.courseId, subject: draft.subject, body: draft.body, filter: draft.filter, state: 'sending', frozenAt: new Date(), createdBy: actor.userId })
      .returning();
    await freezeRecipients(tx, message!, recipients);
    await recordAudit(tx, actor, {
      organizationId: draft.organizationId,
      action: 'course_message.send',
      entityType: 'course_message',
      entityId: message!.id,
      after: { courseId: draft.courseId, subject: draft.subject, filter: draft.filter, recipients: recipients.length },
    });
    return { messageId: message!.id, recipients: recipients.length };
  });
}

/** Schedules a message relative to the course's dates; its recipients are chosen when it is due. */
export async function scheduleCourseMessage(db: Db, draft: MessageDraft & { schedule: MessageSchedule }, actor: Actor, now: Date = new Date()): Promise<{ messageId: string; sendAt: Date }> {
  return db.transaction(async (tx) => {
    const { course } = await courseAndOrg(tx, draft.organizationId, draft.courseId);
    const sendAt = scheduledInstant(course, draft.schedule);
    if (sendAt.getTime() <= now.getTime()) throw new DomainError('MESSAGE_SCHEDULE_PAST', draft.courseId, { offsetDays: 'MESSAGE_SCHEDULE_PAST' });
    const [message] = await tx
      .insert(courseMessages)
      .values({ organizationId: draft.organizationId, courseId: draft.courseId, subject: draft.subject, body: draft.body, filter: draft.filter, state: 'scheduled', schedule: draft.schedule, sendAt, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, {
      organizationId: draft.organizationId,
      action: 'course_message.schedule',
      entityType: 'course_message',
      entityId: message!.id,
      after: { courseId: draft.courseId, subject: draft.subject, filter: draft.filter, schedule: draft.schedule, sendAt: sendAt.toISOString() },
    });
    return { messageId: message!.id, sendAt };
  });
}

/** Cancels a scheduled message that has not been sent (it is locked, so the job cannot take it meanwhile). */
export async function cancelScheduledMessage(db: Db, input: { organizationId: string; courseId: string; messageId: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(courseMessages)
      .where(and(eq(courseMessages.id, input.messageId), eq(courseMessages.organizationId, input.organizationId), eq(courseMessages.courseId, input.courseId)))
      .for('update');
    if (!message) throw new DomainError('MESSAGE_NOT_FOUND', input.messageId);
    if (message.state !== 'scheduled') throw new DomainError('MESSAGE_NOT_SCHEDULED', input.messageId);
    await tx.update(courseMessages).set({ state: 'cancelled' }).where(eq(courseMessages.id, message.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'course_message.cancel', entityType: 'course_message', entityId: message.id, before: { state: 'scheduled' }, after: { state: 'cancelled' } });
  });
}

/**
 * A test send: the message as `sample` (a real recipient) would read it, to the staff member's
 * own address, marked as a test. Returns the outbox id to deliver after commit.
 */
export async function sendTestMessage(
  db: Db,
  draft: Omit<MessageDraft, 'filter'> & { to: string; sample: MatchingRecipient | null; publicUrl: string },
  actor: Actor,
): Promise<string> {
  return db.transaction(async (tx) => {
    const { course, org } = await courseAndOrg(tx, draft.organizationId, draft.courseId);
    const replyTo = await getReplyTo(tx, draft.organizationId, draft.courseId);
    const sample = draft.sample ?? { name: 'Sample Person', balanceMinor: 0, currency: course.currency };
    const email = renderCourseMessage(draft, { publicUrl: draft.publicUrl, org, course, recipient: sample });
    const id = await queueEmail(tx, { organizationId: draft.organizationId, kind: TEST_KIND, to: draft.to, ...(replyTo ? { replyTo } : {}), ...email, subject: `[Test] ${email.subject}` });
    await recordAudit(tx, actor, { organizationId: draft.organizationId, action: 'course_message.test', entityType: 'course', entityId: draft.courseId, after: { outboxId: id } });
    return id;
  });
}

export async function getReplyTo(db: DbOrTx, organizationId: string, courseId: string): Promise<string | null> {
  const [row] = await db
    .select({ replyTo: courseMessageSettings.replyTo })
    .from(courseMessageSettings)
    .where(and(eq(courseMessageSettings.courseId, courseId), eq(courseMessageSettings.organizationId, organizationId)));
  return row?.replyTo ?? null;
}

/** Sets where replies to the course's messages go (empty: to nobody in particular, the sender address). */
export async function setReplyTo(db: Db, input: { organizationId: string; courseId: string; replyTo: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await courseAndOrg(tx, input.organizationId, input.courseId);
    const before = await getReplyTo(tx, input.organizationId, input.courseId);
    if (input.replyTo === '') {
      await tx.delete(courseMessageSettings).where(and(eq(courseMessageSettings.courseId, input.courseId), eq(courseMessageSettings.organizationId, input.organizationId)));
    } else {
      await tx
        .insert(courseMessageSettings)
        .values({ courseId: input.courseId, organizationId: input.organizationId, replyTo: input.replyTo })
        .onConflictDoUpdate({ target: courseMessageSettings.courseId, set: { replyTo: input.replyTo, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'course_message.reply_to', entityType: 'course', entityId: input.courseId, before: { replyTo: before }, after: { replyTo: input.replyTo || null } });
  });
}
