import { describe, expect, test } from 'vitest';
import { filterListings, parseFilters, type FilterableListing } from './directory-filters.ts';
import { coLeaderEmails, listingSchema } from './listing-form.ts';
import { distanceKm, locatePostcode, postcodeArea } from './postcodes.ts';

const base: FilterableListing = {
  title: '',
  description: '',
  organizationName: 'American Balint Society',
  format: 'in_person',
  professions: [],
  weekday: 2,
  enrollment: 'open',
  placeName: '',
  city: '',
  region: 'Washington',
  latitude: null,
  longitude: null,
};
const seattle = { ...base, title: 'Seattle Monthly', city: 'Seattle', weekday: 3, latitude: 47.61, longitude: -122.33 };
const spokane = { ...base, title: 'Residents', city: 'Spokane', weekday: 4, professions: ['residents' as const], latitude: 47.66, longitude: -117.43, enrollment: 'full' as const };
const online = { ...base, title: 'Tuesday Online', format: 'online' as const, region: 'Online', professions: ['physicians' as const] };
const hybrid = { ...base, title: 'Tacoma Hybrid', format: 'hybrid' as const, city: 'Tacoma', weekday: 1, latitude: 47.25, longitude: -122.44 };
const all = [seattle, spokane, online, hybrid];
const titles = (q: string) => filterListings(all, parseFilters(new URLSearchParams(q))).listings.map((l) => l.title);

describe('directory filters', () => {
  test.each([
    ['', ['Seattle Monthly', 'Residents', 'Tuesday Online', 'Tacoma Hybrid']],
    ['online=yes', ['Tuesday Online', 'Tacoma Hybrid']],
    ['online=yes&day=2', ['Tuesday Online']],
    ['day=3', ['Seattle Monthly']],
    ['profession=residents', ['Residents']],
    ['open=yes', ['Seattle Monthly', 'Tuesday Online', 'Tacoma Hybrid']],
    ['q=seattle', ['Seattle Monthly']],
    ['q=balint%20society', ['Seattle Monthly', 'Residents', 'Tuesday Online', 'Tacoma Hybrid']],
    ['region=online', ['Tuesday Online']],
    // Malformed values are dropped, never an error.
    ['day=9&profession=astronauts&within=7&online=maybe', ['Seattle Monthly', 'Residents', 'Tuesday Online', 'Tacoma Hybrid']],
  ])('%s', (query, expected) => {
    expect(titles(query)).toEqual(expected);
  });

  test('distance from a postcode: in range by the nearest first; online groups always match', () => {
    // 98101 (downtown Seattle): Tacoma about 25 miles (hybrid: joinable online), Spokane about 230.
    expect(titles('postcode=98101&within=10')).toEqual(['Seattle Monthly', 'Tacoma Hybrid', 'Tuesday Online']);
    expect(titles('postcode=98101&within=100')).toEqual(['Seattle Monthly', 'Tacoma Hybrid', 'Tuesday Online']);
    expect(titles('postcode=98101&within=250')).toEqual(['Seattle Monthly', 'Tacoma Hybrid', 'Residents', 'Tuesday Online']);
    const outcome = filterListings(all, parseFilters(new URLSearchParams('postcode=99201&within=10')));
    expect(outcome.listings.map((l) => [l.title, l.distanceMiles === null ? null : Math.round(l.distanceMiles)])).toEqual([
      ['Residents', 0],
      ['Tacoma Hybrid', 236],
      ['Tuesday Online', null],
    ]);
  });

  test('a postcode the table cannot place is said so, and the distance filter is not applied', () => {
    const outcome = filterListings(all, parseFilters(new URLSearchParams('postcode=SW1A%201AA')));
    expect(outcome.postcodeUnknown).toBe(true);
    expect(outcome.listings).toHaveLength(4);
  });
});

describe('postcodes', () => {
  test.each([
    ['98104', '981'],
    ['99204-1234', '992'],
    ['V6B 1A1', 'V6B'],
    ['v6b1a1', 'V6B'],
    ['SW1A 1AA', null],
    ['12', null],
  ])('%s is in area %s', (postcode, area) => {
    expect(postcodeArea(postcode)).toBe(area);
  });

  test('Seattle to Spokane is about 370 km', () => {
    expect(Math.round(distanceKm(locatePostcode('98104')!, locatePostcode('99201')!) / 10) * 10).toBe(370);
    expect(locatePostcode('05401')).toBeNull();
  });
});

describe('the listing form', () => {
  const valid = { title: 'G', format: 'online', cadence: 'weekly', weekday: '2', startTime: '19:00', durationMinutes: '90', timeZone: 'America/Los_Angeles', startsOn: '2025-09-02', enrollment: 'open', howToJoin: 'Write.' };
  const problems = (over: Record<string, string>) => {
    const r = listingSchema.safeParse({ ...valid, ...over });
    return r.success ? [] : r.error.issues.map((i) => String(i.path[0]));
  };
  test.each([
    [{}, []],
    [{ cadence: 'monthly' }, ['weekOfMonth']],
    [{ cadence: 'monthly', weekOfMonth: '-1' }, []],
    [{ format: 'in_person' }, ['city']],
    [{ startTime: '7pm' }, ['startTime']],
    [{ startTime: '24:00' }, ['startTime']],
    [{ timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
    [{ startsOn: '2025-02-30' }, ['startsOn']],
    [{ durationMinutes: '5' }, ['durationMinutes']],
    [{ cost: '25.505' }, ['cost']],
    [{ coLeaders: 'a@example.org\nnot-an-email' }, ['coLeaders']],
    [{ weekday: '8' }, ['weekday']],
  ])('%j', (over, expected) => {
    expect(problems(over as Record<string, string>)).toEqual(expected);
  });
  test('co-leaders one per line, or separated by commas, without repeats', () => {
    expect(coLeaderEmails(' A@example.org, b@example.org\n\na@example.org ')).toEqual(['a@example.org', 'b@example.org']);
  });
});
