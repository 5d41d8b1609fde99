// A person's transcript as PDF: every course they took part in, across the organizations of
// the deployment, with the credit per accrediting body and each certificate's verification
// code (anyone holding the paper can check a line at the verification page).
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatCredit } from './certificate.ts';
import { createDocument, facts, finish, paragraph, sectionTitle, table } from './layout.ts';

export interface TranscriptDocument {
  name: string;
  generatedOn: string;
  verifyUrl: string;
  entries: {
    organizationName: string;
    courseTitle: string;
    startsOn: string;
    endsOn: string;
    certificates: { body: string; kind: 'credit' | 'attendance'; credit: number; unit: 'credits' | 'hours' | 'points'; code: string; issuedOn: string }[];
  }[];
}

export async function renderTranscriptPdf(d: TranscriptDocument): Promise<Buffer> {
  const doc = createDocument(`${t('transcriptPdf.title')} — ${d.name}`);
  doc.font('bold').fontSize(18).text(t('transcriptPdf.title'));
  doc.font('body').fontSize(10).moveDown(0.5);
  facts(doc, [
    [t('transcriptPdf.name'), d.name],
    [t('transcriptPdf.generatedOn'), formatDate(d.generatedOn)],
  ]);
  if (d.entries.length === 0) paragraph(doc, t('transcriptPdf.empty'));
  for (const entry of d.entries) {
    sectionTitle(doc, entry.courseTitle);
    paragraph(doc, `${entry.organizationName} · ${formatDateRange(entry.startsOn, entry.endsOn)}`);
    if (entry.certificates.length === 0) {
      paragraph(doc, t('transcriptPdf.noCertificate'));
      continue;
    }
    table(
      doc,
      [
        { header: t('transcriptPdf.body'), width: 0.18 },
        { header: t('transcriptPdf.credit'), width: 0.3 },
        { header: t('transcriptPdf.code'), width: 0.34 },
        { header: t('transcriptPdf.issued'), width: 0.18 },
      ],
      entry.certificates.map((c) => [
        c.body,
        c.kind === 'credit' ? `${formatCredit(c.credit)} ${t(`certificatePdf.units.${c.unit}`)}` : t('transcriptPdf.attendanceOnly'),
        c.code,
        formatDate(c.issuedOn),
      ]),
    );
  }
  doc.moveDown(1);
  paragraph(doc, t('transcriptPdf.verify', { url: d.verifyUrl }));
  return finish(doc);
}
