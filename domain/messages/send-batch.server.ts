// The sending job's work (ADR 0067). Two steps, each in its own transaction:
// 1. scheduled messages that are due have their recipients frozen, once (the message row is
//    claimed with FOR UPDATE SKIP LOCKED and leaves the `scheduled` state in the same commit);
// 2. a batch of recipients not yet handed over is claimed with FOR UPDATE SKIP LOCKED, each one
//    rendered and written to the outbox, and marked queued in the SAME transaction. A process
//    killed halfway loses only an uncommitted batch (nobody in it was handed over), so the next
//    run resumes with exactly the rest, and nobody is sent the message twice.
// The rate is one budget for the whole deployment (the SMTP provider's limit): recipients
// handed over in the last minute count against it, read under a transaction-scoped advisory
// lock so two workers never spend the same budget.
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { courseMessageRecipients, courseMessages } from '#db/schema/messages.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { locksDisabledForTest, racePoint } from '#db/test-hooks.server.ts';
import { findMatchingRecipients } from './recipients.server.ts';
import { renderCourseMessage } from './render.ts';
import { freezeRecipients, getReplyTo, MESSAGE_KIND } from './write-message.server.ts';

/** Advisory lock key of the sending budget ("course-messages.rate"). */
const RATE_LOCK = 0x6d736772;

export interface SendOptions {
  publicUrl: string;
  /** Recipients handed to the outbox per minute, across the deployment. */
  perMinute: number;
  now?: Date;
  /** Recipients per transaction (default 50): a batch is all or nothing, so a small one loses little to a crash. */
  batchSize?: number;
  /** Called after each recipient is written, inside the batch's transaction (tests slow a batch down to kill it halfway). */
  afterRecipient?: (recipientId: string) => Promise<void>;
}

/** Freezes the recipients of scheduled messages that are due; returns how many messages it froze. */
export async function freezeDueMessages(db: Db, now: Date = new Date()): Promise<number> {
  let frozen = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [message] = await tx
        .select()
        .from(courseMessages)
        .where(and(eq(courseMessages.state, 'scheduled'), lte(courseMessages.sendAt, now)))
        .orderBy(asc(courseMessages.sendAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!message) return true;
      const recipients = await findMatchingRecipients(tx, message.organizationId, message.courseId, message.filter);
      await freezeRecipients(tx, message, recipients);
      await tx
        .update(courseMessages)
        .set(recipients.length > 0 ? { state: 'sending', frozenAt: now } : { state: 'sent', frozenAt: now, completedAt: now })
        .where(eq(courseMessages.id, message.id));
      return false;
    });
    if (done) return frozen;
    frozen++;
  }
}

/** Hands one batch (at most what the rate allows now) to the outbox; returns the outbox ids to deliver. */
export async function sendNextBatch(db: Db, options: SendOptions): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Test-only negative control (db/test-hooks.server.ts): without the locks two senders claim the same people.
    const locks = !locksDisabledForTest();
    if (locks) await tx.execute(sql`select pg_advisory_xact_lock(${RATE_LOCK})`);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(courseMessageRecipients)
      .where(sql`${courseMessageRecipients.queuedAt} > now() - interval '1 minute'`);
    const budget = options.perMinute - (recent?.n ?? 0);
    if (budget <= 0) return [];
    const query = tx
      .select({ recipient: courseMessageRecipients, message: courseMessages, course: courses, org: { slug: organizations.slug, name: organizations.name } })
      .from(courseMessageRecipients)
      .innerJoin(courseMessages, eq(courseMessages.id, courseMessageRecipients.messageId))
      .innerJoin(courses, eq(courses.id, courseMessages.courseId))
      .innerJoin(organizations, eq(organizations.id, courseMessages.organizationId))
      .where(and(isNull(courseMessageRecipients.queuedAt), eq(courseMessages.state, 'sending')))
      .orderBy(asc(courseMessages.frozenAt), asc(courseMessageRecipients.messageId), asc(courseMessageRecipients.position))
      .limit(Math.min(budget, options.batchSize ?? 50));
    const claimed = locks ? await query.for('update', { of: courseMessageRecipients, skipLocked: true }) : await query;
    await racePoint('messages.claimed');
    const balances = await registrationBalances(
      tx,
      claimed.map((c) => c.recipient.registrationId),
    );
    const replyTos = new Map<string, string | null>();
    const ids: string[] = [];
    for (const { recipient, message, course, org } of claimed) {
      if (!replyTos.has(course.id)) replyTos.set(course.id, await getReplyTo(tx, message.organizationId, course.id));
      const replyTo = replyTos.get(course.id);
      const email = renderCourseMessage(message, {
        publicUrl: options.publicUrl,
        org,
        course,
        recipient: { name: recipient.name, balanceMinor: balances.get(recipient.registrationId)?.balanceMinor ?? 0, currency: course.currency },
      });
      const outboxId = await queueEmail(tx, { organizationId: message.organizationId, kind: MESSAGE_KIND, to: recipient.email, ...(replyTo ? { replyTo } : {}), ...email });
      await tx.update(courseMessageRecipients).set({ outboxMessageId: outboxId, queuedAt: sql`now()` }).where(eq(courseMessageRecipients.id, recipient.id));
      ids.push(outboxId);
      if (options.afterRecipient) await options.afterRecipient(recipient.id);
    }
    // Messages with nobody left to hand over are done.
    const touched = [...new Set(claimed.map((c) => c.message.id))];
    if (touched.length > 0) {
      await tx
        .update(courseMessages)
        .set({ state: 'sent', completedAt: sql`now()` })
        .where(
          and(
            inArray(courseMessages.id, touched),
            sql`not exists (select 1 from course_message_recipients r where r.message_id = course_messages.id and r.queued_at is null)`,
          ),
        );
    }
    return ids;
  });
}

/** One run of the job: due scheduled messages frozen, then one rate-limited batch. */
export async function runCourseMessages(db: Db, options: SendOptions): Promise<string[]> {
  await freezeDueMessages(db, options.now);
  return sendNextBatch(db, options);
}
