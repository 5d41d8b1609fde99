// A preview of a template with the registry's sample values, framed as the message is sent:
// greeting, the template's paragraphs, signature, and for non-essential mail the unsubscribe
// footer. The words Balint Hub adds around the body (amounts owed, links) are not in the preview.
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { t } from '#lib/i18n.ts';
import { getTemplateDefinition, PLACEHOLDERS, sampleValues } from './registry.ts';
import { emailTemplates } from './templates.ts';

export function previewEmailTemplate(kind: string, template: { subject: string; body: string }, orgName: string): ComposedEmail {
  const definition = getTemplateDefinition(kind);
  const values = { ...sampleValues(kind), org: orgName };
  const rendered = emailTemplates(new Map([[kind, template]]));
  return composeEmail({
    subject: rendered.subject(kind, values),
    greeting: t('email.greeting', { name: PLACEHOLDERS.name!.sample }),
    paragraphs: rendered.body(kind, values),
    signature: orgName,
    ...(definition.essential ? {} : { unsubscribe: { notice: t('emailTemplates.unsubscribeNotice'), url: t('emailTemplates.previewLink') } }),
  });
}
