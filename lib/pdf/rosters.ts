// Small-group rosters as a PDF: one section per group with its room, leaders and members.
// Names render in any Latin, Greek or Cyrillic script (DejaVu Sans, lib/pdf/layout.ts).
import { t } from '#lib/i18n.ts';
import { createDocument, facts, finish, header, sectionTitle, table } from './layout.ts';

export interface RosterDocument {
  organization: { name: string; postalAddress: string };
  course: string;
  groups: { name: string; room: string; leaders: string[]; members: { name: string; profession: string; institution: string; email: string }[] }[];
}

export async function renderRosterPdf(roster: RosterDocument): Promise<Buffer> {
  const title = t('smallGroupsPdf.title', { course: roster.course });
  const doc = createDocument(title);
  header(doc, roster.organization, title);
  for (const group of roster.groups) {
    sectionTitle(doc, group.name);
    facts(doc, [
      [t('smallGroupsPdf.room'), group.room],
      [t('smallGroupsPdf.leaders'), group.leaders.join('\n')],
    ]);
    table(
      doc,
      [
        { header: t('smallGroupsPdf.name'), width: 0.3 },
        { header: t('smallGroupsPdf.profession'), width: 0.22 },
        { header: t('smallGroupsPdf.institution'), width: 0.24 },
        { header: t('smallGroupsPdf.email'), width: 0.24 },
      ],
      group.members.map((m) => [m.name, m.profession, m.institution, m.email]),
    );
  }
  return finish(doc);
}
