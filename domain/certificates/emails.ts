// The email that brings a participant their certificates (attached as PDF) and the links to verify them.
import { formatCredit } from '#lib/pdf/certificate.ts';
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { t } from '#lib/i18n.ts';

export interface CertificateEmailFacts {
  orgName: string;
  name: string;
  courseTitle: string;
  certificates: { body: string; kind: 'credit' | 'attendance'; credit: number; unit: 'credits' | 'hours' | 'points'; code: string; url: string }[];
  /** A correction replaced an earlier certificate. */
  reissued: boolean;
  myCertificatesUrl: string;
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

export function certificateEmail(facts: CertificateEmailFacts): ComposedEmail {
  const templates = facts.templates ?? defaultEmailTemplates;
  // A reissue keeps the catalog's words: they say the earlier certificate is no longer valid.
  const paragraphs = facts.reissued ? [t('certificateEmail.reissued', { course: facts.courseTitle })] : templates.body('certificate.issued', { course: facts.courseTitle });
  for (const c of facts.certificates) {
    paragraphs.push(
      c.kind === 'credit'
        ? t('certificateEmail.creditLine', { body: c.body, credit: formatCredit(c.credit), unit: t(`certificatePdf.units.${c.unit}`), code: c.code, url: c.url })
        : t('certificateEmail.attendanceLine', { body: c.body, code: c.code, url: c.url }),
    );
  }
  return composeEmail({
    subject: templates.subject('certificate.issued', { course: facts.courseTitle }),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('certificateEmail.action'), url: facts.myCertificatesUrl },
    signature: facts.orgName,
  });
}
