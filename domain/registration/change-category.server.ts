// Staff move a registration to another price category, with a reason. The tier stays the one
// the applicant got; the price difference goes to the registration's balance.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { coursePriceCategories, coursePrices } from '#db/schema/courses.ts';
import { discountCodes, PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { reviseOpenInvoices } from '#domain/billing/invoice-revision.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { settleCredit } from '#domain/money/settle-credit.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import type { StatusChange } from './status-change.server.ts';
import { quote } from './rules.ts';

export async function changeCategory(
  db: Db,
  input: { organizationId: string; registrationId: string; categoryKey: string; reason: string },
  actor: Actor,
  context: NotifyContext & { now?: Date },
): Promise<StatusChange> {
  if (!input.reason.trim()) throw new DomainError('REASON_REQUIRED', undefined, { reason: 'REQUIRED' });
  return withScarceLocks(db, async (tx) => {
    const [found] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId)));
    if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
    const course = await lockCourse(tx, input.organizationId, found.courseId);
    const [category] = await tx
      .select()
      .from(coursePriceCategories)
      .where(and(eq(coursePriceCategories.courseId, course.id), eq(coursePriceCategories.key, input.categoryKey)));
    if (!category) throw new DomainError('UNKNOWN_CATEGORY', input.categoryKey, { categoryKey: 'UNKNOWN_CATEGORY' });
    const cells = await tx.select().from(coursePrices).where(eq(coursePrices.courseId, course.id));
    // The same tier, the same code: a percent code is re-applied to the new category's price.
    const [code] = found.discountCodeId ? await tx.select().from(discountCodes).where(eq(discountCodes.id, found.discountCodeId)) : [];
    const price = quote(cells, category.key, found.tier, code ? { kind: code.kind, amount: code.amount } : undefined);
    if (!price) throw new DomainError('PRICE_NOT_SET', category.key);
    const newAmount = price.amountMinor;
    const currentAmount = found.amountMinor;
    // A registration that holds a place is charged: the difference goes to its ledger.
    const [locked] = await tx.select().from(registrations).where(eq(registrations.id, found.id)).for('update');
    if (locked && PLACE_HOLDING.includes(locked.status)) {
      const account = await registrationAccount(tx, found.id);
      const now = context.now ?? new Date();
      const base = { organizationId: found.organizationId, registrationId: found.id, currency: found.currency, effectiveOn: localDate(now, found.policy.timeZone), createdBy: actor.userId };
      // Against the price entries only: aid awards and retained fees stand as they are.
      const priced = account.chargedMinor + account.discountMinor + account.adjustmentMinor;
      await postEntries(tx, [{ ...base, kind: 'adjustment', amountMinor: newAmount - priced, reason: `category change to ${category.label}: ${input.reason.trim()}` }]);
    }
    const [after] = await tx
      .update(registrations)
      .set({
        categoryKey: category.key,
        baseAmountMinor: price.baseAmountMinor,
        discountMinor: price.discountMinor,
        amountMinor: newAmount,
        policy: { ...found.policy, categoryLabel: category.label },
        updatedAt: context.now ?? new Date(),
      })
      .where(eq(registrations.id, found.id))
      .returning();
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'registration.category_changed',
      entityType: 'registration',
      entityId: found.id,
      before: { categoryKey: found.categoryKey, amountDueMinor: currentAmount },
      after: { categoryKey: category.key, amountDueMinor: newAmount, reason: input.reason.trim() },
    });
    const emailIds = [await queueRegistrationEmail(tx, 'categoryChanged', after!, course, context, { reason: input.reason.trim() })];
    if (after && PLACE_HOLDING.includes(after.status)) {
      // Paid more than the new price: the difference is refunded.
      await settleCredit(tx, { registration: after, reason: 'overpayment', dueOn: localDate(context.now ?? new Date(), found.policy.timeZone), actor });
      // What is owed changed: an open invoice is replaced or adjusted now, and the payer told (billing).
      const revised = await reviseOpenInvoices(tx, {
        organizationId: found.organizationId,
        registrationId: found.id,
        change: { kind: 'category_change', categoryLabel: category.label, courseTitle: course.title },
        actor,
        publicUrl: context.publicUrl,
        now: context.now,
      });
      emailIds.push(...revised.emailIds);
    }
    return { registration: after!, emailIds };
  });
}
