// Staff API tokens on a real database: issued once and stored hashed, checked against the
// person's roles at each use, listed and revoked.
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { organizationRoles } from '#db/schema/accounts.ts';
import { apiTokens } from '#db/schema/registration.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import type { Role } from '#db/schema/accounts.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { checkApiToken } from './check-api-token.server.ts';
import { findApiTokens } from './find-api-tokens.server.ts';
import { issueApiToken, issueApiTokenByEmail } from './issue-api-token.server.ts';
import { revokeApiToken } from './revoke-api-token.server.ts';
import { hashToken } from './token.server.ts';

const testDb = useTestDatabase();

async function person(organizationId: string, role?: Role) {
  const email = `person-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Person', password: 'person-password-1' }, systemActor);
  if (role) await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
  return { email, userId };
}

async function rowOf(id: string) {
  const [row] = await testDb.db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row!;
}

describe('issuing and checking a token', () => {
  test('the token is returned once and stored only as its hash; it lets its person in with a permission their role grants', async () => {
    const org = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const issued = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'export' });
    expect(issued.token).toMatch(/^bh_/);
    const row = await rowOf(issued.id);
    expect(row).toMatchObject({ organizationId: org.id, userId: director.userId, name: 'export', tokenHash: hashToken(issued.token), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(issued.token);

    expect(await checkApiToken(testDb.db, issued.token, org.id, 'registration:review')).toEqual({ ok: true, userId: director.userId, organizationId: org.id, tokenId: issued.id });
    expect((await rowOf(issued.id)).lastUsedAt).not.toBeNull();
  });

  test('no token, an unknown one or a revoked one is UNAUTHENTICATED; another organization or a role without the permission is FORBIDDEN', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const faculty = await person(org.id, 'faculty');
    const mine = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'a' });
    const facultyToken = await issueApiToken(testDb.db, { organizationId: org.id, userId: faculty.userId, name: 'b' });

    expect(await checkApiToken(testDb.db, undefined, org.id, 'registration:review')).toEqual({ ok: false, reason: 'UNAUTHENTICATED' });
    expect(await checkApiToken(testDb.db, 'bh_made-up', org.id, 'registration:review')).toEqual({ ok: false, reason: 'UNAUTHENTICATED' });
    expect(await checkApiToken(testDb.db, mine.token, other.id, 'registration:review')).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(await checkApiToken(testDb.db, facultyToken.token, org.id, 'registration:review')).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(await checkApiToken(testDb.db, mine.token, org.id, 'roles:manage')).toEqual({ ok: false, reason: 'FORBIDDEN' });
    // A refused token is not marked as used.
    expect((await rowOf(facultyToken.id)).lastUsedAt).toBeNull();

    expect(await revokeApiToken(testDb.db, mine.id)).toBe(true);
    expect(await checkApiToken(testDb.db, mine.token, org.id, 'registration:review')).toEqual({ ok: false, reason: 'UNAUTHENTICATED' });
    expect(await revokeApiToken(testDb.db, mine.id)).toBe(false);
    expect(await revokeApiToken(testDb.db, crypto.randomUUID())).toBe(false);
  });

  test('permission follows the person’s roles now: removing the role refuses the token without revoking it', async () => {
    const org = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const issued = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'a' });
    expect((await checkApiToken(testDb.db, issued.token, org.id, 'registration:review')).ok).toBe(true);
    await testDb.db.delete(organizationRoles).where(and(eq(organizationRoles.organizationId, org.id), eq(organizationRoles.userId, director.userId)));
    expect(await checkApiToken(testDb.db, issued.token, org.id, 'registration:review')).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect((await rowOf(issued.id)).revokedAt).toBeNull();
  });

  test('last use is written at most once a minute per token', async () => {
    const org = await createOrganization(testDb.db);
    const director = await person(org.id, 'admin');
    const issued = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'a' });
    await checkApiToken(testDb.db, issued.token, org.id, 'registration:review');
    const first = (await rowOf(issued.id)).lastUsedAt!;
    await checkApiToken(testDb.db, issued.token, org.id, 'registration:review');
    expect((await rowOf(issued.id)).lastUsedAt).toEqual(first);
    // A use more than a minute after the last one is written.
    await testDb.db.update(apiTokens).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(apiTokens.id, issued.id));
    const aged = (await rowOf(issued.id)).lastUsedAt!;
    await checkApiToken(testDb.db, issued.token, org.id, 'registration:review');
    expect((await rowOf(issued.id)).lastUsedAt!.getTime()).toBeGreaterThan(aged.getTime());
  });
});

describe('the operator’s commands', () => {
  test('issuing by organization slug and email (any case) says whether the person may review applications now', async () => {
    const org = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const member = await person(org.id, 'member');
    const forDirector = await issueApiTokenByEmail(testDb.db, { organizationSlug: org.slug, email: director.email.toUpperCase(), name: 'export' });
    expect(forDirector).toMatchObject({ organizationSlug: org.slug, grantsReview: true });
    expect((await rowOf(forDirector.id)).userId).toBe(director.userId);
    expect((await checkApiToken(testDb.db, forDirector.token, org.id, 'registration:review')).ok).toBe(true);
    const forMember = await issueApiTokenByEmail(testDb.db, { organizationSlug: org.slug, email: member.email, name: 'x' });
    expect(forMember.grantsReview).toBe(false);
  });

  test('an unknown organization or email is a coded error and issues nothing', async () => {
    const org = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const codeOf = (p: Promise<unknown>) => p.then(() => 'issued', (e: unknown) => (e instanceof DomainError ? e.code : e));
    expect(await codeOf(issueApiTokenByEmail(testDb.db, { organizationSlug: `nope-${org.slug}`, email: director.email, name: 'x' }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await codeOf(issueApiTokenByEmail(testDb.db, { organizationSlug: org.slug, email: `nobody-${director.email}`, name: 'x' }))).toBe('PERSON_NOT_FOUND');
    expect(await findApiTokens(testDb.db, org.slug)).toEqual([]);
  });

  test('the list shows the organization’s tokens, newest first, revoked ones marked, never another organization’s or a hash', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const director = await person(org.id, 'course_director');
    const older = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'older' });
    const newer = await issueApiToken(testDb.db, { organizationId: org.id, userId: director.userId, name: 'newer' });
    await issueApiToken(testDb.db, { organizationId: other.id, userId: director.userId, name: 'elsewhere' });
    await revokeApiToken(testDb.db, older.id);

    const list = await findApiTokens(testDb.db, org.slug);
    expect(list.map((t) => [t.id, t.name, t.email, t.revokedAt !== null])).toEqual([
      [newer.id, 'newer', director.email, false],
      [older.id, 'older', director.email, true],
    ]);
    expect(JSON.stringify(list)).not.toContain(hashToken(older.token));
    expect(await findApiTokens(testDb.db, `nope-${org.slug}`)).toEqual([]);
  });
});
