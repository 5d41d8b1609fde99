// The mail an inquiry causes: the requester's acknowledgment, the notice to the organization's
// staff, and a staff member's reply. The acknowledgment repeats nothing the requester typed
// (not even the name): otherwise the form would let anyone send words of their choosing, from
// the society's address, to any address (ADR 0060).
import type { InquiryKind } from '#db/schema/inquiries.ts';
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { t } from '#lib/i18n.ts';

export interface InquiryMailContext {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

export function kindLabel(kind: InquiryKind): string {
  return t(`inquiries.kind_${kind}`);
}

export function acknowledgmentEmail(kind: InquiryKind, context: InquiryMailContext): ComposedEmail {
  const values = { org: context.orgName, kind: kindLabel(kind).toLowerCase() };
  const templates = context.templates ?? defaultEmailTemplates;
  return composeEmail({
    subject: templates.subject('inquiry.acknowledgment', values),
    greeting: t('inquiriesEmail.ackGreeting'),
    paragraphs: [...templates.body('inquiry.acknowledgment', values), t('inquiriesEmail.ackNext', values), t('inquiriesEmail.ackNotYou', values)],
    signature: context.orgName,
  });
}

/** Non-essential (ADR 0069): staff see every inquiry in the back office; `unsubscribe` is its footer. */
export function staffNoticeEmail(
  inquiry: { id: string; kind: InquiryKind; requesterName: string; groupName: string | null },
  staffName: string,
  context: InquiryMailContext,
  unsubscribe?: { notice: string; url: string },
): ComposedEmail {
  const values = { org: context.orgName, kind: kindLabel(inquiry.kind), name: inquiry.requesterName, group: inquiry.groupName ?? '' };
  const templates = context.templates ?? defaultEmailTemplates;
  return composeEmail({
    subject: templates.subject('inquiry.staff_notice', values),
    greeting: t('email.greeting', { name: staffName }),
    paragraphs: templates.body('inquiry.staff_notice', values, inquiry.groupName ? 'inquiriesEmail.staffBodyGroup' : 'inquiriesEmail.staffBody'),
    action: { label: t('inquiriesEmail.staffAction'), url: `${context.publicUrl}/o/${context.orgSlug}/admin/inquiries/${inquiry.id}` },
    signature: 'Balint Hub',
    ...(unsubscribe ? { unsubscribe } : {}),
  });
}

/** A staff member's reply: their words, then where to answer them. */
export function replyEmail(input: { kind: InquiryKind; requesterName: string; body: string; staffName: string; staffEmail: string }, context: InquiryMailContext): ComposedEmail {
  const values = { org: context.orgName, kind: kindLabel(input.kind).toLowerCase() };
  const paragraphs = input.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  paragraphs.push(t('inquiriesEmail.replyAnswer', { name: input.staffName, email: input.staffEmail }));
  return composeEmail({
    subject: t('inquiriesEmail.replySubject', values),
    greeting: t('email.greeting', { name: input.requesterName }),
    paragraphs,
    signature: t('inquiriesEmail.replySignature', { name: input.staffName, org: context.orgName }),
  });
}
