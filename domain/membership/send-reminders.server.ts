// Renewal reminders (ADR 0068): 30 and 7 days before a membership ends, the day after it ends,
// and the day after its grace ends — each at most once per term (a membership_reminders row is
// the idempotency key, written with the email in one transaction), on the organization's local
// date. Only a person's latest term is reminded about: once renewed, the old term's end is moot.
// A run that missed days sends the latest reminder due, never a stale one, and gives up on a
// term a week after its grace ended.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { membershipReminders, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { recordAudit } from '#domain/audit/record-audit.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { queueReminderEmail } from './notify.server.ts';
import { graceDaysOf, latestTermEnd } from './standing.server.ts';
import { addDays, reminderDue } from './terms.ts';

const CATCH_UP_DAYS = 7;

/**
 * Reminders are non-essential mail (ADR 0069): `publicUrl` and `secretKey` (services'
 * encryptionKey) sign each one's unsubscribe link; an unsubscribed address's reminder is kept in
 * the outbox as suppressed, and the reminder counts as sent (it is not tried again).
 */
export async function sendMembershipReminders(db: Db, context: { now?: Date; publicUrl: string; secretKey: Buffer }): Promise<{ sent: number; emailIds: string[] }> {
  const now = context.now ?? new Date();
  const orgs = await db.select({ id: organizations.id, timeZone: organizations.timeZone }).from(organizations);
  const emailIds: string[] = [];
  for (const org of orgs) {
    const today = localDate(now, org.timeZone);
    const graceDays = await graceDaysOf(db, org.id);
    const terms = await db
      .select({ term: membershipTerms, typeName: membershipTypes.name })
      .from(membershipTerms)
      .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
      .where(
        and(
          eq(membershipTerms.organizationId, org.id),
          eq(membershipTerms.status, 'active'),
          gte(membershipTerms.endsOn, addDays(today, -(graceDays + 1 + CATCH_UP_DAYS))),
          lte(membershipTerms.endsOn, addDays(today, 30)),
        ),
      );
    for (const { term, typeName } of terms) {
      const latest = await latestTermEnd(db, org.id, { userId: term.userId, email: term.email });
      if (latest && latest > term.endsOn) continue;
      const sent = await db.select({ kind: membershipReminders.kind }).from(membershipReminders).where(eq(membershipReminders.termId, term.id));
      const due = reminderDue(term.endsOn, graceDays, today, sent.map((s) => s.kind));
      if (!due) continue;
      const id = await db.transaction(async (tx) => {
        const [claimed] = await tx.insert(membershipReminders).values({ organizationId: org.id, termId: term.id, kind: due, sentOn: today }).onConflictDoNothing().returning({ id: membershipReminders.id });
        if (!claimed) return null; // another run sent it
        await recordAudit(tx, systemActor, { organizationId: org.id, action: 'membership.reminded', entityType: 'membership_term', entityId: term.id, after: { kind: due, on: today } });
        return queueReminderEmail(tx, { organizationId: org.id, email: term.email, name: term.name, typeName, startsOn: term.startsOn, endsOn: term.endsOn }, due, graceDays, { publicUrl: context.publicUrl, secretKey: context.secretKey });
      });
      if (id) emailIds.push(id);
    }
  }
  return { sent: emailIds.length, emailIds };
}

/** Test helper and staff view: the reminders a term has had. */
export async function findTermReminders(db: Db, termIds: string[]) {
  if (termIds.length === 0) return [];
  return db.select().from(membershipReminders).where(inArray(membershipReminders.termId, termIds));
}
