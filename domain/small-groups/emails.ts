// The email that tells a participant their small group: its name, leaders, room and the first
// small-group session. Sent on publication, and again to the people a later change affects.
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { t } from '#lib/i18n.ts';

export interface PlacementEmailFacts {
  kind: 'published' | 'changed';
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  course: string;
  group: string;
  leaders: string[];
  room: string;
  /** The first small-group session in words (course time zone), or null when none is scheduled. */
  firstSession: string | null;
}

export function placementEmail(facts: PlacementEmailFacts): ComposedEmail {
  const values = { course: facts.course, group: facts.group };
  const paragraphs = [t(`smallGroupsEmail.${facts.kind}Body`, values)];
  if (facts.leaders.length) paragraphs.push(t('smallGroupsEmail.leaders', { leaders: facts.leaders.join(', ') }));
  if (facts.room.trim()) paragraphs.push(t('smallGroupsEmail.room', { room: facts.room.trim() }));
  if (facts.firstSession) paragraphs.push(t('smallGroupsEmail.firstSession', { when: facts.firstSession }));
  paragraphs.push(t('smallGroupsEmail.confidential'));
  return composeEmail({
    subject: t(`smallGroupsEmail.${facts.kind}Subject`, values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('smallGroupsEmail.action'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations` },
    signature: facts.orgName,
  });
}
