import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeCredit, type AttendanceForCredit, type CreditPolicy, type SessionForCredit } from './compute-credit.ts';

// A four-day intensive in miniature: three 90-minute small groups, a 60-minute panel, a
// lunch and a break (no credit). APA and AAFP credit the same minutes.
const SESSIONS: SessionForCredit[] = [
  { id: 's1', kind: 'small_group', lengthMinutes: 90, creditMinutes: { APA: 90, AAFP: 90 } },
  { id: 'lunch', kind: 'meal', lengthMinutes: 60, creditMinutes: {} },
  { id: 's2', kind: 'small_group', lengthMinutes: 90, creditMinutes: { APA: 90, AAFP: 90 } },
  { id: 'break', kind: 'break', lengthMinutes: 15, creditMinutes: {} },
  { id: 'panel', kind: 'faculty_panel', lengthMinutes: 60, creditMinutes: { APA: 60, AAFP: 60 } },
  { id: 's3', kind: 'small_group', lengthMinutes: 90, creditMinutes: { APA: 90, AAFP: 90 } },
];
// 330 credit minutes = 5.5 hours.

const APA: CreditPolicy = {
  body: 'APA',
  unit: 'credits',
  maxCredit: 5.5,
  rule: 'commensurate',
  minutesPerCredit: 60,
  roundingStepMinutes: 15,
  rounding: 'down',
  evaluationRequired: true,
  minimumCredit: 0,
};
const AAFP_FULL: CreditPolicy = { ...APA, body: 'AAFP', rule: 'full_attendance', evaluationRequired: false };

const present = (late = 0, leftEarly = 0): AttendanceForCredit => ({ status: 'present', lateMinutes: late, leftEarlyMinutes: leftEarly });
const absent: AttendanceForCredit = { status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0 };

function everyone(over: Record<string, AttendanceForCredit> = {}): Map<string, AttendanceForCredit> {
  const map = new Map<string, AttendanceForCredit>();
  for (const s of SESSIONS) map.set(s.id, over[s.id] ?? present());
  return map;
}

describe('credit commensurate with participation', () => {
  test.each([
    ['full attendance', {}, 330, 5.5],
    // 10 minutes late to s1: 320 minutes, rounded down to the quarter hour: 315 → 5.25.
    ['10 minutes late once', { s1: present(10) }, 320, 5.25],
    // Late 10 and left early 5 in one session: 315 minutes exactly → 5.25.
    ['late and left early in one session', { s2: present(10, 5) }, 315, 5.25],
    ['absent from the panel', { panel: absent }, 270, 4.5],
    // Breaks and meals carry no credit: missing lunch changes nothing.
    ['absent from lunch and the break', { lunch: absent, break: absent }, 330, 5.5],
    // Late more than the session's credit minutes: the session gives 0, never negative.
    ['late for the whole session', { s3: present(120) }, 240, 4],
    ['absent from everything', { s1: absent, s2: absent, panel: absent, s3: absent }, 0, 0],
  ] as const)('%s', (_name, over, minutes, credit) => {
    const result = computeCredit(APA, SESSIONS, everyone(over as Record<string, AttendanceForCredit>), { evaluationCompleted: true });
    expect(result.attendedCreditMinutes).toBe(minutes);
    expect(result.credit).toBe(credit);
    expect(result.possibleCreditMinutes).toBe(330);
  });

  test('a session with no attendance recorded counts as not attended, and is named', () => {
    const attendance = everyone();
    attendance.delete('s2');
    const result = computeCredit(APA, SESSIONS, attendance, { evaluationCompleted: true });
    expect(result.attendedCreditMinutes).toBe(240);
    expect(result.unrecordedSessionIds).toEqual(['s2']);
  });

  test('rounding to the nearest half hour instead of down to the quarter hour', () => {
    const policy: CreditPolicy = { ...APA, roundingStepMinutes: 30, rounding: 'nearest' };
    // 320 minutes: nearest half hour is 330 (10 away) rather than 300 (20 away) → 5.5.
    expect(computeCredit(policy, SESSIONS, everyone({ s1: present(10) }), { evaluationCompleted: true }).credit).toBe(5.5);
    // 300 + 14 = 314 → 300 → 5.
    expect(computeCredit(policy, SESSIONS, everyone({ s1: present(16) }), { evaluationCompleted: true }).credit).toBe(5);
  });

  test('credit never exceeds the maximum the body approved', () => {
    const policy: CreditPolicy = { ...APA, maxCredit: 5 };
    expect(computeCredit(policy, SESSIONS, everyone(), { evaluationCompleted: true }).credit).toBe(5);
  });

  test('points per 30 minutes: a body counting other units', () => {
    const policy: CreditPolicy = { ...APA, unit: 'points', minutesPerCredit: 30, maxCredit: 11, roundingStepMinutes: 30 };
    expect(computeCredit(policy, SESSIONS, everyone({ s1: present(10) }), { evaluationCompleted: true }).credit).toBe(10);
  });
});

