// Reading course messages back: a course's messages with their counts, one message with each
// recipient's status, and the messages a person was sent (their record).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { courseMessageRecipients, courseMessages } from '#db/schema/messages.ts';
import { DomainError } from '#domain/errors.ts';
import { recipientStatus, type RecipientStatus } from './status.ts';

export type CourseMessage = typeof courseMessages.$inferSelect;

export async function findCourseMessages(db: DbOrTx, organizationId: string, courseId: string) {
  return db
    .select({
      id: courseMessages.id,
      subject: courseMessages.subject,
      state: courseMessages.state,
      sendAt: courseMessages.sendAt,
      schedule: courseMessages.schedule,
      frozenAt: courseMessages.frozenAt,
      createdAt: courseMessages.createdAt,
      // Qualified by hand: inside a select list drizzle writes a column without its table.
      recipients: sql<number>`(select count(*)::int from course_message_recipients r where r.message_id = course_messages.id)`,
    })
    .from(courseMessages)
    .where(and(eq(courseMessages.organizationId, organizationId), eq(courseMessages.courseId, courseId)))
    .orderBy(desc(courseMessages.createdAt));
}

export interface MessageRecipientRow {
  id: string;
  registrationId: string;
  name: string;
  email: string;
  status: RecipientStatus;
  queuedAt: Date | null;
  sentAt: Date | null;
}

export async function getCourseMessage(db: DbOrTx, organizationId: string, courseId: string, messageId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw new DomainError('MESSAGE_NOT_FOUND', messageId);
  const [message] = await db
    .select()
    .from(courseMessages)
    .where(and(eq(courseMessages.id, messageId), eq(courseMessages.organizationId, organizationId), eq(courseMessages.courseId, courseId)));
  if (!message) throw new DomainError('MESSAGE_NOT_FOUND', messageId);
  const rows = await db
    .select({ recipient: courseMessageRecipients, outboxStatus: outboxMessages.status, sentAt: outboxMessages.sentAt })
    .from(courseMessageRecipients)
    .leftJoin(outboxMessages, eq(outboxMessages.id, courseMessageRecipients.outboxMessageId))
    .where(and(eq(courseMessageRecipients.messageId, message.id), eq(courseMessageRecipients.organizationId, organizationId)))
    .orderBy(asc(courseMessageRecipients.position));
  const recipients: MessageRecipientRow[] = rows.map(({ recipient, outboxStatus, sentAt }) => ({
    id: recipient.id,
    registrationId: recipient.registrationId,
    name: recipient.name,
    email: recipient.email,
    status: recipientStatus(recipient.queuedAt !== null, outboxStatus),
    queuedAt: recipient.queuedAt,
    sentAt,
  }));
  const counts = Object.fromEntries(['waiting', 'queued', 'sent', 'failed', 'bounced'].map((s) => [s, recipients.filter((r) => r.status === s).length])) as Record<RecipientStatus, number>;
  return { message, recipients, counts };
}

/** The course messages sent to one person in the organization (their record), newest first, by registration or account. */
export async function findPersonMessages(db: DbOrTx, organizationId: string, where: { userId?: string; registrationId?: string }) {
  const filters = [eq(courseMessageRecipients.organizationId, organizationId)];
  if (where.userId) filters.push(eq(courseMessageRecipients.userId, where.userId));
  if (where.registrationId) filters.push(eq(courseMessageRecipients.registrationId, where.registrationId));
  if (!where.userId && !where.registrationId) return [];
  const rows = await db
    .select({
      messageId: courseMessages.id,
      courseId: courses.id,
      courseTitle: courses.title,
      subject: courseMessages.subject,
      queuedAt: courseMessageRecipients.queuedAt,
      outboxStatus: outboxMessages.status,
      sentAt: outboxMessages.sentAt,
      createdAt: courseMessages.createdAt,
    })
    .from(courseMessageRecipients)
    .innerJoin(courseMessages, eq(courseMessages.id, courseMessageRecipients.messageId))
    .innerJoin(courses, eq(courses.id, courseMessages.courseId))
    .leftJoin(outboxMessages, eq(outboxMessages.id, courseMessageRecipients.outboxMessageId))
    .where(and(...filters))
    .orderBy(desc(courseMessages.createdAt));
  return rows.map((r) => ({ ...r, status: recipientStatus(r.queuedAt !== null, r.outboxStatus) }));
}
