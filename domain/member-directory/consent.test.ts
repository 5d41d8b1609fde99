import { describe, expect, test } from 'vitest';
import { CONSENT_FIELDS, NO_CONSENT, directoryEntry, filterDirectory, leaderStatusOf, paperDetails, shownValues, type Consent, type DirectoryEntry, type MemberFacts } from './consent.ts';

const facts: MemberFacts = {
  userId: 'u1',
  name: 'Zoë Ångström',
  credentials: 'MD',
  city: 'Spokane',
  profession: 'Family medicine',
  training: ['Leadership Training Intensive, Spokane, 2025'],
  leaderStatus: 'credentialed_leader',
};
const only = (...fields: (keyof Consent)[]): Consent => ({ ...NO_CONSENT, ...Object.fromEntries(fields.map((f) => [f, true])) });

describe('directoryEntry: nothing without opt-in', () => {
  test('no consent at all: not listed', () => {
    expect(directoryEntry(facts, NO_CONSENT)).toBeNull();
  });

  test('every field but the name: still not listed', () => {
    expect(directoryEntry(facts, only('showCredentials', 'showCity', 'showProfession', 'showTraining', 'showLeaderStatus'))).toBeNull();
  });

  test('the name alone: the name and nothing else', () => {
    expect(directoryEntry(facts, only('showName'))).toEqual({ userId: 'u1', name: 'Zoë Ångström', credentials: null, city: null, profession: null, training: null, leaderStatus: null });
  });

  test.each(CONSENT_FIELDS.filter((f) => f !== 'showName'))('%s shows exactly its own field', (field) => {
    const entry = directoryEntry(facts, only('showName', field))!;
    const shown = Object.entries({ credentials: entry.credentials, city: entry.city, profession: entry.profession, training: entry.training, leaderStatus: entry.leaderStatus })
      .filter(([, v]) => v !== null)
      .map(([k]) => k);
    const expected = { showCredentials: 'credentials', showCity: 'city', showProfession: 'profession', showTraining: 'training', showLeaderStatus: 'leaderStatus' }[field as Exclude<typeof field, 'showName'>];
    expect(shown).toEqual([expected]);
  });

  test('everything consented: everything shown', () => {
    const all = Object.fromEntries(CONSENT_FIELDS.map((f) => [f, true])) as Consent;
    expect(directoryEntry(facts, all)).toEqual({ ...facts });
  });

  test('a consented field that is empty shows as not given, not as an empty string', () => {
    const entry = directoryEntry({ ...facts, city: '  ', training: [], leaderStatus: null }, only('showName', 'showCity', 'showTraining', 'showLeaderStatus'))!;
    expect([entry.city, entry.training, entry.leaderStatus]).toEqual([null, null, null]);
  });
});

describe('leaderStatusOf', () => {
  test.each([
    [[], null],
    [['intensive', 'other'], null],
    [['intensive', 'credentialed_leader'], 'credentialed_leader'],
    [['credentialed_leader', 'credentialed_supervisor'], 'credentialed_supervisor'],
  ])('%j → %s', (kinds, status) => expect(leaderStatusOf(kinds)).toBe(status));
});

describe('filterDirectory searches only what is shown', () => {
  const entries: DirectoryEntry[] = [
    directoryEntry(facts, only('showName', 'showCity'))!,
    directoryEntry({ ...facts, userId: 'u2', name: 'Ann Lee', city: 'Spokane', profession: 'Nursing' }, only('showName', 'showProfession'))!,
    directoryEntry({ ...facts, userId: 'u3', name: 'Zoe Park', city: 'Boise', profession: 'Psychology' }, only('showName', 'showCity', 'showProfession'))!,
  ];
  const ids = (list: DirectoryEntry[]) => list.map((e) => e.userId);

  test('a name, accents and case ignored, every word must match', () => {
    expect(ids(filterDirectory(entries, { q: 'zoe' }))).toEqual(['u1', 'u3']);
    expect(ids(filterDirectory(entries, { q: 'ZOE angstrom' }))).toEqual(['u1']);
    expect(ids(filterDirectory(entries, { q: '' }))).toEqual(['u1', 'u2', 'u3']);
  });

  test('a hidden city cannot be found: Ann Lee lives in Spokane but did not show it', () => {
    expect(ids(filterDirectory(entries, { city: 'spokane' }))).toEqual(['u1']);
  });

  test('a hidden profession cannot be found either', () => {
    expect(ids(filterDirectory(entries, { profession: 'family' }))).toEqual([]);
    expect(ids(filterDirectory(entries, { profession: 'nursing' }))).toEqual(['u2']);
  });

  test('filters combine', () => {
    expect(ids(filterDirectory(entries, { q: 'zoe', city: 'boise', profession: 'psych' }))).toEqual(['u3']);
  });

  test('the filter choices list only shown values', () => {
    expect(shownValues(entries, 'city')).toEqual(['Boise', 'Spokane']);
    expect(shownValues(entries, 'profession')).toEqual(['Nursing', 'Psychology']);
  });
});

describe('paperDetails: the faculty list follows the same consent', () => {
  const person = { credentials: 'LCSW', city: 'Portland', profession: 'Social work' };
  test('nothing consented: no credentials, nothing about the person', () => {
    expect(paperDetails(NO_CONSENT, person)).toEqual({ credentials: '', about: '' });
  });
  test('credentials and city only', () => {
    expect(paperDetails(only('showCredentials', 'showCity'), person)).toEqual({ credentials: 'LCSW', about: 'Portland' });
  });
  test('profession and city', () => {
    expect(paperDetails(only('showProfession', 'showCity'), person)).toEqual({ credentials: '', about: 'Social work · Portland' });
  });
});
