// The words a registrant and a treasurer read: the acknowledgment states what was received
// when, what was paid and what comes back by when; the CSV keeps spreadsheet formulas inert.
import { describe, expect, test } from 'vitest';
import { getTemplateDefinition } from '#domain/email-templates/registry.ts';
import { emailTemplates } from '#domain/email-templates/templates.ts';
import { cancellationOutcome } from '#domain/money/policy.ts';
import { cancellationAcknowledgment, courseCancelledEmail, refundReminderEmail } from './emails.ts';
import { REFUND_CSV_COLUMNS, refundsCsv, type RefundRow } from './find-refunds.server.ts';

const common = {
  orgName: 'American Balint Society',
  orgSlug: 'abs',
  publicUrl: 'https://hub.example.org',
  name: 'Avery',
  course: { title: 'Leadership Intensive', startsOn: '2025-04-23', endsOn: '2025-04-26' },
  currency: 'USD',
};

describe('cancellation acknowledgment', () => {
  test('before the deadline: received date and channel, paid, fee, refund and due date', () => {
    const outcome = cancellationOutcome({ paidMinor: 90000, feeMinor: 10000, cancellationDeadline: '2025-03-12', receivedOn: '2025-03-12', cause: 'registrant' });
    const mail = cancellationAcknowledgment({ ...common, channel: 'letter', receivedOn: '2025-03-12', outcome, dueOn: '2025-04-11', deadline: '2025-03-12' });
    expect(mail.subject).toBe('Cancellation received: Leadership Intensive');
    expect(mail.text).toContain('on March 12, 2025, by letter');
    expect(mail.text).toContain('Paid for this registration: $900.');
    expect(mail.text).toContain('The administrative fee of $100 is withheld. Your refund of $800 will be made by April 11, 2025.');
    expect(mail.text).toContain('https://hub.example.org/o/abs/registrations');
  });

  test('after the deadline: no refund, the deadline named, nothing more owed', () => {
    const outcome = cancellationOutcome({ paidMinor: 90000, feeMinor: 10000, cancellationDeadline: '2025-03-12', receivedOn: '2025-03-13', cause: 'registrant' });
    const mail = cancellationAcknowledgment({ ...common, channel: 'online', receivedOn: '2025-03-13', outcome, dueOn: '2025-04-12', deadline: '2025-03-12' });
    expect(mail.text).toContain('No refund: your cancellation was received after the cancellation deadline of March 12, 2025.');
    expect(mail.text).toContain('Nothing more is owed for this registration.');
    expect(mail.text).not.toContain('will be made by');
  });

  test('a fee that takes all that was paid, and nothing paid at all', () => {
    const small = cancellationOutcome({ paidMinor: 5000, feeMinor: 10000, cancellationDeadline: '2025-03-12', receivedOn: '2025-03-01', cause: 'registrant' });
    expect(cancellationAcknowledgment({ ...common, channel: 'email', receivedOn: '2025-03-01', outcome: small, dueOn: '2025-03-31', deadline: '2025-03-12' }).text).toContain(
      'withholds $50, all that was paid: no refund is due',
    );
    const none = cancellationOutcome({ paidMinor: 0, feeMinor: 10000, cancellationDeadline: '2025-03-12', receivedOn: '2025-03-01', cause: 'registrant' });
    expect(cancellationAcknowledgment({ ...common, channel: 'email', receivedOn: '2025-03-01', outcome: none, dueOn: '2025-03-31', deadline: '2025-03-12' }).text).toContain(
      'Nothing was paid, so nothing is refunded.',
    );
  });

  test('course cancelled: reason and full refund; waitlist place ended', () => {
    const paid = courseCancelledEmail({ ...common, reason: 'Too few registrations', refundMinor: 45000, dueOn: '2025-04-19', waitlisted: false });
    expect(paid.text).toContain('Reason: Too few registrations');
    expect(paid.text).toContain('Everything you paid, $450, will be refunded by April 19, 2025.');
    expect(courseCancelledEmail({ ...common, reason: 'x', refundMinor: 0, dueOn: '2025-04-19', waitlisted: true }).text).toContain('Your place on the waitlist has ended.');
  });

  test('the reminder lists each refund and flags the overdue ones', () => {
    const mail = refundReminderEmail({
      orgName: 'ABS',
      orgSlug: 'abs',
      publicUrl: 'https://hub.example.org',
      items: [
        { name: 'A', course: 'C', amountMinor: 80000, currency: 'USD', dueOn: '2025-04-11', overdue: true },
        { name: 'B', course: 'C', amountMinor: 10000, currency: 'USD', dueOn: '2025-04-14', overdue: false },
      ],
    });
    expect(mail.subject).toBe('Refunds to make: 2 due soon or overdue (1 overdue)');
    expect(mail.text).toContain('A, C: $800 OVERDUE since April 11, 2025');
    expect(mail.text).toContain('B, C: $100 due by April 14, 2025');
    expect(mail.text).toContain('https://hub.example.org/o/abs/admin/refunds');
  });

  test('the reminder uses the organization’s words when it has them; the list of refunds stays', () => {
    const templates = emailTemplates(new Map([['refunds.reminder', { subject: '{{org}}: refunds to pay ({{count}}, {{overdue}} late)', body: 'Refunds to pay, {{overdue}} of them late:' }]]));
    const facts = {
      orgName: 'ABS',
      orgSlug: 'abs',
      publicUrl: 'https://hub.example.org',
      items: [
        { name: 'A', course: 'C', amountMinor: 80000, currency: 'USD', dueOn: '2025-04-11', overdue: true },
        { name: 'B', course: 'C', amountMinor: 10000, currency: 'USD', dueOn: '2025-04-14', overdue: false },
      ],
    };
    expect(refundReminderEmail(facts).text).toContain('Refunds due within three days or overdue: 2 (1 overdue).');
    const own = refundReminderEmail({ ...facts, templates });
    expect(own.subject).toBe('ABS: refunds to pay (2, 1 late)');
    expect(own.text).toContain('Refunds to pay, 1 of them late:');
    expect(own.text).not.toContain('within three days');
    expect(own.text).toContain('A, C: $800 OVERDUE since April 11, 2025');
    expect(own.text).toContain('B, C: $100 due by April 14, 2025');
    expect(own.text).toContain('https://hub.example.org/o/abs/admin/refunds');
    // Essential: owed money with a due date, often sent to the organization's shared address.
    expect(getTemplateDefinition('refunds.reminder').essential).toBe(true);
  });
});

