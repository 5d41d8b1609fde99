// Directors issue discount codes (e.g. for members of other countries' Balint societies).
// Applying a code and counting its uses under a lock happens in placeRegistration; here codes
// are issued, listed with their uses, and disabled.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { ACTIVE, discountCodes, registrations, type DiscountKind } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { lockDiscountCode } from '#domain/registration/lock-discount-code.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { normalizeCode } from './rules.ts';

export interface IssueCodeInput {
  organizationId: string;
  courseId: string;
  code: string;
  kind: DiscountKind;
  /** Minor units for fixed, whole percent for percent. */
  amount: number;
  maxUses: number | null;
  expiresOn: string | null;
  categoryKeys: string[];
  note: string;
}

export type DiscountCode = typeof discountCodes.$inferSelect;

export async function issueDiscountCode(db: Db, input: IssueCodeInput, actor: Actor): Promise<DiscountCode> {
  const code = normalizeCode(input.code);
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const [clash] = await tx.select({ id: discountCodes.id }).from(discountCodes).where(and(eq(discountCodes.courseId, course.id), eq(discountCodes.code, code)));
    if (clash) throw new DomainError('DISCOUNT_CODE_TAKEN', code, { code: 'DISCOUNT_CODE_TAKEN' });
    const [created] = await tx
      .insert(discountCodes)
      .values({
        organizationId: input.organizationId,
        courseId: course.id,
        code,
        kind: input.kind,
        amount: input.amount,
        maxUses: input.maxUses,
        expiresOn: input.expiresOn,
        categoryKeys: input.categoryKeys,
        note: input.note,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'discount_code.issued', entityType: 'discount_code', entityId: created!.id, after: created });
    return created!;
  });
}

/** Codes of a course with their uses: registrations with the code whose status is still active. */
export async function findDiscountCodes(db: DbOrTx, organizationId: string, courseId: string) {
  const codes = await db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.organizationId, organizationId), eq(discountCodes.courseId, courseId)))
    .orderBy(asc(discountCodes.createdAt));
  if (codes.length === 0) return [];
  const uses = await db
    .select({ id: registrations.discountCodeId, n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(inArray(registrations.discountCodeId, codes.map((c) => c.id)), inArray(registrations.status, [...ACTIVE])))
    .groupBy(registrations.discountCodeId);
  return codes.map((c) => ({ ...c, uses: uses.find((u) => u.id === c.id)?.n ?? 0 }));
}

/**
 * Disabling stops new uses; those who used the code keep their discount. Under the code's
 * lock, the same one applying it takes, so no use slips in while it is being disabled.
 */
export async function disableDiscountCode(db: Db, input: { organizationId: string; courseId: string; codeId: string }, actor: Actor): Promise<DiscountCode> {
  return withScarceLocks(db, async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const [found] = await tx.select().from(discountCodes).where(and(eq(discountCodes.id, input.codeId), eq(discountCodes.courseId, course.id)));
    if (!found) throw new DomainError('DISCOUNT_CODE_NOT_FOUND', input.codeId);
    const code = (await lockDiscountCode(tx, course.id, found.code))!;
    const [after] = await tx.update(discountCodes).set({ disabledAt: code.disabledAt ?? new Date() }).where(eq(discountCodes.id, code.id)).returning();
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'discount_code.disabled',
      entityType: 'discount_code',
      entityId: code.id,
      before: { disabledAt: code.disabledAt },
      after: { disabledAt: after!.disabledAt },
    });
    return after!;
  });
}
