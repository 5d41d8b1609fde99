// Minimal membership records that member rates are checked against, entered by hand or
// imported from CSV. An import saves every row or none.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { memberships } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findMemberStanding } from './standing.server.ts';
import { parseMembershipCsv, type MembershipInput, type RowProblem } from './parse-membership-csv.ts';

export async function findMemberships(db: DbOrTx, organizationId: string, limit = 500) {
  return db.select().from(memberships).where(eq(memberships.organizationId, organizationId)).orderBy(desc(memberships.createdAt)).limit(limit);
}

async function userIdsByEmail(tx: DbOrTx, emails: string[]): Promise<Map<string, string>> {
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (lower.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, lower));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

export async function addMembership(db: DbOrTx, input: { organizationId: string } & MembershipInput, actor: Actor) {
  return db.transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const userId = (await userIdsByEmail(tx, [email])).get(email) ?? null;
    const [row] = await tx
      .insert(memberships)
      .values({ organizationId: input.organizationId, userId, email, name: input.name, type: input.type || 'regular', validFrom: input.validFrom, validTo: input.validTo, source: 'manual' })
      .returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership.added', entityType: 'membership', entityId: row!.id, after: row });
    return row!;
  });
}

export class MembershipImportError extends DomainError {
  readonly problems: RowProblem[];
  constructor(problems: RowProblem[]) {
    super('MEMBERSHIP_IMPORT_INVALID', `${problems.length} problems`);
    this.problems = problems;
  }
}

/** Checks the whole file first; any problem saves nothing. Returns the number imported. */
export async function importMemberships(db: Db, input: { organizationId: string; csv: string }, actor: Actor): Promise<number> {
  const parsed = parseMembershipCsv(input.csv);
  if (parsed.problems.length > 0 || parsed.rows.length === 0) throw new MembershipImportError(parsed.problems);
  return db.transaction(async (tx) => {
    const ids = await userIdsByEmail(tx, parsed.rows.map((r) => r.email));
    const inserted = await tx
      .insert(memberships)
      .values(
        parsed.rows.map((r) => ({
          organizationId: input.organizationId,
          userId: ids.get(r.email.toLowerCase()) ?? null,
          email: r.email.toLowerCase(),
          name: r.name,
          type: r.type || 'regular',
          validFrom: r.validFrom,
          validTo: r.validTo,
          source: 'csv' as const,
        })),
      )
      .returning({ id: memberships.id });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'membership.imported',
      entityType: 'organization',
      entityId: input.organizationId,
      after: { count: inserted.length, ids: inserted.map((r) => r.id) },
    });
    return inserted.length;
  });
}

/**
 * The person's membership of the organization on `today` (a local date), by their account or
 * their email: active, or in grace after its end (ADR 0068). A wrapper over findMemberStanding,
 * the one answer to "is this person a member", kept for its callers.
 */
export async function findCurrentMembership(db: DbOrTx, organizationId: string, person: { userId: string; email: string }, today: string) {
  const standing = await findMemberStanding(db, organizationId, person, today);
  return standing ? { type: standing.type, validTo: standing.validTo, status: standing.status, grantsMemberPrices: standing.grantsMemberPrices } : undefined;
}

/** Only for tests and checks: the records of one email. */
export async function findMembershipsByEmail(db: DbOrTx, organizationId: string, email: string) {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(sql`lower(${memberships.email})`, email.toLowerCase())));
}
