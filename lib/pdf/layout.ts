// The page furniture every money document shares: DejaVu Sans embedded (so names such as
// "Zoë Łukasiewicz" or "Ньютон" render; the 14 standard PDF fonts only cover Latin-1), a
// header with the organization, facts as label/value pairs, and simple ruled tables that
// break across pages.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type Doc = PDFKit.PDFDocument;

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

const MARGIN = 56;

export function createDocument(title: string, page: { size?: string; layout?: 'portrait' | 'landscape'; margin?: number } = {}): Doc {
  const doc = new PDFDocument({ size: page.size ?? 'A4', layout: page.layout ?? 'portrait', margin: page.margin ?? MARGIN, font: REGULAR, info: { Title: title, Producer: 'Balint Hub', Creator: 'Balint Hub' }, lang: 'en' });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('body').fontSize(10);
  return doc;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The organization block and the document's title. */
export function header(doc: Doc, organization: { name: string; postalAddress: string }, title: string) {
  doc.font('bold').fontSize(14).text(organization.name);
  if (organization.postalAddress.trim()) doc.font('body').fontSize(9).text(organization.postalAddress.trim());
  doc.moveDown(1);
  doc.font('bold').fontSize(18).text(title);
  doc.font('body').fontSize(10).moveDown(0.5);
}

export function facts(doc: Doc, rows: readonly (readonly [string, string])[]) {
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  for (const [label, value] of rows) {
    ensureRoom(doc, 14);
    const y = doc.y;
    doc.font('bold').text(label, left, y, { width: width * 0.3 });
    const afterLabel = doc.y;
    doc.font('body').text(value || '—', left + width * 0.3, y, { width: width * 0.7 });
    doc.y = Math.max(afterLabel, doc.y);
  }
  doc.x = left;
  doc.moveDown(0.5);
}

export function sectionTitle(doc: Doc, text: string) {
  ensureRoom(doc, 40);
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).text(text, doc.page.margins.left);
  doc.font('body').fontSize(10).moveDown(0.3);
}

export function paragraph(doc: Doc, text: string, options: { bold?: boolean } = {}) {
  if (!text.trim()) return;
  ensureRoom(doc, 14);
  doc.font(options.bold ? 'bold' : 'body').text(text.trim(), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.font('body').moveDown(0.4);
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function row(doc: Doc, columns: readonly Column[], cells: readonly string[], bold: boolean) {
  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  ensureRoom(doc, 16);
  const top = doc.y;
  let x = left;
  let bottom = top;
  doc.font(bold ? 'bold' : 'body');
  columns.forEach((column, i) => {
    const w = column.width * width;
    doc.text(cells[i] ?? '', x + 2, top, { width: w - 4, align: column.align ?? 'left' });
    bottom = Math.max(bottom, doc.y);
    x += w;
  });
  doc.font('body');
  doc.y = bottom + 3;
  doc
    .moveTo(left, doc.y - 1)
    .lineTo(left + width, doc.y - 1)
    .lineWidth(bold ? 0.8 : 0.3)
    .strokeColor('#888888')
    .stroke();
  doc.y += 2;
}

/** A table with a header row; `footer` rows are bold (totals). */
export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], footer: readonly (readonly string[])[] = []) {
  row(doc, columns, columns.map((c) => c.header), true);
  for (const cells of rows) row(doc, columns, cells, false);
  for (const cells of footer) row(doc, columns, cells, true);
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5);
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
