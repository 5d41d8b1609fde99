// The inbox: an organization's inquiries, newest first, filtered by status and kind, with
// how many there are in each status.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { INQUIRY_KINDS, INQUIRY_STATUSES, inquiries, type InquiryKind, type InquiryStatus } from '#db/schema/inquiries.ts';

export const INBOX_LIMIT = 200;

export interface InquiryFilters {
  status: InquiryStatus | null;
  kind: InquiryKind | null;
}

/** Filters from the query string; anything unknown means "all". */
export function inquiryFiltersFrom(search: URLSearchParams): InquiryFilters {
  const status = search.get('status');
  const kind = search.get('kind');
  return {
    status: (INQUIRY_STATUSES as readonly string[]).includes(status ?? '') ? (status as InquiryStatus) : null,
    kind: (INQUIRY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as InquiryKind) : null,
  };
}

export async function findInquiries(db: DbOrTx, organizationId: string, filters: InquiryFilters) {
  const where: SQL[] = [eq(inquiries.organizationId, organizationId)];
  if (filters.status) where.push(eq(inquiries.status, filters.status));
  if (filters.kind) where.push(eq(inquiries.kind, filters.kind));
  return db
    .select({
      id: inquiries.id,
      kind: inquiries.kind,
      status: inquiries.status,
      requesterName: inquiries.requesterName,
      groupName: inquiries.groupName,
      leadersToTrain: inquiries.leadersToTrain,
      createdAt: inquiries.createdAt,
      updatedAt: inquiries.updatedAt,
      assignee: users.name,
    })
    .from(inquiries)
    .leftJoin(users, eq(users.id, inquiries.assigneeUserId))
    .where(and(...where))
    .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
    .limit(INBOX_LIMIT);
}

export async function countInquiriesByStatus(db: DbOrTx, organizationId: string): Promise<Record<InquiryStatus, number>> {
  const rows = await db.select({ status: inquiries.status, n: count() }).from(inquiries).where(eq(inquiries.organizationId, organizationId)).groupBy(inquiries.status);
  const counts = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<InquiryStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
