// The member directory (issue 15, ADR 0070): what one current member of an organization may
// see of the others. Only people who are current members themselves (the membership
// capability's findCurrentMembership decides, so its notion of status — grace included — is
// the directory's) and who let members see their name are listed, each with the fields they
// consented to. A viewer who is not a current member is refused.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles, users } from '#db/schema/accounts.ts';
import { leaderTrainings } from '#db/schema/directory.ts';
import { directoryConsents } from '#db/schema/member-directory.ts';
import { DomainError } from '#domain/errors.ts';
import { findCurrentMembership } from '#domain/membership/memberships.server.ts';
import { directoryEntry, filterDirectory, leaderStatusOf, shownValues, sortDirectory, type DirectoryEntry, type DirectoryFilter, type MemberFacts } from './consent.ts';
import { CONSENT_FIELDS } from './consent.ts';

/** Throws MEMBERS_ONLY unless the person holds a current membership of the organization. */
export async function requireCurrentMember(db: DbOrTx, organizationId: string, person: { userId: string; email: string }, today: string): Promise<void> {
  const membership = await findCurrentMembership(db, organizationId, person, today);
  if (!membership) throw new DomainError('MEMBERS_ONLY', organizationId);
}

/** Verified trainings of these people in the organization, by person. */
export async function findVerifiedTrainings(db: DbOrTx, organizationId: string, userIds: string[]) {
  const byUser = new Map<string, { kind: string; description: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: leaderTrainings.userId, kind: leaderTrainings.kind, description: leaderTrainings.description, completedOn: leaderTrainings.completedOn })
    .from(leaderTrainings)
    .where(and(eq(leaderTrainings.organizationId, organizationId), inArray(leaderTrainings.userId, userIds), isNotNull(leaderTrainings.verifiedAt)))
    .orderBy(leaderTrainings.completedOn);
  for (const r of rows) (byUser.get(r.userId) ?? byUser.set(r.userId, []).get(r.userId)!).push(r);
  return byUser;
}

export interface MemberDirectory {
  entries: DirectoryEntry[];
  /** How many are listed before the search (so "no match" differs from "nobody listed"). */
  listed: number;
  cities: string[];
  professions: string[];
}

export async function findMemberDirectory(
  db: DbOrTx,
  input: { organizationId: string; viewer: { userId: string; email: string }; today: string; filter?: DirectoryFilter },
): Promise<MemberDirectory> {
  await requireCurrentMember(db, input.organizationId, input.viewer, input.today);
  // Candidates: people who let this organization's members see their name.
  const rows = await db
    .select({ consent: directoryConsents, name: users.name, email: users.email, credentials: profiles.credentials, city: profiles.city, profession: profiles.profession })
    .from(directoryConsents)
    .innerJoin(users, eq(users.id, directoryConsents.userId))
    .leftJoin(profiles, eq(profiles.userId, directoryConsents.userId))
    .where(and(eq(directoryConsents.organizationId, input.organizationId), eq(directoryConsents.showName, true)));
  // Each candidate must be a current member today; the membership capability decides.
  const current = [];
  for (const row of rows) {
    if (await findCurrentMembership(db, input.organizationId, { userId: row.consent.userId, email: row.email }, input.today)) current.push(row);
  }
  const trainings = await findVerifiedTrainings(
    db,
    input.organizationId,
    current.map((r) => r.consent.userId),
  );
  const all: DirectoryEntry[] = [];
  for (const row of current) {
    const own = trainings.get(row.consent.userId) ?? [];
    const facts: MemberFacts = {
      userId: row.consent.userId,
      name: row.name,
      credentials: row.credentials ?? '',
      city: row.city ?? '',
      profession: row.profession ?? '',
      training: own.filter((t) => t.kind === 'intensive' || t.kind === 'other').map((t) => t.description),
      leaderStatus: leaderStatusOf(own.map((t) => t.kind)),
    };
    const consent = Object.fromEntries(CONSENT_FIELDS.map((f) => [f, row.consent[f]])) as Parameters<typeof directoryEntry>[1];
    const entry = directoryEntry(facts, consent);
    if (entry) all.push(entry);
  }
  sortDirectory(all);
  return {
    entries: filterDirectory(all, input.filter ?? {}),
    listed: all.length,
    cities: shownValues(all, 'city'),
    professions: shownValues(all, 'profession'),
  };
}
