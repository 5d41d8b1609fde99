// The directors' view of a course's applications: filtered lists and one application in full.
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
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

/** Applications to one course in submission order, narrowed by the filters. */
export async function findApplications(db: DbOrTx, input: { organizationId: string; courseId: string } & ApplicationFilters): Promise<Registration[]> {
  const conditions: SQL[] = [eq(registrations.organizationId, input.organizationId), eq(registrations.courseId, input.courseId)];
  if (input.status) conditions.push(eq(registrations.status, input.status));
  if (input.categoryKey) conditions.push(eq(registrations.categoryKey, input.categoryKey));
  if (input.membershipCheck) conditions.push(eq(registrations.membershipCheck, input.membershipCheck));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    conditions.push(or(ilike(registrations.name, pattern), ilike(registrations.email, pattern))!);
  }
  return db
    .select()
    .from(registrations)
    .where(and(...conditions))
    .orderBy(asc(registrations.submittedAt), asc(registrations.sequence));
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
