// A course message as one recipient reads it: placeholders filled in, a plain-text and an HTML
// part built from the same paragraphs (as lib/email/compose.ts does for every message).
import type { ComposedEmail } from '#lib/email/compose.ts';
import { escapeHtml } from '#lib/email/compose.ts';
import { formatDateRange } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { firstName, renderPlaceholders, type PlaceholderValues } from './placeholders.ts';

export interface RenderFacts {
  publicUrl: string;
  org: { slug: string; name: string };
  course: { slug: string; title: string; startsOn: string; endsOn: string };
  recipient: { name: string; balanceMinor: number; currency: string };
}

export function placeholderValues(facts: RenderFacts): PlaceholderValues {
  const { publicUrl, org, course, recipient } = facts;
  return {
    name: recipient.name,
    first_name: firstName(recipient.name),
    amount_due: formatMoney(Math.max(0, recipient.balanceMinor), recipient.currency),
    course_title: course.title,
    course_dates: formatDateRange(course.startsOn, course.endsOn),
    course_link: `${publicUrl}/o/${org.slug}/courses/${course.slug}`,
    registration_link: `${publicUrl}/o/${org.slug}/registrations`,
  };
}

export function renderCourseMessage(message: { subject: string; body: string }, facts: RenderFacts): ComposedEmail {
  const values = placeholderValues(facts);
  const subject = renderPlaceholders(message.subject, values).replace(/\s+/g, ' ').trim();
  const body = renderPlaceholders(message.body, values).replace(/\r\n/g, '\n').trim();
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const text = `${[...paragraphs, facts.org.name].join('\n\n')}\n`;
  const html = `<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">${[...paragraphs, facts.org.name]
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}
