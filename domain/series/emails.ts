// The words of series emails: pure, so tests read them without a database.
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export interface SeriesMailFacts {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  seriesId: string;
  title: string;
  groupTitle: string;
  firstSessionOn: string;
  currency: string;
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

function seriesPage(f: SeriesMailFacts) {
  return { label: t('seriesEmail.seriesPage'), url: `${f.publicUrl}/o/${f.orgSlug}/series/${f.seriesId}` };
}

function values(f: SeriesMailFacts) {
  return { series: f.title, group: f.groupTitle, first: formatDate(f.firstSessionOn), org: f.orgName };
}

/** A place was taken: free, or charged and waiting to be paid. */
export function enrolledEmail(f: SeriesMailFacts & { priceMinor: number; minimum: number; decideBy: string }): ComposedEmail {
  const v = { ...values(f), price: formatMoney(f.priceMinor, f.currency), minimum: String(f.minimum), decideBy: formatDate(f.decideBy) };
  const tpl = f.templates ?? defaultEmailTemplates;
  const paragraphs = [...tpl.body('series.enrolled', v), f.priceMinor > 0 ? t('seriesEmail.enrolled.pay', v) : t('seriesEmail.enrolled.free', v), t('seriesEmail.enrolled.minimum', v)];
  return composeEmail({ subject: tpl.subject('series.enrolled', v), greeting: t('email.greeting', { name: f.name }), paragraphs, action: seriesPage(f), signature: f.orgName });
}

/** The minimum was reached: the series runs. */
export function confirmedEmail(f: SeriesMailFacts): ComposedEmail {
  const v = values(f);
  const tpl = f.templates ?? defaultEmailTemplates;
  return composeEmail({ subject: tpl.subject('series.confirmed', v), greeting: t('email.greeting', { name: f.name }), paragraphs: tpl.body('series.confirmed', v), action: seriesPage(f), signature: f.orgName });
}

/** The minimum was not reached: the series is called off, and what was paid comes back. */
export function cancelledEmail(f: SeriesMailFacts & { minimum: number; signUps: number; refundMinor: number; refundDueOn: string | null }): ComposedEmail {
  const v = { ...values(f), minimum: String(f.minimum), signUps: String(f.signUps), refund: formatMoney(f.refundMinor, f.currency), dueOn: f.refundDueOn ? formatDate(f.refundDueOn) : '' };
  const tpl = f.templates ?? defaultEmailTemplates;
  const paragraphs = [...tpl.body('series.cancelled', v), f.refundMinor > 0 ? t('seriesEmail.cancelled.refund', v) : t('seriesEmail.cancelled.nothingPaid', v)];
  return composeEmail({ subject: tpl.subject('series.cancelled', v), greeting: t('email.greeting', { name: f.name }), paragraphs, signature: f.orgName });
}
