// One inquiry with its timeline, for the organization's staff; another organization's is not found.
import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { inquiries, inquiryEvents } from '#db/schema/inquiries.ts';
import { DomainError } from '#domain/errors.ts';

export async function getInquiry(db: DbOrTx, organizationId: string, inquiryId: string) {
  const assignee = aliasedTable(users, 'assignee');
  const [row] = await db
    .select({ inquiry: inquiries, assigneeName: assignee.name })
    .from(inquiries)
    .leftJoin(assignee, eq(assignee.id, inquiries.assigneeUserId))
    .where(and(eq(inquiries.organizationId, organizationId), eq(inquiries.id, inquiryId)));
  if (!row) throw new DomainError('INQUIRY_NOT_FOUND');
  const events = await db
    .select({
      id: inquiryEvents.id,
      kind: inquiryEvents.kind,
      body: inquiryEvents.body,
      fromValue: inquiryEvents.fromValue,
      toValue: inquiryEvents.toValue,
      outboxMessageId: inquiryEvents.outboxMessageId,
      at: inquiryEvents.at,
      actor: users.name,
    })
    .from(inquiryEvents)
    .leftJoin(users, eq(users.id, inquiryEvents.actorUserId))
    .where(and(eq(inquiryEvents.organizationId, organizationId), eq(inquiryEvents.inquiryId, inquiryId)))
    .orderBy(asc(inquiryEvents.at), asc(inquiryEvents.id));
  return { ...row.inquiry, assigneeName: row.assigneeName, events };
}
