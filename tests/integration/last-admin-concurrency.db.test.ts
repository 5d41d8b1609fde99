// The two administrators of an organization delete their accounts at the same moment (ADR 0070).
// Each deletion locks the organization's administrator rows before counting the others, so one
// account is deleted and the other refused as the last administrator, under the worst
// interleaving: both are held at the race point (after counting) until both have counted or one
// waits on the lock. The negative control switches the locks off: both then count the other,
// both are deleted, and the organization is left with no administrator.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { organizationRoles } from '../../db/schema/accounts.ts';
import { assignRole, createVerifiedAccount } from '../../domain/accounts/create-account.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { deleteAccount } from '../../domain/personal-data/delete-account.server.ts';
import { createOrganization } from '../helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { useTestDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const PASSWORD = 'a-long-enough-password';

async function bothLeaveAtOnce() {
  const org = await createOrganization(testDb.db);
  const admins = [];
  for (const name of ['First Admin', 'Second Admin']) {
    const email = `${crypto.randomBytes(4).toString('hex')}@example.org`;
    const { userId } = await createVerifiedAccount(testDb.db, { email, name, password: PASSWORD }, systemActor);
    await assignRole(testDb.db, { organizationId: org.id, userId, role: 'admin' }, systemActor);
    admins.push({ userId, email });
  }
  const race = forceRace(testDb.pool, 'account.admins-counted', 2);
  try {
    const results = await Promise.allSettled(
      admins.map((a) =>
        race.run(() => testDb.db.transaction((tx) => deleteAccount(tx, { userId: a.userId, password: PASSWORD, confirmation: a.email, today: '2026-12-06' }, { userId: a.userId }, { keys: KEY }))),
      ),
    );
    const left = await testDb.db.select().from(organizationRoles).where(and(eq(organizationRoles.organizationId, org.id), eq(organizationRoles.role, 'admin')));
    return { results, left };
  } finally {
    race.end();
  }
}

test('two administrators delete their accounts at once: one is deleted, the other refused as the last administrator', async () => {
  const { results, left } = await bothLeaveAtOnce();
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const refused = results.find((r) => r.status === 'rejected');
  expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({ code: 'DELETE_LAST_ADMIN' });
  expect(left).toHaveLength(1);
});

test('negative control: with the locks off the same forced race deletes both and leaves no administrator, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { results, left } = await bothLeaveAtOnce();
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(left).toHaveLength(0);
    }
  });
});
