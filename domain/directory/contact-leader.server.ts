// "Contact the leader" (issue 14): a visitor's message goes to the leader who receives
// messages through Balint Hub's outbox, with Reply-To set to the visitor, so the leader
// answers directly and the leader's address appears on no page and in no response. Spam is
// kept out without third-party services: a honeypot field and a limit per client address and
// per sender address.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { groupListingLeaders } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';
import type { ContactInput } from './contact-form.ts';
import { getPublicListing } from './find-listings.server.ts';

export const CONTACTS_PER_HOUR = 5;


export async function contactLeader(
  db: DbOrTx,
  input: { organizationId: string; slug: string; clientAddress: string | null; publicUrl: string; values: ContactInput },
  actor: Actor,
): Promise<{ emailIds: string[] }> {
  const listing = await getPublicListing(db, input.organizationId, input.slug);
  // A filled honeypot is answered like a sent message, so a script learns nothing.
  if (input.values.website) return { emailIds: [] };
  const throttle = await takeThrottle(db, [
    { scope: 'directory-contact:address', key: input.clientAddress ?? 'unknown', max: CONTACTS_PER_HOUR, windowMinutes: 60 },
    { scope: 'directory-contact:email', key: input.values.email, max: CONTACTS_PER_HOUR, windowMinutes: 60 },
  ]);
  if (!throttle.allowed) throw new DomainError('DIRECTORY_CONTACT_THROTTLED');
  return db.transaction(async (tx) => {
    const [leader] = await tx
      .select({ name: users.name, email: users.email })
      .from(groupListingLeaders)
      .innerJoin(users, eq(users.id, groupListingLeaders.userId))
      .where(and(eq(groupListingLeaders.listingId, listing.id), eq(groupListingLeaders.receivesMessages, true)));
    const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!leader || !org) throw new DomainError('DIRECTORY_LISTING_NOT_FOUND');
    const v = input.values;
    const templates = await loadEmailTemplates(tx, input.organizationId);
    const values = { name: v.name, email: v.email, group: listing.title, org: org.name };
    const mail = composeEmail({
      subject: templates.subject('directory.contact', values),
      greeting: t('directoryMail.greeting', { name: leader.name }),
      // The visitor's own words follow the template as they wrote them.
      paragraphs: [...templates.body('directory.contact', values), v.message, t('directoryMail.reply', { name: v.name })],
      action: { label: t('directoryMail.listing'), url: `${input.publicUrl}/o/${org.slug}/groups/${listing.slug}` },
      signature: org.name,
    });
    const id = await queueEmail(tx, { organizationId: input.organizationId, kind: 'directory.contact', to: leader.email, replyTo: v.email, ...mail });
    // Who wrote is not kept in the audit row: the message itself is in the outbox.
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.contact', entityType: 'group_listing', entityId: listing.id });
    return { emailIds: [id] };
  });
}
