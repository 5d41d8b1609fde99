import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, datesOf, daysBetween, instantToLocal, localToInstant } from './local-time.ts';
import { accreditingBodies, byDay, calendarChanged, checkSession, creditHours, creditTotals, defaultCreditMinutes, overlaps, type SessionDraft } from './rules.ts';

const SPOKANE = { startsOn: '2025-04-23', endsOn: '2025-04-26', timeZone: 'America/Los_Angeles' };
const BODIES = ['AAFP', 'APA'];

function draft(over: Partial<SessionDraft> = {}): SessionDraft {
  return {
    kind: 'small_group',
    title: 'Small group I',
    description: '',
    date: '2025-04-23',
    startTime: '09:00',
    endTime: '10:30',
    room: 'Cedar',
    onlineUrl: '',
    isPublic: true,
    creditMinutes: {},
    ...over,
  };
}

describe('local times in the course zone (Temporal)', () => {
  test('Spokane in April is Pacific daylight time (UTC-7)', () => {
    const r = localToInstant('2025-04-23', '08:30', 'America/Los_Angeles');
    expect(r).toEqual({ ok: true, instant: new Date('2025-04-23T15:30:00Z') });
  });

  test('the same clock time is an hour apart in UTC across the spring change', () => {
    const before = localToInstant('2025-03-08', '09:00', 'America/Los_Angeles');
    const after = localToInstant('2025-03-10', '09:00', 'America/Los_Angeles');
    expect(before.ok && before.instant.toISOString()).toBe('2025-03-08T17:00:00.000Z');
    expect(after.ok && after.instant.toISOString()).toBe('2025-03-10T16:00:00.000Z');
  });

  test('a time the clocks skip is refused; a time that happens twice is the first one', () => {
    expect(localToInstant('2025-03-09', '02:30', 'America/Los_Angeles')).toEqual({ ok: false, problem: 'TIME_DOES_NOT_EXIST' });
    const twice = localToInstant('2025-11-02', '01:30', 'America/Los_Angeles');
    expect(twice.ok && twice.instant.toISOString()).toBe('2025-11-02T08:30:00.000Z'); // 01:30 PDT, not PST
    expect(localToInstant('2025-10-26', '02:30', 'Europe/Berlin')).toMatchObject({ ok: true });
    expect(localToInstant('2025-03-30', '02:30', 'Europe/Berlin')).toEqual({ ok: false, problem: 'TIME_DOES_NOT_EXIST' });
  });

  test('malformed times are refused', () => {
    for (const bad of ['9:00', '24:00', '12:60', '12-30', '']) expect(localToInstant('2025-04-23', bad, 'UTC')).toEqual({ ok: false, problem: 'TIME_FORMAT' });
  });

  test('property: every accepted local time reads back as itself, in zones with and without DST', () => {
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, day, hour, minute) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const r = localToInstant(date, time, zone);
          if (!r.ok) {
            expect(r.problem).toBe('TIME_DOES_NOT_EXIST');
            return;
          }
          expect(instantToLocal(r.instant, zone)).toEqual({ date, time });
        },
      ),
      { numRuns: 500 },
    );
  });

  test('date arithmetic', () => {
    expect(addDays('2025-04-26', 1)).toBe('2025-04-27');
    expect(daysBetween('2025-04-23', '2026-05-06')).toBe(378);
    expect(datesOf('2025-04-23', '2025-04-26')).toEqual(['2025-04-23', '2025-04-24', '2025-04-25', '2025-04-26']);
  });
});

