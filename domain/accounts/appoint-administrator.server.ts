// The first administrator of an organization, from the operator's command line
// (`npm run admin:create`): the account is created (verified, with the password given) when the
// email is new, and the organization when a name is given for a slug that does not exist yet.
// All in one transaction: a failure leaves neither an account nor an organization behind.
import type { Db } from '#db/client.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { createOrganization } from '#domain/organizations/create-organization.server.ts';
import { findOrganizations } from '#domain/organizations/organizations.server.ts';
import { assignRole, createVerifiedAccount } from './create-account.server.ts';

export type AdministratorAppointment =
  | { ok: true; organizationSlug: string; created: boolean }
  /** No organization named (and more or fewer than one exists), or a new slug without a name: the known slugs. */
  | { ok: false; reason: 'ORGANIZATION_NEEDED'; organizationSlugs: string[] };

export async function appointAdministrator(
  db: Db,
  input: { email: string; name: string; password: string; organizationSlug?: string; organizationName?: string },
  actor: Actor,
): Promise<AdministratorAppointment> {
  return db.transaction(async (tx) => {
    const all = await findOrganizations(tx);
    let org = input.organizationSlug ? all.find((o) => o.slug === input.organizationSlug) : all.length === 1 ? all[0] : undefined;
    if (!org && input.organizationSlug && input.organizationName) {
      org = await createOrganization(tx, { slug: input.organizationSlug, name: input.organizationName }, actor);
    }
    if (!org) return { ok: false, reason: 'ORGANIZATION_NEEDED', organizationSlugs: all.map((o) => o.slug).sort() };
    const account = await createVerifiedAccount(tx, { email: input.email, name: input.name, password: input.password }, actor);
    await assignRole(tx, { organizationId: org.id, userId: account.userId, role: 'admin' }, actor);
    return { ok: true, organizationSlug: org.slug, created: account.created };
  });
}
