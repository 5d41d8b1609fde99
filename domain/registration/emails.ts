import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { formatDateRange, formatMoney, t } from '#lib/i18n.ts';

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
  | 'holdExpired';

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
  };
  const paragraphs = [t(`registrationEmail.${kind}.body`, values)];
  if (kind === 'received') paragraphs.push(t('registrationEmail.received.price', values));
  if (facts.payBy) paragraphs.push(t('registrationEmail.payBy', { ...values, payBy: facts.payBy }));
  if (facts.refundMinor && facts.refundMinor > 0) paragraphs.push(t('registrationEmail.refund', { refund: formatMoney(facts.refundMinor, facts.course.currency) }));
  if (facts.message) paragraphs.push(t('registrationEmail.message', { message: facts.message }));
  if (facts.newAccount) paragraphs.push(t('registrationEmail.setPassword'));
  return composeEmail({
    subject: t(`registrationEmail.${kind}.subject`, values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('registrationEmail.nextSteps'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations` },
    signature: facts.orgName,
  });
}
