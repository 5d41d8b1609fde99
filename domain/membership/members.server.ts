// The staff member list (ADR 0068): each person's latest membership — a term or an imported
// row — with its status today in the organization's zone, filtered by type, status and "ends
// within N days", and the same list as CSV.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { memberships } from '#db/schema/registration.ts';
import { graceDaysOf } from './standing.server.ts';
import { addDays, statusOn, type MemberStatus } from './terms.ts';

export interface MemberRow {
  termId: string | null;
  name: string;
  email: string;
  typeKey: string;
  typeName: string;
  startsOn: string;
  endsOn: string;
  status: MemberStatus;
  source: 'online' | 'complimentary' | 'staff' | 'manual' | 'csv';
  grantedBy: string | null;
}

export interface MemberFilters {
  typeKey?: string;
  status?: MemberStatus;
  /** Ends within this many days from today (active members only). */
  endingWithin?: number;
  source?: MemberRow['source'];
}

export function memberFiltersFrom(params: URLSearchParams): { filters: MemberFilters; problem: boolean } {
  const filters: MemberFilters = {};
  const type = params.get('type')?.trim();
  if (type) filters.typeKey = type;
  const status = params.get('status');
  if (status === 'active' || status === 'grace' || status === 'lapsed') filters.status = status;
  const source = params.get('source');
  if (source === 'complimentary') filters.source = source;
  const ending = params.get('ending')?.trim();
  let problem = false;
  if (ending) {
    if (/^\d{1,4}$/.test(ending) && Number(ending) <= 3650) filters.endingWithin = Number(ending);
    else problem = true;
  }
  return { filters, problem };
}

export async function findMembers(db: DbOrTx, organizationId: string, filters: MemberFilters, today: string): Promise<MemberRow[]> {
  const graceDays = await graceDaysOf(db, organizationId);
  const terms = await db
    .select({ term: membershipTerms, typeKey: membershipTypes.key, typeName: membershipTypes.name, grantedBy: courses.title })
    .from(membershipTerms)
    .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
    .leftJoin(courses, eq(courses.id, membershipTerms.grantedByCourseId))
    .where(and(eq(membershipTerms.organizationId, organizationId), inArray(membershipTerms.status, ['active'])));
  const imported = await db.select().from(memberships).where(eq(memberships.organizationId, organizationId));
  const rows: MemberRow[] = [
    ...terms.map(({ term, typeKey, typeName, grantedBy }) => ({
      termId: term.id,
      name: term.name,
      email: term.email,
      typeKey,
      typeName,
      startsOn: term.startsOn,
      endsOn: term.endsOn,
      status: statusOn(term, today, graceDays),
      source: term.source,
      grantedBy,
    })),
    ...imported.map((m) => ({ termId: null, name: m.name, email: m.email.toLowerCase(), typeKey: m.type, typeName: m.type, startsOn: m.validFrom, endsOn: m.validTo, status: statusOn({ startsOn: m.validFrom, endsOn: m.validTo }, today, graceDays), source: m.source, grantedBy: null })),
  ];
  // Each person once: their latest membership.
  const latest = new Map<string, MemberRow>();
  for (const row of rows) {
    const key = row.email.toLowerCase();
    const seen = latest.get(key);
    if (!seen || row.endsOn > seen.endsOn) latest.set(key, row);
  }
  return [...latest.values()]
    .filter((r) => !filters.typeKey || r.typeKey === filters.typeKey)
    .filter((r) => !filters.status || r.status === filters.status)
    .filter((r) => !filters.source || r.source === filters.source)
    .filter((r) => filters.endingWithin === undefined || (r.status === 'active' && r.endsOn <= addDays(today, filters.endingWithin)))
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.email.localeCompare(b.email));
}

function cell(value: string): string {
  // Formula-looking cells are defused (CSV injection); quotes doubled.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function membersCsv(rows: MemberRow[], labels: { headers: string[]; status: (s: MemberStatus) => string; source: (s: MemberRow['source']) => string }): string {
  const lines = [labels.headers.map(cell).join(',')];
  for (const r of rows) lines.push([r.name, r.email, r.typeName, labels.status(r.status), r.startsOn, r.endsOn, labels.source(r.source), r.grantedBy ?? ''].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
