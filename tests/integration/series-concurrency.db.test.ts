// Ten people take the last places of a series at the same moment: a maximum of four. Every
// sign-up locks the series row first (domain/series/enroll.server.ts), so never more than four
// places are taken — checked in SQL. The race is forced (tests/helpers/forced-race.ts): every
// sign-up is held after counting the places until all have counted or wait on the lock. The
// negative control runs the same forced race with the locks off and must see the checker catch
// the oversell every round: a test that cannot fail proves nothing.
import type pg from 'pg';
import { expect, test } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { enrollInSeries } from '#domain/series/enroll.server.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { createSeriesRow, setupSeriesOrg, SIGN_UP_TIME } from '../helpers/series-fixtures.ts';
import { useTestDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();
const MAXIMUM = 4;
const PEOPLE = 10;

async function prepare() {
  const { org, listing } = await setupSeriesOrg(testDb.db);
  const series = await createSeriesRow(testDb.db, org.id, listing.id, { priceMinor: 0, minimum: 2, maximum: MAXIMUM });
  return { org, series };
}

async function signUpAtOnce(orgId: string, seriesId: string) {
  const race = forceRace(testDb.pool, 'series.counted', PEOPLE);
  try {
    return await Promise.allSettled(
      Array.from({ length: PEOPLE }, (_, i) =>
        race.run(() =>
          enrollInSeries(testDb.db, { organizationId: orgId, seriesId, userId: null, name: `Person ${i}`, email: `person-${i}@example.org` }, { userId: null, requestId: null }, { publicUrl: 'http://hub.test', now: SIGN_UP_TIME }),
        ),
      ),
    );
  } finally {
    race.end();
  }
}

async function checkPlaces(pool: pg.Pool, seriesId: string): Promise<{ places: number; violations: string[] }> {
  const { rows } = await pool.query<{ n: number; maximum: number }>(
    `select count(e.id)::int as n, s.maximum from group_series s left join series_enrollments e on e.series_id = s.id and e.status = 'enrolled' where s.id = $1 group by s.maximum`,
    [seriesId],
  );
  const { n, maximum } = rows[0]!;
  return { places: n, violations: n > maximum ? [`oversold: ${n} > ${maximum}`] : [] };
}

test('10 people sign up at once for 4 places: exactly 4 get one, 6 are told it is full', async () => {
  const { org, series } = await prepare();
  const results = await signUpAtOnce(org.id, series.id);
  const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof DomainError ? r.reason.code : String(r.reason)] : []));
  expect(refusals).toEqual(Array(PEOPLE - MAXIMUM).fill('SERIES_FULL'));
  expect(await checkPlaces(testDb.pool, series.id)).toEqual({ places: MAXIMUM, violations: [] });
}, 60_000);

test('negative control: with the locks switched off the same forced race oversells, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { org, series } = await prepare();
      await signUpAtOnce(org.id, series.id);
      const { places, violations } = await checkPlaces(testDb.pool, series.id);
      // Everyone counted no place taken, so everyone got one.
      expect(places).toBe(PEOPLE);
      expect(violations).toEqual([`oversold: ${PEOPLE} > ${MAXIMUM}`]);
    }
  });
}, 120_000);
