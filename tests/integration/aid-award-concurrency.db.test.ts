// Ten committee members decide ten aid applications at the same moment, for a course with
// four awards of at most $500. The course lock (taken first by every decision) serializes them:
// never more than four awards, never one above the maximum, one ledger entry per award —
// checked in SQL. The race is forced (tests/helpers/forced-race.ts): every decision is held
// after counting the awards given until all have counted or wait on the lock. The negative
// control runs the same forced race with the locks switched off and must see the checker
// catch the overrun every round: a test that cannot fail proves nothing.
import crypto from 'node:crypto';
import type pg from 'pg';
import { expect, test } from 'vitest';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { decideAidApplication } from '#domain/aid/decide-application.server.ts';
import { DomainError } from '#domain/errors.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { useTestDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3997';
const AWARDS = 4;
const MAX = 50_000;
const APPLICATIONS = 10;
/** What each of the ten members tries to award: mostly the maximum, two a cent over it. */
const AMOUNTS = [MAX, MAX, MAX, 50_001, MAX, MAX, MAX, 50_001, MAX, MAX];

async function prepare() {
  const db = testDb.db;
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, { financialAidDeadline: '2025-02-25', financialAidAwards: AWARDS, financialAidMaxMinor: MAX });
  const applicationIds: string[] = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const { registration } = await placeRegistration(db, application(org.id, course.id), systemActor, { publicUrl: BASE, now: DURING_REGISTRATION });
    const { application: made } = await applyForAid(
      db,
      { organizationId: org.id, registrationId: registration.id, userId: registration.userId, requestedMinor: MAX, content: { statement: `hardship ${i}`, groups: [], selfDescribed: '', preferNotToSay: true } },
      { userId: registration.userId },
      { keys: KEY, publicUrl: BASE, now: DURING_REGISTRATION },
    );
    applicationIds.push(made.id);
  }
  const members: string[] = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const { userId } = await createVerifiedAccount(db, { email: `committee-${crypto.randomBytes(4).toString('hex')}@example.org`, name: `Member ${i}`, password: 'committee-password-1' }, systemActor);
    await assignRole(db, { organizationId: org.id, userId, role: 'financial_aid_committee' }, systemActor);
    members.push(userId);
  }
  return { org, course, applicationIds, members };
}

/** All ten decisions at once, each by its own member on its own application, held after counting. */
async function decideAtOnce(orgId: string, applicationIds: string[], members: string[]) {
  const race = forceRace(testDb.pool, 'aid.counted', applicationIds.length);
  try {
    return await Promise.allSettled(
      applicationIds.map((applicationId, i) =>
        race.run(() =>
          decideAidApplication(testDb.db, { organizationId: orgId, applicationId, decision: 'award', amountMinor: AMOUNTS[i]! }, { userId: members[i]! }, { publicUrl: BASE, now: DURING_REGISTRATION }),
        ),
      ),
    );
  } finally {
    race.end();
  }
}

/** The invariants, read back in SQL: what a checker (or the reconcile report) would flag. */
async function checkAwards(pool: pg.Pool, courseId: string): Promise<{ awards: number; violations: string[] }> {
  const violations: string[] = [];
  const { rows: apps } = await pool.query<{ id: string; status: string; awarded_minor: number | null }>(`select id, status, awarded_minor from aid_applications where course_id = $1`, [courseId]);
  const awarded = apps.filter((a) => a.status === 'awarded');
  if (awarded.length > AWARDS) violations.push(`too many awards: ${awarded.length} > ${AWARDS}`);
  for (const a of awarded) if ((a.awarded_minor ?? 0) > MAX || (a.awarded_minor ?? 0) <= 0) violations.push(`award over the maximum: ${a.awarded_minor}`);
  const { rows: entries } = await pool.query<{ aid_application_id: string; amount_minor: number }>(
    `select l.aid_application_id, l.amount_minor from ledger_entries l join aid_applications a on a.id = l.aid_application_id where a.course_id = $1 and l.kind = 'aid_award'`,
    [courseId],
  );
  if (entries.length !== awarded.length) violations.push(`ledger has ${entries.length} aid entries for ${awarded.length} awards`);
  for (const a of awarded) {
    const entry = entries.find((e) => e.aid_application_id === a.id);
    if (!entry || entry.amount_minor !== -(a.awarded_minor ?? 0)) violations.push(`award ${a.id} not posted as −${a.awarded_minor}`);
  }
  return { awards: awarded.length, violations };
}

test('10 committee members award at once: never more than 4 awards, never over the maximum', async () => {
  const { org, course, applicationIds, members } = await prepare();
  const results = await decideAtOnce(org.id, applicationIds, members);
  const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof DomainError ? r.reason.code : String(r.reason)] : []));
  // The two over-maximum requests are always refused; of the eight valid ones exactly four win.
  expect(refusals.filter((c) => c === 'AID_AMOUNT_OVER_MAX')).toHaveLength(2);
  expect(refusals.filter((c) => c === 'AID_AWARDS_USED_UP')).toHaveLength(4);
  expect(refusals).toHaveLength(6);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(AWARDS);
  const check = await checkAwards(testDb.pool, course.id);
  expect(check).toEqual({ awards: AWARDS, violations: [] });
}, 60_000);

test('negative control: with the locks switched off the same forced race overruns the awards, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { org, course, applicationIds, members } = await prepare();
      await decideAtOnce(org.id, applicationIds, members);
      const { awards, violations } = await checkAwards(testDb.pool, course.id);
      // All eight valid decisions counted no award given, so all eight were awarded.
      expect(awards).toBe(8);
      expect(violations).toContain(`too many awards: 8 > ${AWARDS}`);
    }
  });
}, 120_000);