test('refunds CSV: header, major units, formula cells neutralized', () => {
  const row: RefundRow = {
    id: 'r',
    registrationId: 'g',
    courseId: 'c',
    timeZone: 'America/Los_Angeles',
    courseTitle: 'Intensive',
    name: '=HYPERLINK("x")',
    email: 'a@example.org',
    reason: 'cancellation',
    status: 'due',
    amountMinor: 80050,
    currency: 'USD',
    dueOn: '2025-04-11',
    overdue: true,
    method: null,
    reference: '',
    completedOn: null,
    failureMessage: null,
    note: '',
    hasCancellation: true,
        seriesEnrollmentId: null,
        seriesId: null,
    cardRefundable: false,
  };
  const headers = Object.fromEntries(REFUND_CSV_COLUMNS.map((c) => [c, c])) as Record<(typeof REFUND_CSV_COLUMNS)[number], string>;
  const csv = refundsCsv([row], headers, { reason: (r) => r.toUpperCase(), status: (s) => s });
  const [head, line] = csv.split('\r\n');
  expect(head).toBe(REFUND_CSV_COLUMNS.join(','));
  expect(line).toBe(`"'=HYPERLINK(""x"")",a@example.org,Intensive,CANCELLATION,800.50,USD,2025-04-11,due,yes,,,`);
});
