// Every automated message Balint Hub sends, by its outbox kind: where its default subject and
// body come from (the message catalog), the placeholders it offers, and whether it is essential
// (ADR 0069). To add a message kind, add one entry to REGISTRY and render it with
// `templates.subject(kind, values)` / `templates.body(kind, values)` in its builder.
import { en } from '#lib/i18n/en.ts';

export type EmailTemplateGroup = 'accounts' | 'directory' | 'registration' | 'series' | 'inquiries' | 'credit' | 'small_groups' | 'aid' | 'refunds' | 'billing' | 'membership';

export interface EmailTemplateDefinition {
  /** The outbox kind (`registration.accepted`): the key of the template and of its overrides. */
  kind: string;
  group: EmailTemplateGroup;
  /** Catalog keys of the default subject and body (`{{placeholder}}` syntax). */
  subjectKey: string;
  bodyKey: string;
  /** Placeholder names the template may use (described in PLACEHOLDERS). */
  placeholders: readonly string[];
  /**
   * Essential (transactional) messages always go out: registration status, receipts, credentials.
   * Non-essential ones carry an unsubscribe link and are skipped for addresses that unsubscribed.
   */
  essential: boolean;
  /** Carries a credential (a link that acts as the recipient). The link is outside the editable body. */
  credential?: boolean;
}

/** What staff read about a placeholder, and the value the preview uses. */
export const PLACEHOLDERS: Record<string, { sample: string }> = {
  course: { sample: 'Leadership Training Intensive' },
  dates: { sample: 'April 23–26, 2026' },
  amount: { sample: '$1,450.00' },
  category: { sample: 'Physician' },
  tier: { sample: 'early rate' },
  position: { sample: '3' },
  until: { sample: 'April 2, 2026 at 5:00:00 PM PDT' },
  hours: { sample: '48' },
  reason: { sample: 'Your role was recorded as trainee' },
  status: { sample: 'Accepted' },
  series: { sample: 'Monday evening group, autumn' },
  group: { sample: 'Spokane online group' },
  first: { sample: 'October 5, 2026' },
  org: { sample: 'American Balint Society' },
  price: { sample: '$240.00' },
  minimum: { sample: '6' },
  decideBy: { sample: 'September 20, 2026' },
  signUps: { sample: '4' },
  refund: { sample: '$240.00' },
  dueOn: { sample: 'October 1, 2026' },
  kind: { sample: 'question' },
  name: { sample: 'Alex Rivera' },
  requested: { sample: '$600.00' },
  awarded: { sample: '$400.00' },
  receivedOn: { sample: 'March 2, 2026' },
  channel: { sample: 'by email' },
  paid: { sample: '$1,450.00' },
  fee: { sample: '$100.00' },
  deadline: { sample: 'March 23, 2026' },
  number: { sample: 'ABS-2026-0042' },
  date: { sample: 'March 2, 2026' },
  method: { sample: 'check' },
  email: { sample: 'alex.rivera@example.org' },
  why: { sample: 'financial aid of $400.00 was awarded for Leadership Training Intensive' },
  type: { sample: 'Regular' },
  from: { sample: 'January 1, 2026' },
  to: { sample: 'December 31, 2026' },
  graceEnd: { sample: 'January 30, 2027' },
  count: { sample: '3' },
  pending: { sample: '3 applications await' },
  overdue: { sample: '1' },
};

const REGISTRATION_COMMON = ['course', 'dates', 'amount', 'category', 'tier'] as const;
const REGISTRATION_KINDS: { kind: string; extra: string[] }[] = [
  { kind: 'received', extra: [] },
  { kind: 'waitlisted', extra: ['position', 'hours'] },
  { kind: 'accepted', extra: [] },
  { kind: 'declined', extra: [] },
  { kind: 'movedToWaitlist', extra: ['position'] },
  { kind: 'offered', extra: ['until', 'hours'] },
  { kind: 'offerExpired', extra: ['position'] },
  { kind: 'withdrawn', extra: [] },
  { kind: 'categoryChanged', extra: ['reason'] },
  { kind: 'holdExpired', extra: [] },
  { kind: 'alreadyApplied', extra: ['status'] },
  { kind: 'confirmationLapsed', extra: ['hours'] },
];

const SERIES_COMMON = ['series', 'group', 'first', 'org'] as const;

