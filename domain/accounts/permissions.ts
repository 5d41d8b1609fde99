import type { Role } from '#db/schema/accounts.ts';

// Which roles grant which permission. Checked by every loader and action through the guards
// in app/lib/guards.server.ts; nothing else decides access.
export const PERMISSIONS = {
  'admin:access': ['admin', 'course_director', 'treasurer', 'financial_aid_committee'],
  'outbox:read': ['admin'],
  'audit:read': ['admin'],
  'roles:manage': ['admin'],
  'course:manage': ['admin', 'course_director'],
  'registration:review': ['admin', 'course_director'],
  'financial-aid:review': ['financial_aid_committee'],
  // Totals only, never an applicant's content.
  'financial-aid:report': ['admin', 'course_director', 'treasurer', 'financial_aid_committee'],
  // Statements, receipts, money reports and the reconcile report.
  'money:read': ['admin', 'course_director', 'treasurer'],
  // The organization's money settings: postal address, payment instructions (payee, bank
  // details), invoice due days, gift-receipt statement. Where money is sent: the treasurer's
  // and the admin's, not every course director's.
  'money:settings': ['admin', 'treasurer'],
  // Record checks and transfers received, issue invoices.
  'payments:record': ['admin', 'course_director', 'treasurer'],
  // The refund tracker: record cancellations received by mail, pay out refunds, override outcomes.
  'refunds:manage': ['admin', 'course_director', 'treasurer'],
  // CE credit policies, the director's signature, issuing and revoking certificates, the evaluation.
  'certificates:manage': ['admin', 'course_director'],
  'membership:manage': ['admin'],
  // Take attendance at any session of the organization's courses. Faculty take it too, but only
  // for the members of the small groups they lead (a row-level rule: domain/attendance/access.server.ts).
  'attendance:take': ['admin', 'course_director'],
  'api-token:manage': ['admin'],
  // One search for people and each person's record in the organization (issue 18).
  'people:search': ['admin', 'course_director', 'treasurer'],
  // The Balint groups directory: record and verify leaders' training, approve listings. Course
  // directors know who attended the intensives they ran.
  'directory:manage': ['admin', 'course_director'],
  // The inquiry inbox: speaker, demonstration and Intensive on the Road requests, general contact.
  'inquiries:manage': ['admin', 'course_director'],
  // The public site: pages, events and news, images, favicon and theme colour (issue 14).
  'site:manage': ['admin'],
  // Every listed group's series (ADR 0063); a group's own leaders manage theirs (a row-level rule:
  // domain/series/series.server.ts).
  'series:manage': ['admin', 'course_director'],
  // The organization's words for its automated messages (ADR 0069).
  'email_templates:manage': ['admin'],
  // Messages to the people of a course and scheduled course messages (issues 18 and 15).
  'course_messages:send': ['admin', 'course_director'],
  'member:area': ['admin', 'course_director', 'treasurer', 'faculty', 'financial_aid_committee', 'member'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
