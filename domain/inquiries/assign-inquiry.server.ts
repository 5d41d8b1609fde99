// Staff give an inquiry to one of the organization's inquiry staff, or to nobody.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findInquiryStaff } from './find-inquiry-staff.server.ts';
import { lockInquiry, recordInquiryEvent } from './inquiry-records.server.ts';

export async function assignInquiry(db: DbOrTx, input: { organizationId: string; inquiryId: string; assigneeUserId: string | null }, actor: Actor): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const inquiry = await lockInquiry(tx, input.organizationId, input.inquiryId);
    if (input.assigneeUserId !== null) {
      const staff = await findInquiryStaff(tx, input.organizationId);
      if (!staff.some((s) => s.userId === input.assigneeUserId)) throw new DomainError('INQUIRY_ASSIGNEE_NOT_STAFF', undefined, { assigneeUserId: 'INQUIRY_ASSIGNEE_NOT_STAFF' });
    }
    if (inquiry.assigneeUserId === input.assigneeUserId) return { changed: false };
    await tx.update(inquiries).set({ assigneeUserId: input.assigneeUserId }).where(eq(inquiries.id, inquiry.id));
    await recordInquiryEvent(tx, inquiry, actor, { kind: 'assigned', fromValue: inquiry.assigneeUserId, toValue: input.assigneeUserId });
    return { changed: true };
  });
}
