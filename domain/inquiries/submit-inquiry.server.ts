// A visitor's inquiry from the public site: stored as new, its timeline begun, the requester
// acknowledged and the organization's inquiry staff told, all in one transaction; the mail is
// delivered after commit (the caller hands the ids to the job queue).
import type { DbOrTx } from '#db/client.server.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { nonEssentialParts } from '#domain/email-templates/unsubscribe-link.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { acknowledgmentEmail, staffNoticeEmail } from './emails.ts';
import { findInquiryStaff } from './find-inquiry-staff.server.ts';
import type { InquiryFields } from './inquiry-form.ts';
import { mailContext, recordInquiryEvent } from './inquiry-records.server.ts';

function columns(input: InquiryFields) {
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  switch (input.kind) {
    case 'speaker': {
      const f = input.fields;
      return {
        requesterName: f.name,
        requesterEmail: f.email,
        groupName: f.groupName,
        speakerFormat: f.speakerFormat,
        audience: f.audience,
        audienceSize: f.audienceSize,
        preferredDates: f.preferredDates,
        attendance: f.attendance,
        location: blank(f.location),
        message: f.message,
      };
    }
    case 'intensive_on_the_road': {
      const f = input.fields;
      return {
        requesterName: f.name,
        requesterEmail: f.email,
        requesterPhone: blank(f.phone),
        groupName: f.groupName,
        location: f.location,
        preferredDates: f.preferredDates,
        leadersToTrain: f.leadersToTrain,
        message: f.message,
      };
    }
    case 'general': {
      const f = input.fields;
      return { requesterName: f.name, requesterEmail: f.email, subject: blank(f.subject), message: f.message };
    }
  }
}

export async function submitInquiry(
  db: DbOrTx,
  input: InquiryFields & { organizationId: string },
  actor: Actor,
  /** `secretKey`: the deployment's root secret, for the staff notice's unsubscribe link. */
  options: { publicUrl: string; secretKey: Buffer },
): Promise<{ inquiryId: string; emailIds: string[] }> {
  return db.transaction(async (tx) => {
    const [inquiry] = await tx
      .insert(inquiries)
      .values({ organizationId: input.organizationId, kind: input.kind, status: 'new', ...columns(input) })
      .returning();
    if (!inquiry) throw new Error('inquiry insert returned no row');
    const context = { ...(await mailContext(tx, input.organizationId, options.publicUrl)), templates: await loadEmailTemplates(tx, input.organizationId) };
    const link = { publicUrl: options.publicUrl, organizationId: inquiry.organizationId, orgSlug: context.orgSlug, secretKey: options.secretKey };
    const ackId = await queueEmail(tx, { organizationId: inquiry.organizationId, kind: 'inquiry.acknowledgment', to: inquiry.requesterEmail, ...acknowledgmentEmail(inquiry.kind, context) });
    await recordInquiryEvent(tx, inquiry, { userId: null, requestId: actor.requestId }, { kind: 'received', outboxMessageId: ackId });
    const emailIds = [ackId];
    for (const person of await findInquiryStaff(tx, inquiry.organizationId)) {
      const { unsubscribe, listUnsubscribe } = nonEssentialParts(link, person.email);
      emailIds.push(await queueEmail(tx, { organizationId: inquiry.organizationId, kind: 'inquiry.staff_notice', to: person.email, listUnsubscribe, ...staffNoticeEmail(inquiry, person.name, context, unsubscribe) }));
    }
    return { inquiryId: inquiry.id, emailIds };
  });
}
