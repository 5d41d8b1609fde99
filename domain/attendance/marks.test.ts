// The rule that decides what one mark does, case by case.
import { describe, expect, test } from 'vitest';
import { decideMark, normalizeMark, type AttendanceState, type IncomingMark } from './marks.ts';

const at = (minute: number) => new Date(Date.UTC(2025, 3, 24, 16, minute));
const current: AttendanceState = { status: 'present', lateMinutes: 0, leftEarlyMinutes: 0, markedAt: at(5), markedBy: 'faculty', version: 1, conflictMarkId: null };
const mark = (over: Partial<IncomingMark>): IncomingMark => ({ id: 'b', status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0, markedAt: at(10), markedBy: 'staff', baseVersion: 1, ...over });

describe('decideMark', () => {
  test.each([
    ['the first mark', null, mark({}), 'applied', { status: 'absent', version: 1, conflictMarkId: null }],
    ['a later edit by someone who saw the state', current, mark({}), 'applied', { status: 'absent', version: 2, conflictMarkId: null }],
    ['a later mark by someone who had not seen it, disagreeing', current, mark({ baseVersion: 0 }), 'applied', { status: 'absent', version: 2, conflictMarkId: 'a' }],
    ['a later mark by someone who had not seen it, agreeing', current, mark({ baseVersion: 0, status: 'present' }), 'applied', { status: 'present', version: 2, conflictMarkId: null }],
    ['the same person’s later edit on an old version', current, mark({ baseVersion: 0, markedBy: 'faculty' }), 'applied', { version: 2, conflictMarkId: null }],
    ['an earlier mark by someone who had not seen it, disagreeing', current, mark({ baseVersion: 0, markedAt: at(1) }), 'conflict', { status: 'present', version: 1, conflictMarkId: 'b' }],
    ['an earlier mark by the same person', current, mark({ markedBy: 'faculty', baseVersion: 0, markedAt: at(1) }), 'superseded', null],
    ['an earlier mark that agrees', current, mark({ status: 'present', baseVersion: 0, markedAt: at(1) }), 'superseded', null],
    ['equal clocks: the greater id wins', current, mark({ markedAt: at(5), id: 'b' }), 'applied', { version: 2 }],
    ['equal clocks: a smaller id loses', current, mark({ markedAt: at(5), id: '0', markedBy: 'faculty' }), 'superseded', null],
  ] as const)('%s', (_, state, incoming, outcome, next) => {
    const decision = decideMark(state, 'a', incoming);
    expect(decision.outcome).toBe(outcome);
    if (next === null) expect(decision.next).toBeNull();
    else expect(decision.next).toMatchObject(next);
  });

  test('absent drops the minutes typed before', () => {
    expect(normalizeMark({ status: 'absent' as const, lateMinutes: 5, leftEarlyMinutes: 3 })).toEqual({ status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0 });
    expect(normalizeMark({ status: 'present' as const, lateMinutes: 5, leftEarlyMinutes: 3 })).toEqual({ status: 'present', lateMinutes: 5, leftEarlyMinutes: 3 });
  });
});
