// `npm run admin:create`'s use case: the organization is found or created, the account is
// created or reused, and the person becomes its administrator, all in one transaction.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { authAccounts, organizationRoles, users } from '#db/schema/accounts.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { appointAdministrator } from './appoint-administrator.server.ts';

// One database per file: the tests below share it, so each names its own organizations.
const testDb = useTestDatabase();

const email = () => `admin-${crypto.randomBytes(4).toString('hex')}@example.org`;
const slug = () => `org-${crypto.randomBytes(3).toString('hex')}`;

async function rolesOf(address: string, organizationSlug: string) {
  return testDb.db
    .select({ role: organizationRoles.role })
    .from(organizationRoles)
    .innerJoin(users, eq(users.id, organizationRoles.userId))
    .innerJoin(organizations, eq(organizations.id, organizationRoles.organizationId))
    .where(and(eq(users.email, address), eq(organizations.slug, organizationSlug)));
}

describe('appointing an administrator', () => {
  // First in the file, so its database holds no organization yet (each file gets a fresh one).
  test('with no organization named, the only one there is', async () => {
    const org = await createOrganization(testDb.db);
    expect(await testDb.db.select({ slug: organizations.slug }).from(organizations)).toEqual([{ slug: org.slug }]);
    const address = email();
    expect(await appointAdministrator(testDb.db, { email: address, name: 'First Admin', password: 'first-admin-pass-1' }, systemActor)).toEqual({
      ok: true,
      organizationSlug: org.slug,
      created: true,
    });
    expect(await rolesOf(address, org.slug)).toEqual([{ role: 'admin' }]);
  });

  test('with several organizations and none named, nothing is created and the known slugs are given in order', async () => {
    const [a, b] = [await createOrganization(testDb.db), await createOrganization(testDb.db)];
    const address = email();
    const outcome = await appointAdministrator(testDb.db, { email: address, name: 'X', password: 'first-admin-pass-1' }, systemActor);
    expect(outcome).toMatchObject({ ok: false, reason: 'ORGANIZATION_NEEDED' });
    const known = outcome.ok ? [] : outcome.organizationSlugs;
    expect(known).toEqual(expect.arrayContaining([a.slug, b.slug]));
    expect(known).toEqual([...known].sort());
    expect(await testDb.db.select().from(users).where(eq(users.email, address))).toEqual([]);
  });

  test('a new slug with a name creates the organization (audited); a new slug without one creates nothing', async () => {
    const fresh = slug();
    const address = email();
    const refused = await appointAdministrator(testDb.db, { email: address, name: 'X', password: 'first-admin-pass-1', organizationSlug: fresh }, systemActor);
    expect(refused.ok).toBe(false);
    expect(await testDb.db.select().from(organizations).where(eq(organizations.slug, fresh))).toEqual([]);

    const made = await appointAdministrator(testDb.db, { email: address, name: 'X', password: 'first-admin-pass-1', organizationSlug: fresh, organizationName: 'Fresh Balint Society' }, systemActor);
    expect(made).toEqual({ ok: true, organizationSlug: fresh, created: true });
    const [org] = await testDb.db.select().from(organizations).where(eq(organizations.slug, fresh));
    expect(org).toMatchObject({ name: 'Fresh Balint Society', shortName: fresh.toUpperCase(), kind: 'national_society' });
    const audit = await testDb.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org!.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['organization.created', 'role.granted']);
    expect(await rolesOf(address, fresh)).toEqual([{ role: 'admin' }]);
  });

  test('an existing account keeps its password and gains the role; appointing twice changes nothing more', async () => {
    const org = await createOrganization(testDb.db);
    const address = email();
    await appointAdministrator(testDb.db, { email: address, name: 'X', password: 'first-admin-pass-1', organizationSlug: org.slug }, systemActor);
    const passwordHash = async () => (await testDb.db.select({ password: authAccounts.password }).from(authAccounts).innerJoin(users, eq(users.id, authAccounts.userId)).where(eq(users.email, address)))[0]!.password;
    const before = await passwordHash();
    const again = await appointAdministrator(testDb.db, { email: address.toUpperCase(), name: 'X', password: 'another-pass-123', organizationSlug: org.slug }, systemActor);
    expect(again).toEqual({ ok: true, organizationSlug: org.slug, created: false });
    expect(await passwordHash()).toBe(before);
    expect(await rolesOf(address, org.slug)).toEqual([{ role: 'admin' }]);
  });
});
