// The email that tells a participant their small group: its name, leaders, room and the first
// small-group session. Sent on publication, and again to the people a later change affects.
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
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
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

export function placementEmail(facts: PlacementEmailFacts): ComposedEmail {
  const values = { course: facts.course, group: facts.group };
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = templates.body(`small-groups.${facts.kind}`, values);
  if (facts.leaders.length) paragraphs.push(t('smallGroupsEmail.leaders', { leaders: facts.leaders.join(', ') }));
  if (facts.room.trim()) paragraphs.push(t('smallGroupsEmail.room', { room: facts.room.trim() }));
  if (facts.firstSession) paragraphs.push(t('smallGroupsEmail.firstSession', { when: facts.firstSession }));
  paragraphs.push(t('smallGroupsEmail.confidential'));
  return composeEmail({
    subject: templates.subject(`small-groups.${facts.kind}`, values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('smallGroupsEmail.action'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations` },
    signature: facts.orgName,
  });
}
