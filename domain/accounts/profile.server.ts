import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles, users } from '#db/schema/accounts.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';

export { profileSchema, type ProfileInput } from './profile-schema.ts';
import type { ProfileInput } from './profile-schema.ts';

export async function getProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ user: users, profile: profiles })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return undefined;
  return {
    name: row.user.name,
    email: row.user.email,
    credentials: row.profile?.credentials ?? '',
    profession: row.profile?.profession ?? '',
    institution: row.profile?.institution ?? '',
    city: row.profile?.city ?? '',
    region: row.profile?.region ?? '',
    country: row.profile?.country ?? '',
  };
}

export async function updateProfile(db: DbOrTx, userId: string, input: ProfileInput, actor: Actor): Promise<void> {
  const { name, ...rest } = input;
  const before = await getProfile(db, userId);
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
  await db
    .insert(profiles)
    .values({ userId, ...rest })
    .onConflictDoUpdate({ target: profiles.userId, set: { ...rest, updatedAt: new Date() } });
  await recordAudit(db, actor, { organizationId: null, action: 'profile.updated', entityType: 'user', entityId: userId, before, after: input });
}