describe('checking a session', () => {
  test('a small group of 90 minutes carries 90 minutes for each body by default', () => {
    const r = checkSession(draft(), SPOKANE, BODIES, []);
    expect(r).toMatchObject({ ok: true, session: { minutes: 90, creditMinutes: { AAFP: 90, APA: 90 } } });
  });

  test('credit minutes per kind: teaching kinds their length, meals and breaks none, other none unless typed', () => {
    expect(defaultCreditMinutes('faculty_panel', 60)).toBe(60);
    expect(defaultCreditMinutes('debrief', 45)).toBe(45);
    expect(defaultCreditMinutes('meal', 60)).toBe(0);
    expect(defaultCreditMinutes('break', 15)).toBe(0);
    expect(defaultCreditMinutes('other', 30)).toBe(0);
    expect(checkSession(draft({ kind: 'meal', title: 'Lunch' }), SPOKANE, BODIES, [])).toMatchObject({ ok: true, session: { creditMinutes: {} } });
    expect(checkSession(draft({ kind: 'other', creditMinutes: { APA: 30 } }), SPOKANE, BODIES, [])).toMatchObject({ ok: true, session: { creditMinutes: { APA: 30 } } });
  });

  test('credit typed on a meal or a break is refused on that body\'s field', () => {
    const r = checkSession(draft({ kind: 'break', creditMinutes: { APA: 15 } }), SPOKANE, BODIES, []);
    expect(r).toEqual({ ok: false, problems: { credit1: 'SESSION_KIND_NO_CREDIT' }, overlapping: undefined });
    expect(checkSession(draft({ kind: 'break', creditMinutes: { APA: 0 } }), SPOKANE, BODIES, [])).toMatchObject({ ok: true });
  });

  test('credit is kept only for the course\'s bodies, edited down, never above the length', () => {
    expect(checkSession(draft({ creditMinutes: { APA: 60, ACCME: 90 } }), SPOKANE, BODIES, [])).toMatchObject({ ok: true, session: { creditMinutes: { AAFP: 90, APA: 60 } } });
    expect(checkSession(draft({ creditMinutes: { AAFP: 0 } }), SPOKANE, BODIES, [])).toMatchObject({ ok: true, session: { creditMinutes: { APA: 90 } } });
    expect(checkSession(draft({ creditMinutes: { AAFP: 91 } }), SPOKANE, BODIES, [])).toMatchObject({ ok: false, problems: { credit0: 'CREDIT_EXCEEDS_LENGTH' } });
  });

  test('end after start; on a course day (first and last days included)', () => {
    expect(checkSession(draft({ startTime: '10:30', endTime: '09:00' }), SPOKANE, BODIES, [])).toMatchObject({ ok: false, problems: { endTime: 'SESSION_ENDS_BEFORE_START' } });
    expect(checkSession(draft({ startTime: '10:30', endTime: '10:30' }), SPOKANE, BODIES, [])).toMatchObject({ ok: false, problems: { endTime: 'SESSION_ENDS_BEFORE_START' } });
    for (const date of ['2025-04-22', '2025-04-27']) expect(checkSession(draft({ date }), SPOKANE, BODIES, [])).toMatchObject({ ok: false, problems: { date: 'SESSION_OUTSIDE_COURSE' } });
    for (const date of ['2025-04-23', '2025-04-26']) expect(checkSession(draft({ date }), SPOKANE, BODIES, [])).toMatchObject({ ok: true });
  });

  test('no overlaps at all; back to back is fine', () => {
    const lunch = { id: 'l', title: 'Lunch', startsAt: new Date('2025-04-23T19:00:00Z'), endsAt: new Date('2025-04-23T20:00:00Z') }; // 12:00–13:00 PDT
    const r = checkSession(draft({ startTime: '12:30', endTime: '14:00' }), SPOKANE, BODIES, [lunch]);
    expect(r).toMatchObject({ ok: false, problems: { startTime: 'SESSION_OVERLAPS' }, overlapping: lunch });
    expect(checkSession(draft({ startTime: '13:00', endTime: '14:30' }), SPOKANE, BODIES, [lunch])).toMatchObject({ ok: true });
    expect(checkSession(draft({ startTime: '10:30', endTime: '12:00' }), SPOKANE, BODIES, [lunch])).toMatchObject({ ok: true });
    expect(checkSession(draft({ kind: 'break', startTime: '11:00', endTime: '19:00' }), SPOKANE, BODIES, [lunch])).toMatchObject({ ok: false });
  });

  test('property: overlap is symmetric and matches the interval definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 300 }), (s1, l1, s2, l2) => {
        const a = { startsAt: new Date(s1 * 60_000), endsAt: new Date((s1 + l1) * 60_000) };
        const b = { startsAt: new Date(s2 * 60_000), endsAt: new Date((s2 + l2) * 60_000) };
        const shared = Math.min(s1 + l1, s2 + l2) - Math.max(s1, s2);
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(overlaps(a, b)).toBe(shared > 0);
      }),
    );
  });
});

test('credit totals, hours, days and accrediting bodies', () => {
  expect(creditTotals([{ creditMinutes: { APA: 90, AAFP: 90 } }, { creditMinutes: {} }, { creditMinutes: { APA: 1065 } }], ['AAFP', 'APA'])).toEqual([
    { body: 'AAFP', minutes: 90 },
    { body: 'APA', minutes: 1155 },
  ]);
  expect(creditHours(1155)).toBe('19.25');
  expect(creditHours(90)).toBe('1.5');
  expect(accreditingBodies([{ body: 'AAFP' }, { body: 'AMA/AAFP' }, { body: ' APA ' }, { body: 'AAFP' }, { body: '' }])).toEqual(['AAFP', 'APA']);
  const days = byDay(
    [{ startsAt: new Date('2025-04-24T06:30:00Z') }, { startsAt: new Date('2025-04-23T15:00:00Z') }, { startsAt: new Date('2025-04-24T15:00:00Z') }],
    'America/Los_Angeles',
  );
  // 06:30 UTC on the 24th is still the evening of the 23rd in Spokane.
  expect(days.map((d) => [d.date, d.sessions.length])).toEqual([
    ['2025-04-23', 2],
    ['2025-04-24', 1],
  ]);
});

test('what bumps the calendar SEQUENCE', () => {
  const base = { title: 'A', description: '', startsAt: new Date(0), endsAt: new Date(60_000), room: 'Cedar', onlineUrl: '', kind: 'small_group' };
  expect(calendarChanged(base, { ...base })).toBe(false);
  expect(calendarChanged(base, { ...base, room: 'Pine' })).toBe(true);
  expect(calendarChanged(base, { ...base, endsAt: new Date(120_000) })).toBe(true);
  expect(calendarChanged(base, { ...base, title: 'B' })).toBe(true);
});
