// A staff member answers the requester from Balint Hub: the reply goes through the outbox and
// is recorded on the inquiry's timeline with the message it became. A reply to a new inquiry
// puts it in discussion.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { replyEmail } from './emails.ts';
import { lockInquiry, mailContext, recordInquiryEvent } from './inquiry-records.server.ts';

export async function replyToInquiry(
  db: DbOrTx,
  input: { organizationId: string; inquiryId: string; body: string },
  actor: Actor & { userId: string },
  options: { publicUrl: string },
): Promise<{ emailIds: string[] }> {
  return db.transaction(async (tx) => {
    const inquiry = await lockInquiry(tx, input.organizationId, input.inquiryId);
    const [staff] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId));
    if (!staff) throw new Error('the replying staff member has no account');
    const context = await mailContext(tx, inquiry.organizationId, options.publicUrl);
    const email = replyEmail({ kind: inquiry.kind, requesterName: inquiry.requesterName, body: input.body, staffName: staff.name, staffEmail: staff.email }, context);
    const messageId = await queueEmail(tx, { organizationId: inquiry.organizationId, kind: 'inquiry.reply', to: inquiry.requesterEmail, ...email });
    await recordInquiryEvent(tx, inquiry, actor, { kind: 'reply', body: input.body, outboxMessageId: messageId });
    if (inquiry.status === 'new') {
      await tx.update(inquiries).set({ status: 'in_discussion' }).where(eq(inquiries.id, inquiry.id));
      await recordInquiryEvent(tx, inquiry, actor, { kind: 'status', fromValue: 'new', toValue: 'in_discussion' });
    }
    return { emailIds: [messageId] };
  });
}
