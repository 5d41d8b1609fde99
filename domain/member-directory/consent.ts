// The member directory's consent rule (ADR 0070), pure so the directory, the faculty's
// participant list and the tests share it. A field is shown only when its owner switched it
// on; a person is listed only when they let members see their name (a row of anonymous facts
// would say little and could still point to someone). Search and filters read only what is
// shown, so a hidden field can never be found by searching for it.

export const CONSENT_FIELDS = ['showName', 'showCredentials', 'showCity', 'showProfession', 'showTraining', 'showLeaderStatus'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];
export type Consent = Record<ConsentField, boolean>;

export const NO_CONSENT: Consent = { showName: false, showCredentials: false, showCity: false, showProfession: false, showTraining: false, showLeaderStatus: false };

export type LeaderStatus = 'credentialed_supervisor' | 'credentialed_leader';

/** Everything the organization knows that the directory could show. */
export interface MemberFacts {
  userId: string;
  name: string;
  credentials: string;
  city: string;
  profession: string;
  /** Verified trainings' descriptions, e.g. "Leadership Training Intensive, Spokane, April 2025". */
  training: string[];
  leaderStatus: LeaderStatus | null;
}

/** What another member sees: only consented fields, null where the person said no. */
export interface DirectoryEntry {
  userId: string;
  name: string;
  credentials: string | null;
  city: string | null;
  profession: string | null;
  training: string[] | null;
  leaderStatus: LeaderStatus | null;
}

const shown = (on: boolean, value: string): string | null => (on && value.trim() ? value.trim() : null);

/** The entry another member may see, or null when the person is not listed at all. */
export function directoryEntry(facts: MemberFacts, consent: Consent): DirectoryEntry | null {
  if (!consent.showName || !facts.name.trim()) return null;
  return {
    userId: facts.userId,
    name: facts.name.trim(),
    credentials: shown(consent.showCredentials, facts.credentials),
    city: shown(consent.showCity, facts.city),
    profession: shown(consent.showProfession, facts.profession),
    training: consent.showTraining && facts.training.length ? facts.training : null,
    leaderStatus: consent.showLeaderStatus ? facts.leaderStatus : null,
  };
}

/** The strongest verified credential among a person's trainings. */
export function leaderStatusOf(kinds: readonly string[]): LeaderStatus | null {
  if (kinds.includes('credentialed_supervisor')) return 'credentialed_supervisor';
  if (kinds.includes('credentialed_leader')) return 'credentialed_leader';
  return null;
}

export interface DirectoryFilter {
  /** Words that must all appear in the name. */
  q?: string;
  city?: string;
  profession?: string;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Search and filters over what is shown: accents and case ignored, every word must match. */
export function filterDirectory(entries: readonly DirectoryEntry[], filter: DirectoryFilter): DirectoryEntry[] {
  const words = fold(filter.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const city = fold(filter.city ?? '');
  const profession = fold(filter.profession ?? '');
  return entries.filter((e) => {
    const name = fold(e.name);
    if (!words.every((w) => name.includes(w))) return false;
    if (city && !(e.city !== null && fold(e.city).includes(city))) return false;
    if (profession && !(e.profession !== null && fold(e.profession).includes(profession))) return false;
    return true;
  });
}

/** Sorted as people read a list (accents ignored). */
export function sortDirectory(entries: DirectoryEntry[]): DirectoryEntry[] {
  return entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** Distinct shown values for a filter's choices. */
export function shownValues(entries: readonly DirectoryEntry[], field: 'city' | 'profession'): string[] {
  return [...new Set(entries.map((e) => e[field]).filter((v): v is string => v !== null))].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

/**
 * The faculty's participant list (ADR 0065 → 0070): the name (the person wears it on their badge
 * and faculty lead them) and the small group always; credentials, city and profession only
 * with the person's consent to the organization's members.
 */
export function paperDetails(consent: Consent, facts: { credentials: string; city: string; profession: string }) {
  return {
    credentials: shown(consent.showCredentials, facts.credentials) ?? '',
    about: [shown(consent.showProfession, facts.profession), shown(consent.showCity, facts.city)].filter(Boolean).join(' · '),
  };
}
