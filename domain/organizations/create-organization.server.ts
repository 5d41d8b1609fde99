import type { DbOrTx } from '#db/client.server.ts';
import { organizations, type OrganizationKind } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';

export type Organization = typeof organizations.$inferSelect;

/** A new organization with the defaults of the schema; its short name is the slug in capitals. */
export async function createOrganization(
  db: DbOrTx,
  input: { slug: string; name: string; kind?: OrganizationKind },
  actor: Actor,
): Promise<Organization> {
  const [org] = await db
    .insert(organizations)
    .values({ slug: input.slug, name: input.name, shortName: input.slug.toUpperCase(), kind: input.kind ?? 'national_society' })
    .returning();
  await recordAudit(db, actor, { organizationId: org!.id, action: 'organization.created', entityType: 'organization', entityId: org!.id, after: { slug: org!.slug, name: org!.name } });
  return org!;
}
