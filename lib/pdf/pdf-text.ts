// Test helper: the text of a PDF, page by page, read with a real parser (pdf.js, through
// unpdf's dependency-free build).
import { getDocumentProxy } from 'unpdf';

export async function pdfText(bytes: Buffer | Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await pdf.cleanup();
  return pages.join('\n');
}
