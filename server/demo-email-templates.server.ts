// The demo's own wording for one automated message (ADR 0069): the ABS words its evaluation
// reminder more warmly than the default, so the email-templates page shows an override
// (version 1) beside the defaults, and the preview shows it.
import type { DbOrTx } from '#db/client.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { saveEmailTemplate } from '#domain/email-templates/manage-templates.server.ts';

export const DEMO_TEMPLATE = {
  kind: 'evaluation.reminder',
  subject: 'A few minutes for {{course}}?',
  body: 'Thank you for taking part in {{course}}. Your evaluation helps the faculty plan the next intensive; it is anonymous and takes a few minutes.\n\nYour certificate is issued as soon as it is done.',
} as const;

export async function seedDemoEmailTemplates(tx: DbOrTx, organizationId: string): Promise<void> {
  await saveEmailTemplate(tx, { organizationId, ...DEMO_TEMPLATE }, systemActor);
}
