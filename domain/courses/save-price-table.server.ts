// The price table is replaced as a whole: categories in order, one explicit amount per cell.
// Registrations keep the prices they agreed to (their policy snapshot), so edits never reach them.
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { coursePriceCategories, coursePrices } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import type { PriceRowInput } from './course-schema.ts';
import { getPriceTable } from './get-staff-course.server.ts';

export async function savePriceTable(db: Db, input: { organizationId: string; courseId: string; rows: PriceRowInput[] }, actor: Actor): Promise<void> {
  if (input.rows.length === 0) throw new DomainError('PRICE_TABLE_INCOMPLETE');
  await withScarceLocks(db, async (tx) => {
    // The course row is the lock registration takes too (docs/decisions/0021).
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const before = await getPriceTable(tx, input.organizationId, course.id);
    await tx.delete(coursePrices).where(eq(coursePrices.courseId, course.id));
    await tx.delete(coursePriceCategories).where(eq(coursePriceCategories.courseId, course.id));
    const scope = { organizationId: input.organizationId, courseId: course.id };
    await tx.insert(coursePriceCategories).values(
      input.rows.map((r, position) => ({ ...scope, key: r.key, label: r.label, position, requiresMembership: r.requiresMembership, requiresTraineeStatus: r.requiresTraineeStatus })),
    );
    await tx.insert(coursePrices).values(
      input.rows.flatMap((r, position) => [
        ...(r.early === null ? [] : [{ ...scope, categoryKey: r.key, categoryLabel: r.label, position, tier: 'early' as const, amountMinor: r.early }]),
        { ...scope, categoryKey: r.key, categoryLabel: r.label, position, tier: 'regular' as const, amountMinor: r.regular },
      ]),
    );
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'course.prices_saved', entityType: 'course', entityId: course.id, before, after: input.rows });
  });
}