export const REGISTRY: readonly EmailTemplateDefinition[] = [
  ...REGISTRATION_KINDS.map(({ kind, extra }) => ({
    kind: `registration.${kind}`,
    group: 'registration' as const,
    subjectKey: `registrationEmail.${kind}.subject`,
    bodyKey: `registrationEmail.${kind}.body`,
    placeholders: [...REGISTRATION_COMMON, ...extra],
    essential: true,
  })),
  {
    kind: 'registration.confirm',
    group: 'registration',
    subjectKey: 'registrationEmail.confirm.subject',
    bodyKey: 'registrationEmail.confirm.body',
    placeholders: [...REGISTRATION_COMMON, 'position', 'hours', 'until', 'status'],
    essential: true,
    credential: true,
  },
  { kind: 'refunds.cancellation_acknowledged', group: 'refunds', subjectKey: 'refundsEmail.ack.subject', bodyKey: 'refundsEmail.ack.received', placeholders: ['course', 'dates', 'receivedOn', 'channel', 'paid', 'fee', 'refund', 'dueOn', 'deadline'], essential: true },
  { kind: 'refunds.course_cancelled', group: 'refunds', subjectKey: 'refundsEmail.courseCancelled.subject', bodyKey: 'refundsEmail.courseCancelled.body', placeholders: ['org', 'course', 'dates', 'reason', 'refund', 'dueOn'], essential: true },
  { kind: 'refunds.registration_cancelled_by_organizer', group: 'refunds', subjectKey: 'refundsEmail.organizerCancelled.subject', bodyKey: 'refundsEmail.organizerCancelled.body', placeholders: ['org', 'course', 'dates', 'reason', 'refund', 'dueOn'], essential: true },
  { kind: 'refunds.cancellation_overridden', group: 'refunds', subjectKey: 'refundsEmail.override.subject', bodyKey: 'refundsEmail.override.body', placeholders: ['course', 'refund', 'dueOn', 'reason'], essential: true },
  // The daily note to staff about refunds due within three days or overdue: essential — a refund
  // is owed money with a due date, and the recipient is often the organization's shared address.
  { kind: 'refunds.reminder', group: 'refunds', subjectKey: 'refundsEmail.reminder.subject', bodyKey: 'refundsEmail.reminder.body', placeholders: ['org', 'count', 'overdue'], essential: true },
  { kind: 'billing.invoice', group: 'billing', subjectKey: 'billingEmail.invoiceSubject', bodyKey: 'billingEmail.invoiceBody', placeholders: ['org', 'number', 'amount'], essential: true },
  { kind: 'billing.receipt', group: 'billing', subjectKey: 'billingEmail.receiptSubject', bodyKey: 'billingEmail.receiptBody', placeholders: ['org', 'number', 'amount', 'date', 'method'], essential: true },
  { kind: 'billing.invoice_adjusted', group: 'billing', subjectKey: 'billingEmail.adjustedSubject', bodyKey: 'billingEmail.adjustedBody', placeholders: ['org', 'number', 'why'], essential: true },
  { kind: 'billing.invoice_void', group: 'billing', subjectKey: 'billingEmail.voidSubject', bodyKey: 'billingEmail.voidBody', placeholders: ['org', 'number', 'why'], essential: true },
  { kind: 'payments.receipt', group: 'billing', subjectKey: 'paymentsEmail.receipt.subject', bodyKey: 'paymentsEmail.receipt.body', placeholders: ['number', 'amount', 'date'], essential: true },
  { kind: 'directory.contact', group: 'directory', subjectKey: 'directoryMail.subject', bodyKey: 'directoryMail.intro', placeholders: ['name', 'email', 'group', 'org'], essential: true },
  { kind: 'email_verification', group: 'accounts', subjectKey: 'email.verify.subject', bodyKey: 'email.verify.body', placeholders: ['org'], essential: true, credential: true },
  { kind: 'account_setup', group: 'accounts', subjectKey: 'email.setup.subject', bodyKey: 'email.setup.body', placeholders: ['org'], essential: true, credential: true },
  { kind: 'password_reset', group: 'accounts', subjectKey: 'email.reset.subject', bodyKey: 'email.reset.body', placeholders: ['org'], essential: true, credential: true },
  { kind: 'series.enrolled', group: 'series', subjectKey: 'seriesEmail.enrolled.subject', bodyKey: 'seriesEmail.enrolled.body', placeholders: [...SERIES_COMMON, 'price', 'minimum', 'decideBy'], essential: true },
  { kind: 'series.confirmed', group: 'series', subjectKey: 'seriesEmail.confirmed.subject', bodyKey: 'seriesEmail.confirmed.body', placeholders: [...SERIES_COMMON], essential: true },
  { kind: 'series.cancelled', group: 'series', subjectKey: 'seriesEmail.cancelled.subject', bodyKey: 'seriesEmail.cancelled.body', placeholders: [...SERIES_COMMON, 'minimum', 'signUps', 'refund', 'dueOn'], essential: true },
  { kind: 'inquiry.acknowledgment', group: 'inquiries', subjectKey: 'inquiriesEmail.ackSubject', bodyKey: 'inquiriesEmail.ackBody', placeholders: ['org', 'kind'], essential: true },
  { kind: 'inquiry.staff_notice', group: 'inquiries', subjectKey: 'inquiriesEmail.staffSubject', bodyKey: 'inquiriesEmail.staffBody', placeholders: ['org', 'kind', 'name', 'group'], essential: false },
  { kind: 'evaluation.reminder', group: 'credit', subjectKey: 'evaluationEmail.subject', bodyKey: 'evaluationEmail.body', placeholders: ['course'], essential: false },
  { kind: 'certificate.issued', group: 'credit', subjectKey: 'certificateEmail.subject', bodyKey: 'certificateEmail.issued', placeholders: ['course'], essential: true },
  { kind: 'small-groups.published', group: 'small_groups', subjectKey: 'smallGroupsEmail.publishedSubject', bodyKey: 'smallGroupsEmail.publishedBody', placeholders: ['course', 'group'], essential: true },
  { kind: 'small-groups.changed', group: 'small_groups', subjectKey: 'smallGroupsEmail.changedSubject', bodyKey: 'smallGroupsEmail.changedBody', placeholders: ['course', 'group'], essential: true },
  { kind: 'membership.welcome', group: 'membership', subjectKey: 'membershipEmail.welcome.subject', bodyKey: 'membershipEmail.welcome.body', placeholders: ['org', 'type', 'from', 'to'], essential: true },
  { kind: 'membership.renewed', group: 'membership', subjectKey: 'membershipEmail.renewed.subject', bodyKey: 'membershipEmail.renewed.body', placeholders: ['org', 'type', 'from', 'to'], essential: true },
  { kind: 'membership.complimentary', group: 'membership', subjectKey: 'membershipEmail.complimentary.subject', bodyKey: 'membershipEmail.complimentary.body', placeholders: ['org', 'type', 'from', 'to', 'course'], essential: true },
  // Renewal reminders: non-essential (the unsubscribe link; suppressed for an unsubscribed address).
  ...(['before_30', 'before_7', 'expired', 'grace_ended'] as const).map((kind) => ({
    kind: `membership.reminder.${kind}`,
    group: 'membership' as const,
    subjectKey: `membershipEmail.${kind}.subject`,
    bodyKey: `membershipEmail.${kind}.body`,
    placeholders: ['org', 'type', 'from', 'to', 'graceEnd'],
    essential: false,
  })),
  ...(['received', 'awarded', 'not_awarded'] as const).map((kind) => ({
    kind: `aid.${kind}`,
    group: 'aid' as const,
    subjectKey: `aidEmail.${kind}.subject`,
    bodyKey: `aidEmail.${kind}.body`,
    placeholders: ['course', 'requested', 'awarded', 'refund'],
    essential: true,
  })),
  // To the financial-aid committee, once per course after its deadline: essential — it is the one
  // prompt to decide. {{pending}} carries the plural ("1 application awaits"), {{count}} the number.
  { kind: 'aid.committee_deadline', group: 'aid', subjectKey: 'aidEmail.committee.subject', bodyKey: 'aidEmail.committee.body', placeholders: ['org', 'course', 'count', 'pending'], essential: true },
];

const BY_KIND = new Map(REGISTRY.map((d) => [d.kind, d]));

export function findTemplateDefinition(kind: string): EmailTemplateDefinition | undefined {
  return BY_KIND.get(kind);
}

export function getTemplateDefinition(kind: string): EmailTemplateDefinition {
  const definition = BY_KIND.get(kind);
  if (!definition) throw new Error(`no email template is registered for "${kind}"`);
  return definition;
}

/** The catalog's sentence as written, placeholders and all. */
export function catalogText(key: string): string {
  let node: unknown = en;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') throw new Error(`the catalog has no message "${key}"`);
  return node;
}

export function defaultTemplate(kind: string): { subject: string; body: string } {
  const d = getTemplateDefinition(kind);
  return { subject: catalogText(d.subjectKey), body: catalogText(d.bodyKey) };
}

export function sampleValues(kind: string): Record<string, string> {
  return Object.fromEntries(getTemplateDefinition(kind).placeholders.map((name) => [name, PLACEHOLDERS[name]?.sample ?? name]));
}

/** The catalog key of a kind's name (`registration.accepted` → `emailTemplateNames.registration_accepted`). */
export function templateNameKey(kind: string): string {
  return `emailTemplateNames.${kind.replaceAll('.', '_')}`;
}
