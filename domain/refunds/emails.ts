// The words of the refunds capability's emails: pure, so tests read them without a database.
import type { CancellationChannel, CancellationOutcome } from '#db/schema/money.ts';
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

interface Common {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  course: { title: string; startsOn: string; endsOn: string };
  currency: string;
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

function myRegistrations(facts: Common) {
  return { label: t('refundsEmail.myRegistrations'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations` };
}

/** The acknowledgment of a written cancellation: what was received when, and what it means for the money. */
export function cancellationAcknowledgment(
  facts: Common & { channel: CancellationChannel; receivedOn: string; outcome: CancellationOutcome; dueOn: string; deadline: string | null },
): ComposedEmail {
  const money = (minor: number) => formatMoney(minor, facts.currency);
  const { outcome } = facts;
  const values = {
    course: facts.course.title,
    dates: formatDateRange(facts.course.startsOn, facts.course.endsOn),
    receivedOn: formatDate(facts.receivedOn),
    channel: t(`refunds.channel_${facts.channel}`),
    paid: money(outcome.paidMinor),
    fee: money(outcome.retainedMinor),
    refund: money(outcome.refundMinor),
    dueOn: formatDate(facts.dueOn),
    deadline: facts.deadline ? formatDate(facts.deadline) : '',
  };
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = [...templates.body('refunds.cancellation_acknowledged', values), t('refundsEmail.ack.paid', values)];
  if (outcome.rule === 'after_deadline') paragraphs.push(t('refundsEmail.ack.afterDeadline', values));
  else if (outcome.paidMinor === 0) paragraphs.push(t('refundsEmail.ack.nothingPaid', values));
  else if (outcome.refundMinor === 0) paragraphs.push(t('refundsEmail.ack.feeTakesAll', values));
  else if (outcome.retainedMinor > 0) paragraphs.push(t('refundsEmail.ack.feeAndRefund', values));
  else paragraphs.push(t('refundsEmail.ack.refund', values));
  paragraphs.push(t('refundsEmail.ack.nothingMoreOwed'));
  return composeEmail({
    subject: templates.subject('refunds.cancellation_acknowledged', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: myRegistrations(facts),
    signature: facts.orgName,
  });
}

/** The words both organizer cancellations (a course, one registration) fill in. */
function organizerValues(facts: Common & { reason: string; refundMinor: number; dueOn: string }) {
  return {
    org: facts.orgName,
    course: facts.course.title,
    dates: formatDateRange(facts.course.startsOn, facts.course.endsOn),
    reason: facts.reason,
    refund: formatMoney(facts.refundMinor, facts.currency),
    dueOn: formatDate(facts.dueOn),
  };
}

/** The organizer cancelled the course: everything paid comes back (or the waitlist place ends). */
export function courseCancelledEmail(facts: Common & { reason: string; refundMinor: number; dueOn: string; waitlisted: boolean }): ComposedEmail {
  const values = organizerValues(facts);
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = [...templates.body('refunds.course_cancelled', values), t('refundsEmail.courseCancelled.reason', values)];
  if (facts.waitlisted) paragraphs.push(t('refundsEmail.courseCancelled.waitlist', values));
  if (facts.refundMinor > 0) paragraphs.push(t('refundsEmail.courseCancelled.refund', values));
  else paragraphs.push(t('refundsEmail.courseCancelled.nothingPaid', values));
  return composeEmail({
    subject: templates.subject('refunds.course_cancelled', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: myRegistrations(facts),
    signature: facts.orgName,
  });
}

/** The organizer cancelled this one registration: the reason, and everything paid comes back. */
export function organizerCancelledEmail(facts: Common & { reason: string; refundMinor: number; dueOn: string }): ComposedEmail {
  const values = organizerValues(facts);
  const templates = facts.templates ?? defaultEmailTemplates;
  return composeEmail({
    subject: templates.subject('refunds.registration_cancelled_by_organizer', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs: [
      ...templates.body('refunds.registration_cancelled_by_organizer', values),
      t('refundsEmail.organizerCancelled.reason', values),
      t(facts.refundMinor > 0 ? 'refundsEmail.organizerCancelled.refund' : 'refundsEmail.organizerCancelled.nothingPaid', values),
    ],
    action: myRegistrations(facts),
    signature: facts.orgName,
  });
}

/** Staff changed the refund of a cancellation. */
export function overrideEmail(facts: Common & { refundMinor: number; dueOn: string; reason: string }): ComposedEmail {
  const values = { course: facts.course.title, refund: formatMoney(facts.refundMinor, facts.currency), dueOn: formatDate(facts.dueOn), reason: facts.reason };
  const templates = facts.templates ?? defaultEmailTemplates;
  // No refund at all keeps the catalog's words: a reworded "your refund is now …" would misstate it.
  const body = facts.refundMinor > 0 ? templates.body('refunds.cancellation_overridden', values) : [t('refundsEmail.override.none', values)];
  return composeEmail({
    subject: templates.subject('refunds.cancellation_overridden', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs: [...body, t('refundsEmail.override.reason', values)],
    action: myRegistrations(facts),
    signature: facts.orgName,
  });
}

export interface ReminderItem {
  name: string;
  course: string;
  amountMinor: number;
  currency: string;
  dueOn: string;
  overdue: boolean;
}

/** The daily note to the organization about refunds due soon or overdue. */
export function refundReminderEmail(facts: { orgName: string; orgSlug: string; publicUrl: string; items: ReminderItem[]; templates?: EmailTemplates }): ComposedEmail {
  const overdue = facts.items.filter((i) => i.overdue).length;
  // The default wording reads right for any count (ADR 0069): the template has no plurals.
  const values = { org: facts.orgName, count: facts.items.length, overdue };
  const templates = facts.templates ?? defaultEmailTemplates;
  // The list of refunds is the frame: a template rewords the note, never drops or misstates an amount.
  const lines = facts.items.map((i) =>
    t(i.overdue ? 'refundsEmail.reminder.lineOverdue' : 'refundsEmail.reminder.line', {
      name: i.name,
      course: i.course,
      amount: formatMoney(i.amountMinor, i.currency),
      dueOn: formatDate(i.dueOn),
    }),
  );
  return composeEmail({
    subject: templates.subject('refunds.reminder', values),
    greeting: t('refundsEmail.reminder.greeting'),
    paragraphs: [...templates.body('refunds.reminder', values), ...lines],
    action: { label: t('refundsEmail.reminder.open'), url: `${facts.publicUrl}/o/${facts.orgSlug}/admin/refunds` },
    signature: facts.orgName,
  });
}
