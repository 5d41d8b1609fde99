import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';

export type AccountEmailKind = 'email_verification' | 'password_reset' | 'account_setup';

/**
 * Account links carry a callback path (only the wording depends on it: an account belongs to
 * the deployment, and who may read the message does not change with the organization) `/o/<slug>/...`: the organization the person was using
 * when they signed up or asked for a reset. The mail goes out in that organization's name.
 */
export function organizationSlugFromLink(url: string): string | undefined {
  try {
    const link = new URL(url);
    const callback = link.searchParams.get('callbackURL') ?? link.pathname;
    const match = /^\/o\/([a-z0-9-]+)(\/|$)/.exec(new URL(callback, link).pathname);
    return match?.[1];
  } catch {
    return undefined;
  }
}

export async function sendAccountEmail(
  db: Db,
  input: { kind: AccountEmailKind; to: string; name: string; url: string },
): Promise<string | undefined> {
  const slug = organizationSlugFromLink(input.url);
  const [org] = slug
    ? await db.select().from(organizations).where(eq(organizations.slug, slug))
    : await db.select().from(organizations).orderBy(organizations.createdAt).limit(1);
  if (!org) return undefined;
  const key = { email_verification: 'email.verify', password_reset: 'email.reset', account_setup: 'email.setup' }[input.kind];
  // The organization's words (ADR 0069); the link stays the action below them, whatever they say.
  const templates = await loadEmailTemplates(db, org.id);
  const email = composeEmail({
    subject: templates.subject(input.kind, { org: org.name }),
    greeting: t('email.greeting', { name: input.name }),
    paragraphs: [...templates.body(input.kind, { org: org.name }), t(`${key}.ignore`)],
    action: { label: t(`${key}.action`), url: input.url },
    signature: org.name,
  });
  // Every account email carries a credential (its link signs in, resets or confirms): no
  // organization's staff may read it in the outbox, whatever organization's name it bears.
  return queueEmail(db, { organizationId: org.id, kind: input.kind, to: input.to, credential: true, ...email });
}
