// Refunds must not be forgotten: once a day, the organization hears about every open refund
// due within three days or already overdue — one email per organization and day (its own
// time zone), to its contact address or else to its admins and treasurers.
// refunds.last_reminder_on records the day each refund was last mentioned; the organization
// row is locked while a run decides, so two processes never send the same day's email twice.
import type { Logger } from '#lib/log.server.ts';
import { and, eq, gte, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { organizationRoles, users } from '#db/schema/accounts.ts';
import { courses } from '#db/schema/courses.ts';
import { refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { addDays, localDate } from '#domain/money/policy.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { refundReminderEmail, type ReminderItem } from './emails.ts';

export const REMIND_DAYS_BEFORE = 3;
const OPEN = ['due', 'processing', 'failed'] as const;

/** Where an organization's refund reminders go: the contact address, else its admins and treasurers. */
export async function reminderRecipients(db: DbOrTx, organizationId: string, contactEmail: string | null): Promise<string[]> {
  if (contactEmail?.trim()) return [contactEmail.trim()];
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(organizationRoles)
    .innerJoin(users, eq(users.id, organizationRoles.userId))
    .where(and(eq(organizationRoles.organizationId, organizationId), inArray(organizationRoles.role, ['admin', 'treasurer'])));
  return rows.map((r) => r.email).sort();
}

export async function remindRefunds(db: Db, context: { publicUrl: string; now?: Date; log?: Logger }): Promise<string[]> {
  const now = context.now ?? new Date();
  const orgIds = await db.selectDistinct({ id: refunds.organizationId }).from(refunds).where(inArray(refunds.status, [...OPEN]));
  const emailIds: string[] = [];
  for (const { id: organizationId } of orgIds) {
    // 'no key update': serializes reminder runs per organization without blocking the foreign-key
    // share locks every money write takes on the organization row (FOR UPDATE deadlocked them).
    const ids = await db.transaction(async (tx) => {
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
      if (!org) return [];
      const today = localDate(now, org.timeZone);
      const [already] = await tx
        .select({ id: refunds.id })
        .from(refunds)
        .where(and(eq(refunds.organizationId, organizationId), gte(refunds.lastReminderOn, today)))
        .limit(1);
      if (already) return [];
      const rows = await tx
        .select({ refund: refunds, name: registrations.name, course: courses.title, timeZone: courses.timeZone })
        .from(refunds)
        .innerJoin(registrations, eq(registrations.id, refunds.registrationId))
        .innerJoin(courses, eq(courses.id, registrations.courseId))
        .where(
          and(
            eq(refunds.organizationId, organizationId),
            inArray(refunds.status, [...OPEN]),
            lte(refunds.dueOn, addDays(today, REMIND_DAYS_BEFORE)),
            or(isNull(refunds.lastReminderOn), lt(refunds.lastReminderOn, today)),
          ),
        )
        .orderBy(refunds.dueOn, registrations.name);
      if (rows.length === 0) return [];
      const recipients = await reminderRecipients(tx, organizationId, org.contactEmail);
      if (recipients.length === 0) return [];
      const items: ReminderItem[] = rows.map((r) => ({
        name: r.name,
        course: r.course,
        amountMinor: r.refund.amountMinor,
        currency: r.refund.currency,
        dueOn: r.refund.dueOn,
        overdue: r.refund.dueOn < localDate(now, r.timeZone),
      }));
      await tx.update(refunds).set({ lastReminderOn: today }).where(inArray(refunds.id, rows.map((r) => r.refund.id)));
      const templates = await loadEmailTemplates(tx, organizationId);
      const email = refundReminderEmail({ orgName: org.name, orgSlug: org.slug, publicUrl: context.publicUrl, items, templates });
      const queued: string[] = [];
      for (const to of recipients) queued.push(await queueEmail(tx, { organizationId, kind: 'refunds.reminder', to, ...email }));
      return queued;
    }).catch((error: unknown) => {
      // One organization's trouble must not cost the others their reminders; the next run retries.
      context.log?.warn({ organizationId, err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'refund reminders failed for an organization');
      return [] as string[];
    });
    emailIds.push(...ids);
  }
  return emailIds;
}
