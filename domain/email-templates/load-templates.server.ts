import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { emailTemplateOverrides } from '#db/schema/email-templates.ts';
import { emailTemplates, type EmailTemplates, type TemplateOverride } from './templates.ts';

/** The organization's email templates, read in the caller's transaction (one query per send). */
export async function loadEmailTemplates(tx: DbOrTx, organizationId: string): Promise<EmailTemplates> {
  const rows = await tx
    .select({ kind: emailTemplateOverrides.kind, subject: emailTemplateOverrides.subject, body: emailTemplateOverrides.body })
    .from(emailTemplateOverrides)
    .where(eq(emailTemplateOverrides.organizationId, organizationId));
  return emailTemplates(new Map<string, TemplateOverride>(rows.map((r) => [r.kind, { subject: r.subject, body: r.body }])));
}
