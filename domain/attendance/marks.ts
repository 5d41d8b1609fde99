// Attendance marks as a device sends them, and the rule that decides what a mark does to the
// current attendance of one person at one session. Pure: shared by the server, the sync
// endpoint's validation and the page's script (ADR 0053, ADR 0056).
import { z } from 'zod';

export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type MarkStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Most marks one sync request may carry (a device's queue is sent in batches of this size). */
export const MAX_MARKS_PER_BATCH = 200;
/** A device clock this far ahead of the server is wrong: its marks would win every later edit. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'not a UUID' });
const minutes = z.number().int({ message: 'whole minutes' }).min(0, { message: 'at least 0' }).max(24 * 60, { message: 'at most a day' });

export const markSchema = z.object({
  /** Made on the device when the mark is made: a replay carries the same id. */
  id: uuid,
  sessionId: uuid,
  registrationId: uuid,
  status: z.enum(ATTENDANCE_STATUSES),
  lateMinutes: minutes,
  leftEarlyMinutes: minutes,
  /** The device clock when the mark was made (ISO 8601 with a zone). */
  markedAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 instant' }),
  /** The attendance version the device showed when the mark was made (0: none). */
  baseVersion: z.number().int().min(0),
});
export type MarkInput = z.infer<typeof markSchema>;

export const markBatchSchema = z.object({
  deviceId: z.string().max(100).default(''),
  marks: z.array(markSchema).min(1).max(MAX_MARKS_PER_BATCH),
});
export type MarkBatch = z.infer<typeof markBatchSchema>;

/** Absent carries no minutes: what a device typed in the minute fields before choosing absent is dropped. */
export function normalizeMark<T extends { status: MarkStatus; lateMinutes: number; leftEarlyMinutes: number }>(mark: T): T {
  return mark.status === 'absent' ? { ...mark, lateMinutes: 0, leftEarlyMinutes: 0 } : mark;
}

export interface AttendanceState {
  status: MarkStatus;
  lateMinutes: number;
  leftEarlyMinutes: number;
  markedAt: Date;
  markedBy: string;
  version: number;
  conflictMarkId: string | null;
}

export interface IncomingMark {
  id: string;
  status: MarkStatus;
  lateMinutes: number;
  leftEarlyMinutes: number;
  markedAt: Date;
  markedBy: string;
  baseVersion: number;
}

export type MarkOutcome = 'applied' | 'superseded' | 'conflict';

export interface MarkDecision {
  outcome: MarkOutcome;
  /** The attendance after the mark; null: unchanged. */
  next: AttendanceState | null;
}

function sameValues(a: { status: MarkStatus; lateMinutes: number; leftEarlyMinutes: number }, b: { status: MarkStatus; lateMinutes: number; leftEarlyMinutes: number }) {
  return a.status === b.status && a.lateMinutes === b.lateMinutes && a.leftEarlyMinutes === b.leftEarlyMinutes;
}

/**
 * What one mark does, given the current attendance and the id of the mark that made it.
 * - The later mark (device clock; equal clocks: the greater id) wins.
 * - An earlier mark arriving later is superseded: stored, not applied.
 * - Two people disagreeing, the second without having seen the first (its base version is
 *   older than the current one): the later still wins, and the losing mark is kept as the
 *   conflict, shown until someone marks the person again.
 */
export function decideMark(current: AttendanceState | null, winningMarkId: string | null, mark: IncomingMark): MarkDecision {
  const values = { status: mark.status, lateMinutes: mark.lateMinutes, leftEarlyMinutes: mark.leftEarlyMinutes };
  if (!current) {
    return { outcome: 'applied', next: { ...values, markedAt: mark.markedAt, markedBy: mark.markedBy, version: 1, conflictMarkId: null } };
  }
  const t = mark.markedAt.getTime();
  const c = current.markedAt.getTime();
  const later = t > c || (t === c && mark.id > (winningMarkId ?? ''));
  const disagree = !sameValues(current, values) && mark.markedBy !== current.markedBy && mark.baseVersion < current.version;
  if (later) {
    return {
      outcome: 'applied',
      next: { ...values, markedAt: mark.markedAt, markedBy: mark.markedBy, version: current.version + 1, conflictMarkId: disagree ? winningMarkId : null },
    };
  }
  if (disagree) return { outcome: 'conflict', next: { ...current, conflictMarkId: mark.id } };
  return { outcome: 'superseded', next: null };
}
