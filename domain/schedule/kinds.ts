// Session kinds for the forms and pages (browser code too): the same list as the schema's, checked
// by type so the browser bundle never pulls in the database schema.
import type { SessionKind } from '#db/schema/course-running.ts';

export const SESSION_KIND_CHOICES = ['small_group', 'discussion_group', 'faculty_panel', 'debrief', 'large_group', 'meal', 'break', 'other'] as const satisfies readonly SessionKind[];

// Fails to compile if the schema gains a kind this list lacks.
type Missing = Exclude<SessionKind, (typeof SESSION_KIND_CHOICES)[number]>;
export const NO_MISSING_KIND: Missing extends never ? true : never = true;

/** Kinds that carry no credit: nobody earns continuing-education credit for lunch. */
export const NO_CREDIT_KINDS: readonly SessionKind[] = ['meal', 'break'];
