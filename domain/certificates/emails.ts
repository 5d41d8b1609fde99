// The email that brings a participant their certificates (attached as PDF) and the links to verify them.
import { formatCredit } from '#lib/pdf/certificate.ts';
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
}

export function certificateEmail(facts: CertificateEmailFacts): ComposedEmail {
  const paragraphs = [t(facts.reissued ? 'certificateEmail.reissued' : 'certificateEmail.issued', { course: facts.courseTitle })];
  for (const c of facts.certificates) {
    paragraphs.push(
      c.kind === 'credit'
        ? t('certificateEmail.creditLine', { body: c.body, credit: formatCredit(c.credit), unit: t(`certificatePdf.units.${c.unit}`), code: c.code, url: c.url })
        : t('certificateEmail.attendanceLine', { body: c.body, code: c.code, url: c.url }),
    );
  }
  return composeEmail({
    subject: t('certificateEmail.subject', { course: facts.courseTitle }),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('certificateEmail.action'), url: facts.myCertificatesUrl },
    signature: facts.orgName,
  });
}
