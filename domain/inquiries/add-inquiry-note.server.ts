// An internal note on an inquiry's timeline: seen by the organization's inquiry staff only.
import type { DbOrTx } from '#db/client.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { lockInquiry, recordInquiryEvent } from './inquiry-records.server.ts';

export async function addInquiryNote(db: DbOrTx, input: { organizationId: string; inquiryId: string; body: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const inquiry = await lockInquiry(tx, input.organizationId, input.inquiryId);
    await recordInquiryEvent(tx, inquiry, actor, { kind: 'note', body: input.body });
  });
}
