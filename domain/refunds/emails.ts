// The words of the refunds capability's emails: pure, so tests read them without a database.
import type { CancellationChannel, CancellationOutcome } from '#db/schema/money.ts';
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
  const paragraphs = [t('refundsEmail.ack.received', values), t('refundsEmail.ack.paid', values)];
  if (outcome.rule === 'after_deadline') paragraphs.push(t('refundsEmail.ack.afterDeadline', values));
  else if (outcome.paidMinor === 0) paragraphs.push(t('refundsEmail.ack.nothingPaid', values));
  else if (outcome.refundMinor === 0) paragraphs.push(t('refundsEmail.ack.feeTakesAll', values));
  else if (outcome.retainedMinor > 0) paragraphs.push(t('refundsEmail.ack.feeAndRefund', values));
  else paragraphs.push(t('refundsEmail.ack.refund', values));
  paragraphs.push(t('refundsEmail.ack.nothingMoreOwed'));
  return composeEmail({
    subject: t('refundsEmail.ack.subject', values),
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
  const paragraphs = [t('refundsEmail.courseCancelled.body', values), t('refundsEmail.courseCancelled.reason', values)];
  if (facts.waitlisted) paragraphs.push(t('refundsEmail.courseCancelled.waitlist', values));
  if (facts.refundMinor > 0) paragraphs.push(t('refundsEmail.courseCancelled.refund', values));
  else paragraphs.push(t('refundsEmail.courseCancelled.nothingPaid', values));
  return composeEmail({
    subject: t('refundsEmail.courseCancelled.subject', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: myRegistrations(facts),
    signature: facts.orgName,
  });
}

/** The organizer cancelled this one registration: the reason, and everything paid comes back. */
export function organizerCancelledEmail(facts: Common & { reason: string; refundMinor: number; dueOn: string }): ComposedEmail {
  const values = organizerValues(facts);
  return composeEmail({
    subject: t('refundsEmail.organizerCancelled.subject', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs: [
      t('refundsEmail.organizerCancelled.body', values),
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
  return composeEmail({
    subject: t('refundsEmail.override.subject', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs: [t(facts.refundMinor > 0 ? 'refundsEmail.override.body' : 'refundsEmail.override.none', values), t('refundsEmail.override.reason', values)],
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
export function refundReminderEmail(facts: { orgName: string; orgSlug: string; publicUrl: string; items: ReminderItem[] }): ComposedEmail {
  const overdue = facts.items.filter((i) => i.overdue).length;
  const lines = facts.items.map((i) =>
    t(i.overdue ? 'refundsEmail.reminder.lineOverdue' : 'refundsEmail.reminder.line', {
      name: i.name,
      course: i.course,
      amount: formatMoney(i.amountMinor, i.currency),
      dueOn: formatDate(i.dueOn),
    }),
  );
  return composeEmail({
    subject: t('refundsEmail.reminder.subject', { count: facts.items.length, overdue }),
    greeting: t('refundsEmail.reminder.greeting'),
    paragraphs: [t('refundsEmail.reminder.body', { count: facts.items.length, overdue }), ...lines],
    action: { label: t('refundsEmail.reminder.open'), url: `${facts.publicUrl}/o/${facts.orgSlug}/admin/refunds` },
    signature: facts.orgName,
  });
}
