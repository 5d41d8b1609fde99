import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export type RegistrationEmailKind =
  | 'received'
  | 'waitlisted'
  | 'accepted'
  | 'declined'
  | 'movedToWaitlist'
  | 'offered'
  | 'offerExpired'
  | 'withdrawn'
  | 'categoryChanged'
  | 'holdExpired'
  | 'alreadyApplied'
  | 'confirmationLapsed';

export interface RegistrationEmailFacts {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  course: { title: string; startsOn: string; endsOn: string; currency: string };
  amountMinor: number;
  categoryLabel: string;
  tier: 'early' | 'regular';
  position?: number;
  offerUntil?: string;
  hours?: number;
  reason?: string;
  message?: string | null;
  newAccount?: boolean;
  /** Money paid that will be refunded because the application ended. */
  refundMinor?: number;
  /** Pay after acceptance: the local time the place is held until. */
  payBy?: string;
  /** What is owed now, from the ledger (the acceptance states it; billing's part). */
  owedMinor?: number;
  /** The application's status in words (the "already applied" notice). */
  status?: string;
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

export function registrationEmail(kind: RegistrationEmailKind, facts: RegistrationEmailFacts): ComposedEmail {
  const values = {
    course: facts.course.title,
    dates: formatDateRange(facts.course.startsOn, facts.course.endsOn),
    amount: formatMoney(facts.amountMinor, facts.course.currency),
    category: facts.categoryLabel,
    tier: t(`registration.tier_${facts.tier}`),
    position: facts.position,
    until: facts.offerUntil,
    hours: facts.hours,
    reason: facts.reason,
    status: facts.status,
  };
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = templates.body(`registration.${kind}`, values);
  if (kind === 'received') paragraphs.push(t('registrationEmail.received.price', values));
  const owed = facts.owedMinor === undefined ? undefined : formatMoney(facts.owedMinor, facts.course.currency);
  if (kind === 'accepted' && owed !== undefined && !facts.payBy) paragraphs.push(t(facts.owedMinor! > 0 ? 'registrationEmail.owed' : 'registrationEmail.nothingOwed', { owed }));
  if (facts.payBy) paragraphs.push(t('registrationEmail.payBy', { ...values, amount: owed ?? values.amount, payBy: facts.payBy }));
  if (facts.refundMinor && facts.refundMinor > 0) paragraphs.push(t('registrationEmail.refund', { refund: formatMoney(facts.refundMinor, facts.course.currency) }));
  if (facts.message) paragraphs.push(t('registrationEmail.message', { message: facts.message }));
  if (facts.newAccount) paragraphs.push(t('registrationEmail.setPassword'));
  return composeEmail({
    subject: templates.subject(`registration.${kind}`, values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('registrationEmail.nextSteps'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations` },
    signature: facts.orgName,
  });
}

export interface ConfirmationEmailFacts extends RegistrationEmailFacts {
  /** The "Confirm your application" link: a credential (ADR 0047). */
  confirmUrl: string;
  /** The local time the application lapses if not confirmed, in words. */
  until: string;
  status: 'submitted' | 'accepted' | 'waitlisted' | string;
  statusLabel: string;
  /** The account has no password yet: the same link lets them choose one. */
  choosePassword: boolean;
}

/** The credential-bearing "Confirm your application" message. */
export function confirmationEmail(facts: ConfirmationEmailFacts): ComposedEmail {
  const values = {
    course: facts.course.title,
    dates: formatDateRange(facts.course.startsOn, facts.course.endsOn),
    amount: formatMoney(facts.amountMinor, facts.course.currency),
    category: facts.categoryLabel,
    tier: t(`registration.tier_${facts.tier}`),
    position: facts.position,
    hours: facts.hours,
    until: facts.until,
    status: facts.statusLabel,
  };
  const statusKey = ['submitted', 'accepted', 'waitlisted'].includes(facts.status) ? facts.status : 'other';
  const templates = facts.templates ?? defaultEmailTemplates;
  // The link is the action below, outside the editable body: no wording can drop it.
  const paragraphs = [...templates.body('registration.confirm', values), t(`registrationEmail.confirm.status_${statusKey}`, values)];
  // The waitlist's quote is re-made when a place is offered: only a place's price is fixed.
  if (facts.status !== 'waitlisted') paragraphs.push(t('registrationEmail.received.price', values));
  if (facts.choosePassword) paragraphs.push(t('registrationEmail.confirm.password'));
  paragraphs.push(t('registrationEmail.confirm.notYou'));
  return composeEmail({
    subject: templates.subject('registration.confirm', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('registrationEmail.confirm.action'), url: facts.confirmUrl },
    signature: facts.orgName,
  });
}
