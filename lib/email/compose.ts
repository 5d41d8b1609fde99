// Every message has a plain-text and an HTML part, built from the same paragraphs so the two
// never drift apart.
export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  signature: string;
  /** Non-essential mail: the notice and signed link that stop it (ADR 0069), after the signature. */
  unsubscribe?: { notice: string; url: string };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function composeEmail(content: EmailContent): ComposedEmail {
  const textParts = [content.greeting, ...content.paragraphs];
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`);
  textParts.push(content.signature);
  const htmlParts = [content.greeting, ...content.paragraphs].map((p) => `<p>${escapeHtml(p)}</p>`);
  if (content.action) {
    const href = escapeHtml(content.action.url);
    htmlParts.push(`<p><a href="${href}">${escapeHtml(content.action.label)}</a></p>`);
    htmlParts.push(`<p style="font-size:small">${escapeHtml(content.action.url)}</p>`);
  }
  htmlParts.push(`<p>${escapeHtml(content.signature)}</p>`);
  if (content.unsubscribe) {
    const { notice, url } = content.unsubscribe;
    textParts.push(`${notice}: ${url}`);
    htmlParts.push(`<p style="font-size:small">${escapeHtml(notice)}: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`);
  }
  return {
    subject: content.subject,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">${htmlParts.join('')}</body></html>`,
  };
}
