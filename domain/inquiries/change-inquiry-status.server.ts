// Staff move an inquiry along: new, in discussion, scheduled, declined, done (any to any: a
// declined request may come back). Choosing the status it already has changes nothing.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { inquiries, type InquiryStatus } from '#db/schema/inquiries.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { lockInquiry, recordInquiryEvent } from './inquiry-records.server.ts';

export async function changeInquiryStatus(db: DbOrTx, input: { organizationId: string; inquiryId: string; status: InquiryStatus }, actor: Actor): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const inquiry = await lockInquiry(tx, input.organizationId, input.inquiryId);
    if (inquiry.status === input.status) return { changed: false };
    await tx.update(inquiries).set({ status: input.status }).where(eq(inquiries.id, inquiry.id));
    await recordInquiryEvent(tx, inquiry, actor, { kind: 'status', fromValue: inquiry.status, toValue: input.status });
    return { changed: true };
  });
}
