// The rules of a course's schedule, as pure functions: what a session may be, where it may
// sit, and what credit it carries. The use cases (save-session, copy-day, copy-schedule) call
// these inside the transaction that holds the course's lock. See ADR 0054.
import { SESSION_KINDS, type SessionKind } from '#db/schema/course-running.ts';
import { NO_CREDIT_KINDS } from './kinds.ts';

export { NO_CREDIT_KINDS };
import { instantToLocal, localToInstant } from './local-time.ts';

/** Kinds whose credit defaults to their length (the teaching itself). `other` defaults to none. */
export const CREDIT_BEARING_KINDS: readonly SessionKind[] = ['small_group', 'discussion_group', 'faculty_panel', 'debrief', 'large_group'];


export interface CourseDates {
  startsOn: string;
  endsOn: string;
  timeZone: string;
}

/** A session as staff type it: local date and times in the course's zone. */
export interface SessionDraft {
  kind: SessionKind;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  room: string;
  onlineUrl: string;
  isPublic: boolean;
  /** Accrediting body → minutes typed; a body left out (or blank) takes the kind's default. */
  creditMinutes: Record<string, number | null>;
}

export interface PlacedSession {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/** Field name → problem code (turned into words by app/lib/error-messages.ts). */
export type FieldProblems = Record<string, string>;

export interface CheckedSession {
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  creditMinutes: Record<string, number>;
}

/** Two sessions overlap when one starts before the other ends; back to back is fine. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** The credit a kind carries by default for a session of `minutes`. */
export function defaultCreditMinutes(kind: SessionKind, minutes: number): number {
  return CREDIT_BEARING_KINDS.includes(kind) ? minutes : 0;
}

/**
 * Checks a typed session against the course: a real start and end in the course's zone, end
 * after start, on one of the course's days, overlapping no other session of the course (the
 * rule is simply "no overlaps at all": a meal beside a small group would still take people
 * out of the group), and credit only on kinds that carry it, never more than the session's
 * length. `bodies` are the course's accrediting bodies: credit is kept for those only.
 */
export function checkSession(
  draft: SessionDraft,
  course: CourseDates,
  bodies: readonly string[],
  others: readonly PlacedSession[],
): { ok: true; session: CheckedSession } | { ok: false; problems: FieldProblems; overlapping?: PlacedSession } {
  const problems: FieldProblems = {};
  if (draft.date < course.startsOn || draft.date > course.endsOn) problems.date = 'SESSION_OUTSIDE_COURSE';
  const start = localToInstant(draft.date, draft.startTime, course.timeZone);
  const end = localToInstant(draft.date, draft.endTime, course.timeZone);
  if (!start.ok) problems.startTime = start.problem;
  if (!end.ok) problems.endTime = end.problem;
  if (!start.ok || !end.ok) return { ok: false, problems };
  if (end.instant.getTime() <= start.instant.getTime()) {
    problems.endTime = 'SESSION_ENDS_BEFORE_START';
    return { ok: false, problems };
  }
  const minutes = Math.round((end.instant.getTime() - start.instant.getTime()) / 60_000);
  const creditMinutes: Record<string, number> = {};
  bodies.forEach((body, index) => {
    const typed = draft.creditMinutes[body] ?? null;
    const field = `credit${index}`;
    if (NO_CREDIT_KINDS.includes(draft.kind)) {
      if (typed !== null && typed !== 0) problems[field] = 'SESSION_KIND_NO_CREDIT';
      return;
    }
    const value = typed ?? defaultCreditMinutes(draft.kind, minutes);
    if (value < 0 || !Number.isInteger(value)) problems[field] = 'CREDIT_MINUTES_INVALID';
    else if (value > minutes) problems[field] = 'CREDIT_EXCEEDS_LENGTH';
    else if (value > 0) creditMinutes[body] = value;
  });
  const placed = { startsAt: start.instant, endsAt: end.instant };
  const clash = Object.keys(problems).length === 0 ? others.find((o) => overlaps(placed, o)) : undefined;
  if (clash) problems.startTime = 'SESSION_OVERLAPS';
  if (Object.keys(problems).length > 0) return { ok: false, problems, overlapping: clash };
  return { ok: true, session: { ...placed, minutes, creditMinutes } };
}

/** Credit minutes per accrediting body over a set of sessions. */
export function creditTotals(sessions: readonly { creditMinutes: Record<string, number> }[], bodies: readonly string[]): { body: string; minutes: number }[] {
  return bodies.map((body) => ({ body, minutes: sessions.reduce((sum, s) => sum + (s.creditMinutes[body] ?? 0), 0) }));
}

/** "19.25" for 1155 minutes: credit hours as accrediting bodies print them (quarter hours). */
export function creditHours(minutes: number): string {
  return (Math.round((minutes / 60) * 100) / 100).toString();
}

/** Sessions grouped by their local date in the course's zone, in time order. */
export function byDay<S extends { startsAt: Date }>(sessions: readonly S[], timeZone: string): { date: string; sessions: S[] }[] {
  const days = new Map<string, S[]>();
  for (const s of [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const { date } = instantToLocal(s.startsAt, timeZone);
    days.set(date, [...(days.get(date) ?? []), s]);
  }
  return [...days.entries()].map(([date, list]) => ({ date, sessions: list }));
}

/**
 * The accrediting bodies of a course, in the order of its statements, each once. An
 * equivalency statement ("AMA/AAFP": how one body accepts another's credit) grants no credit of
 * its own and is left out.
 */
export function accreditingBodies(accreditation: readonly { body: string }[]): string[] {
  return [...new Set(accreditation.map((a) => a.body.trim()).filter((body) => body !== '' && !body.includes('/')))];
}

/** Whether a change moves something a calendar shows (and so bumps the ICS SEQUENCE). */
export function calendarChanged(
  before: { title: string; description: string; startsAt: Date; endsAt: Date; room: string; onlineUrl: string; kind: string },
  after: { title: string; description: string; startsAt: Date; endsAt: Date; room: string; onlineUrl: string; kind: string },
): boolean {
  return (
    before.title !== after.title ||
    before.description !== after.description ||
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.room !== after.room ||
    before.onlineUrl !== after.onlineUrl ||
    before.kind !== after.kind
  );
}
