// Pages staff write (issue 14) are Markdown, rendered to HTML and then sanitized: nothing an
// editor types — raw HTML included — reaches a page without passing the allow-list below.
// marked parses (CommonMark + GFM tables); sanitize-html removes everything not listed:
// scripts, event handlers, style, iframes, SVG and MathML, forms, and any link or image whose
// URL is not http(s), mailto, tel, or relative.
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'strong', 'em', 'b', 'i', 's', 'del', 'sub', 'sup', 'small', 'abbr', 'cite', 'q', 'mark',
    'a', 'img', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['scope', 'colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
    abbr: ['title'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A page's own title is its <h1>: headings in the text start at level 2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
  disallowedTagsMode: 'discard',
};

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** The allow-list with the text's headings shifted so that its top level is `topHeading`. */
function allowedWithTop(topHeading: 2 | 3): sanitizeHtml.IOptions {
  if (topHeading === 2) return ALLOWED;
  const shift = topHeading - 2;
  const headings = Object.fromEntries(HEADINGS.map((h, i) => [h, HEADINGS[Math.min(Math.max(i, 1) + shift, 5)]!]));
  return { ...ALLOWED, transformTags: { ...ALLOWED.transformTags, ...headings } };
}

export interface RenderOptions {
  /**
   * The level of the text's top headings: 2 on a page of its own (under the page's <h1>), 3
   * where the text sits in a section with its own <h2> (a page shown on the home page).
   */
  topHeading?: 2 | 3;
}

/** Markdown → sanitized HTML, safe to put into a page as is. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, allowedWithTop(options.topHeading ?? 2));
}

/** Sanitizes HTML from elsewhere (an imported page) with the same allow-list. */
export function sanitizePageHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}
