import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { organizationRoles, signInAttempts } from '#db/schema/accounts.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { assignRole, createVerifiedAccount } from './create-account.server.ts';
import { findRoles, grantRole, revokeRole } from './roles.server.ts';
import { checkSignInAllowed, MAX_FAILURES_PER_EMAIL, recordSignInAttempt } from './sign-in-throttle.server.ts';

const testDb = useTestDatabase();

async function org(slug: string) {
  const [row] = await testDb.db.insert(organizations).values({ slug, name: slug, shortName: slug, kind: 'regional_circle' }).returning();
  return row!;
}

describe('sign-in throttle', () => {
  test(`the ${MAX_FAILURES_PER_EMAIL}th failure blocks that email, not others; a success clears it`, async () => {
    const email = 'Throttle@Example.org';
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await recordSignInAttempt(testDb.db, email, `10.0.0.${i}`, false);
    expect(await checkSignInAllowed(testDb.db, email, '10.9.9.9')).toEqual({ allowed: true });
    await recordSignInAttempt(testDb.db, 'throttle@example.org', '10.0.0.99', false); // case does not matter
    expect(await checkSignInAllowed(testDb.db, email, '10.9.9.9')).toEqual({ allowed: false, retryAfterMinutes: 15 });
    expect(await checkSignInAllowed(testDb.db, 'someone-else@example.org', '10.9.9.9')).toEqual({ allowed: true });

    await recordSignInAttempt(testDb.db, email, null, true);
    expect(await checkSignInAllowed(testDb.db, email, null)).toEqual({ allowed: true });
  });

  test('no email address is stored in the clear', async () => {
    await recordSignInAttempt(testDb.db, 'private@example.org', null, false);
    const rows = await testDb.db.select().from(signInAttempts);
    expect(JSON.stringify(rows)).not.toContain('private@example.org');
  });
});

describe('roles', () => {
  test('granting by email is audited in the organization, and is scoped to it', async () => {
    const a = await org('roles-a');
    const b = await org('roles-b');
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'dir@example.org', name: 'Dir', password: 'a-password-long' }, systemActor);
    await testDb.db.transaction((tx) => grantRole(tx, { organizationId: a.id, email: 'DIR@example.org', role: 'course_director' }, systemActor));
    expect(await findRoles(testDb.db, a.id, userId)).toEqual(['course_director']);
    expect(await findRoles(testDb.db, b.id, userId)).toEqual([]);
    const audit = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, a.id), eq(auditEvents.action, 'role.granted')));
    expect(audit).toHaveLength(1);
  });

  test('an unknown email is refused with a code', async () => {
    const a = await org('roles-c');
    await expect(grantRole(testDb.db, { organizationId: a.id, email: 'ghost@example.org', role: 'member' }, systemActor)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  test('the last admin cannot be removed, and the refused change leaves nothing behind', async () => {
    const a = await org('roles-d');
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'only-admin@example.org', name: 'Only', password: 'a-password-long' }, systemActor);
    await assignRole(testDb.db, { organizationId: a.id, userId, role: 'admin' }, systemActor);
    const [role] = await testDb.db.select().from(organizationRoles).where(eq(organizationRoles.organizationId, a.id));
    const attempt = testDb.db.transaction((tx) => revokeRole(tx, { organizationId: a.id, roleId: role!.id }, systemActor));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    expect(await findRoles(testDb.db, a.id, userId)).toEqual(['admin']);
  });

  test("a role of one organization cannot be revoked through another's admin area", async () => {
    const a = await org('roles-e');
    const b = await org('roles-f');
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'member-e@example.org', name: 'E', password: 'a-password-long' }, systemActor);
    await assignRole(testDb.db, { organizationId: a.id, userId, role: 'member' }, systemActor);
    const [role] = await testDb.db.select().from(organizationRoles).where(eq(organizationRoles.organizationId, a.id));
    await expect(revokeRole(testDb.db, { organizationId: b.id, roleId: role!.id }, systemActor)).rejects.toMatchObject({ code: 'ROLE_NOT_FOUND' });
    expect(await findRoles(testDb.db, a.id, userId)).toEqual(['member']);
  });
});
