// How a ledger entry reads on statements and receipts (pure). The entry's reason is what money
// code wrote ("Course title: Category (tier)" for a charge); on a page or a document that is
// already about that course, the course title is left out, so a line reads
// "Registration fee: Single Registration (early)" rather than repeating the title with a
// second colon.
import { t } from '#lib/i18n.ts';

// A reason that only repeats the kind ("financial aid award" under "Financial aid award") is
// said once; an aid award names its course, so the line reads "Financial aid award: <course>".
const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function entryDescription(entry: { kind: string; reason: string }, context: { courseTitle?: string } = {}): string {
  const label = t(`money.kind_${entry.kind}`);
  let reason = entry.reason.trim();
  const title = context.courseTitle?.trim();
  if (words(reason) === words(label)) reason = '';
  if (entry.kind === 'aid_award') {
    const course = title || reason;
    return course ? `${label}: ${course}` : label;
  }
  if (title && reason.startsWith(`${title}: `)) reason = reason.slice(title.length + 2).trim();
  else if (title && reason === title) reason = '';
  return reason ? `${label}: ${reason}` : label;
}
