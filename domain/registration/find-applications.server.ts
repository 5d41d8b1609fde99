// The directors' view of a course's applications: filtered lists and one application in full.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { REGISTRATION_STATUSES, registrations, type MembershipCheck, type RegistrationStatus } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import type { Registration } from './place-registration.server.ts';

export interface ApplicationFilters {
  status?: RegistrationStatus;
  categoryKey?: string;
  membershipCheck?: MembershipCheck;
  /** Part of a name or email. */
  q?: string;
}

/** Reads filters from a query string; unknown values are ignored rather than trusted. */
export function applicationFiltersFrom(params: URLSearchParams): ApplicationFilters {
  const status = params.get('status') ?? '';
  const membershipCheck = params.get('membership') ?? '';
  const categoryKey = params.get('category')?.trim() ?? '';
  const q = params.get('q')?.trim() ?? '';
  return {
    status: (REGISTRATION_STATUSES as readonly string[]).includes(status) ? (status as RegistrationStatus) : undefined,
    membershipCheck: ['not_needed', 'verified', 'to_verify'].includes(membershipCheck) ? (membershipCheck as MembershipCheck) : undefined,
    categoryKey: categoryKey || undefined,
    q: q ? q.slice(0, 200) : undefined,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type ApplicationsOf = { organizationId: string; courseId: string } & ApplicationFilters;

function conditionsOf(input: ApplicationsOf): SQL[] {
  const conditions: SQL[] = [eq(registrations.organizationId, input.organizationId), eq(registrations.courseId, input.courseId)];
  if (input.status) conditions.push(eq(registrations.status, input.status));
  if (input.categoryKey) conditions.push(eq(registrations.categoryKey, input.categoryKey));
  if (input.membershipCheck) conditions.push(eq(registrations.membershipCheck, input.membershipCheck));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    conditions.push(or(ilike(registrations.name, pattern), ilike(registrations.email, pattern))!);
  }
  return conditions;
}

/** Applications to one course in submission order, narrowed by the filters. */
export async function findApplications(db: DbOrTx, input: ApplicationsOf): Promise<Registration[]> {
  return db
    .select()
    .from(registrations)
    .where(and(...conditionsOf(input)))
    .orderBy(asc(registrations.submittedAt), asc(registrations.sequence));
}

export interface ApplicationPage {
  items: Registration[];
  /** Opaque; names the last row of this page. Null on the last page. */
  nextCursor: string | null;
}

// The cursor names the last row seen; comparing in SQL keeps PostgreSQL's microseconds.
function encodeCursor(r: Registration): string {
  return Buffer.from(r.id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined;
}

/**
 * The same list a page at a time (keyset: the page after `cursor`), for the API. BAD_CURSOR
 * when the cursor is not one this function made.
 */
export async function findApplicationPage(db: DbOrTx, input: ApplicationsOf & { limit: number; cursor?: string }): Promise<ApplicationPage | 'BAD_CURSOR'> {
  const conditions = conditionsOf(input);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    if (!after) return 'BAD_CURSOR';
    conditions.push(
      sql`(${registrations.submittedAt}, ${registrations.sequence}) > (select r.submitted_at, r.sequence from registrations r where r.id = ${after} and r.course_id = ${input.courseId})`,
    );
  }
  const rows = await db
    .select()
    .from(registrations)
    .where(and(...conditions))
    .orderBy(asc(registrations.submittedAt), asc(registrations.sequence))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/** One application of the organization's course, or REGISTRATION_NOT_FOUND. */
export async function getApplication(db: DbOrTx, input: { organizationId: string; courseId: string; registrationId: string }): Promise<Registration> {
  const [found] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId), eq(registrations.courseId, input.courseId)));
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  return found;
}
