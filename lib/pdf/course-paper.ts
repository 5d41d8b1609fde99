// The paper a course still needs on site (issue 18): name badges on common 4 × 3 in. badge
// stock, sign-in sheets per session (for everyone or one small group per page), a participant
// list for faculty, and table tents. DejaVu Sans (lib/pdf/layout.ts) renders names in Latin,
// Greek and Cyrillic scripts with their accents.
import { t } from '#lib/i18n.ts';
import { contentWidth, createDocument, finish, header, paragraph, sectionTitle, table, type Doc } from './layout.ts';

export interface PaperPerson {
  name: string;
  credentials: string;
  /** "Spokane, WA" — empty when unknown. */
  place: string;
  /** The small group's name when groups exist. */
  group: string;
  /** Faculty badges say so. */
  faculty?: boolean;
}

export interface PaperCourse {
  organization: { name: string; shortName: string; postalAddress: string };
  title: string;
  /** In words: "April 23–26, 2025 · Spokane, WA". */
  when: string;
}

const INCH = 72;

/** Largest font size (from `max` down to `min`) at which `text` fits `width` on one line. */
function fitSize(doc: Doc, text: string, width: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 1) {
    doc.fontSize(size);
    if (doc.widthOfString(text) <= width) return size;
  }
  return min;
}

/**
 * Badges for 4 × 3 in. stock, six to a US Letter sheet (two across, three down, 1 in. top
 * margin, as on the common badge inserts): the person's name as large as fits, credentials,
 * place, and the small group at the foot. Light cut lines for plain paper.
 */
export async function renderBadgesPdf(course: PaperCourse, people: readonly PaperPerson[]): Promise<Buffer> {
  const doc = createDocument(t('coursePaper.badgesTitle', { course: course.title }), { size: 'LETTER', margin: 0 });
  const [w, h] = [4 * INCH, 3 * INCH];
  const left = (doc.page.width - 2 * w) / 2;
  const top = INCH;
  const pad = 14;
  people.forEach((person, i) => {
    const slot = i % 6;
    if (i > 0 && slot === 0) doc.addPage({ size: 'LETTER', margin: 0 });
    const x = left + (slot % 2) * w;
    const y = top + Math.floor(slot / 2) * h;
    doc.save().rect(x, y, w, h).lineWidth(0.25).dash(2, { space: 3 }).strokeColor('#bbbbbb').stroke().undash().restore();
    const inner = w - 2 * pad;
    doc.fillColor('#555555').font('body').fontSize(9).text(`${course.organization.shortName} · ${course.title}`, x + pad, y + pad, { width: inner, lineBreak: false, ellipsis: true });
    doc.fillColor('#000000').font('bold');
    const size = fitSize(doc, person.name, inner, 30, 14);
    doc.fontSize(size).text(person.name, x + pad, y + 0.32 * h, { width: inner, align: 'center' });
    doc.font('body').fontSize(13);
    if (person.credentials) doc.text(person.credentials, x + pad, doc.y + 2, { width: inner, align: 'center' });
    if (person.place) doc.fontSize(11).fillColor('#333333').text(person.place, x + pad, doc.y + 2, { width: inner, align: 'center' });
    const foot = [person.faculty ? t('coursePaper.faculty') : '', person.group].filter(Boolean).join(' · ');
    if (foot) doc.font('bold').fontSize(12).fillColor('#000000').text(foot, x + pad, y + h - pad - 16, { width: inner, align: 'center', lineBreak: false });
    doc.fillColor('#000000');
  });
  if (people.length === 0) paragraph(doc, t('coursePaper.nobody'));
  return finish(doc);
}

export interface SignInSheet {
  /** The session, with its local time in words. */
  session: string;
  /** Sections: one per small group, or one for everyone. */
  sections: { heading: string; people: readonly PaperPerson[] }[];
}

/** A sign-in sheet for one session: each section on its own page, a signature column per person. */
export async function renderSignInSheetPdf(course: PaperCourse, sheet: SignInSheet): Promise<Buffer> {
  const doc = createDocument(t('coursePaper.signInTitle', { session: sheet.session }), { size: 'LETTER' });
  sheet.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    header(doc, course.organization, t('coursePaper.signInTitle', { session: sheet.session }));
    paragraph(doc, `${course.title} · ${course.when}`);
    sectionTitle(doc, section.heading);
    table(
      doc,
      [
        { header: t('coursePaper.name'), width: 0.36 },
        { header: t('coursePaper.group'), width: 0.22 },
        { header: t('coursePaper.signature'), width: 0.42 },
      ],
      section.people.map((p) => [`${p.name}${p.credentials ? `, ${p.credentials}` : ''}\n `, p.group, '']),
    );
  });
  return finish(doc);
}

/**
 * The participant list for faculty: name and small group, and credentials, profession and city
 * only as each participant consented (the caller applies the consent; ADR 0070). No contact details.
 */
export async function renderParticipantListPdf(course: PaperCourse, people: readonly { name: string; credentials: string; about: string; group: string }[]): Promise<Buffer> {
  const title = t('coursePaper.listTitle', { course: course.title });
  const doc = createDocument(title, { size: 'LETTER' });
  header(doc, course.organization, title);
  paragraph(doc, course.when);
  paragraph(doc, t('coursePaper.listNote'));
  table(
    doc,
    [
      { header: t('coursePaper.name'), width: 0.32 },
      { header: t('coursePaper.credentials'), width: 0.16 },
      { header: t('coursePaper.about'), width: 0.3 },
      { header: t('coursePaper.group'), width: 0.22 },
    ],
    people.map((p) => [p.name, p.credentials, p.about, p.group]),
  );
  return finish(doc);
}

/**
 * Table tents: one landscape Letter page per person, folded across the middle; the name is
 * printed on both halves, the upper one upside down, so it reads from both sides of a table.
 */
export async function renderTableTentsPdf(course: PaperCourse, people: readonly PaperPerson[]): Promise<Buffer> {
  const doc = createDocument(t('coursePaper.tentsTitle', { course: course.title }), { size: 'LETTER', layout: 'landscape', margin: 36 });
  const width = contentWidth(doc);
  people.forEach((person, i) => {
    if (i > 0) doc.addPage({ size: 'LETTER', layout: 'landscape', margin: 36 });
    const half = doc.page.height / 2;
    const left = doc.page.margins.left;
    const drawHalf = (top: number) => {
      doc.font('bold');
      const size = fitSize(doc, person.name, width, 60, 24);
      doc.fontSize(size).text(person.name, left, top + half / 2 - size, { width, align: 'center', lineBreak: false });
      const sub = [person.credentials, person.group].filter(Boolean).join(' · ');
      if (sub) doc.font('body').fontSize(20).text(sub, left, top + half / 2 + 8, { width, align: 'center', lineBreak: false });
    };
    doc.save().moveTo(left, half).lineTo(left + width, half).lineWidth(0.25).dash(2, { space: 3 }).strokeColor('#bbbbbb').stroke().undash().restore();
    drawHalf(half);
    doc.save().rotate(180, { origin: [doc.page.width / 2, half / 2] });
    drawHalf(0);
    doc.restore();
  });
  if (people.length === 0) paragraph(doc, t('coursePaper.nobody'));
  return finish(doc);
}