describe('full attendance required', () => {
  test('every credit session attended in its entirety: the full credit', () => {
    const result = computeCredit(AAFP_FULL, SESSIONS, everyone({ lunch: absent }), { evaluationCompleted: false });
    expect(result.credit).toBe(5.5);
    expect(result.outcome).toBe('credit');
  });
  test.each([
    ['one minute late', { s1: present(1) }],
    ['left the panel early', { panel: present(0, 5) }],
    ['absent once', { s3: absent }],
  ] as const)('%s: no credit, a certificate of attendance', (_name, over) => {
    const result = computeCredit(AAFP_FULL, SESSIONS, everyone(over as Record<string, AttendanceForCredit>), { evaluationCompleted: true });
    expect(result.credit).toBe(0);
    expect(result.outcome).toBe('attendance_only');
    expect(result.reason).toMatch(/every session/);
  });
});

describe('the evaluation gate and the minimum', () => {
  test('evaluation required and not done: credit is computed but not yet claimable', () => {
    const result = computeCredit(APA, SESSIONS, everyone(), { evaluationCompleted: false });
    expect(result.credit).toBe(5.5);
    expect(result.outcome).toBe('awaiting_evaluation');
  });
  test('below the body minimum: a certificate of attendance without credit', () => {
    const policy: CreditPolicy = { ...APA, minimumCredit: 3 };
    const result = computeCredit(policy, SESSIONS, everyone({ s1: absent, s2: absent, panel: absent }), { evaluationCompleted: true });
    expect(result.credit).toBe(1.5);
    expect(result.outcome).toBe('attendance_only');
  });
  test('attended nothing: no certificate at all', () => {
    const result = computeCredit(APA, SESSIONS, everyone({ s1: absent, s2: absent, panel: absent, s3: absent, lunch: absent, break: absent }), { evaluationCompleted: true });
    expect(result.outcome).toBe('none');
  });
});

describe('recomputation after a correction', () => {
  test('changing one mark from absent to present raises the credit by that session', () => {
    const before = computeCredit(APA, SESSIONS, everyone({ panel: absent }), { evaluationCompleted: true });
    const after = computeCredit(APA, SESSIONS, everyone(), { evaluationCompleted: true });
    expect(after.credit - before.credit).toBe(1);
  });
});

describe('properties', () => {
  const markArb = fc.oneof(
    fc.constant(absent),
    fc.record({ status: fc.constant('present' as const), lateMinutes: fc.integer({ min: 0, max: 120 }), leftEarlyMinutes: fc.integer({ min: 0, max: 120 }) }),
  );
  const attendanceArb = fc.tuple(...SESSIONS.map(() => markArb)).map((marks) => new Map(SESSIONS.map((s, i) => [s.id, marks[i]!])));

  test('credit is a whole number of rounding steps, between 0 and the maximum', () => {
    fc.assert(
      fc.property(attendanceArb, (attendance) => {
        const r = computeCredit(APA, SESSIONS, attendance, { evaluationCompleted: true });
        expect(r.credit).toBeGreaterThanOrEqual(0);
        expect(r.credit).toBeLessThanOrEqual(APA.maxCredit);
        expect(Number.isInteger((r.credit * APA.minutesPerCredit) / APA.roundingStepMinutes)).toBe(true);
        expect(r.attendedCreditMinutes).toBeLessThanOrEqual(r.possibleCreditMinutes);
      }),
    );
  });

  test('being later never earns more credit', () => {
    fc.assert(
      fc.property(attendanceArb, fc.constantFrom(...SESSIONS.map((s) => s.id)), fc.integer({ min: 1, max: 60 }), (attendance, id, extra) => {
        const mark = attendance.get(id)!;
        if (mark.status !== 'present') return;
        const later = new Map(attendance);
        later.set(id, { ...mark, lateMinutes: mark.lateMinutes + extra });
        const a = computeCredit(APA, SESSIONS, attendance, { evaluationCompleted: true }).credit;
        const b = computeCredit(APA, SESSIONS, later, { evaluationCompleted: true }).credit;
        expect(b).toBeLessThanOrEqual(a);
      }),
    );
  });
});
