// What the listing pages share on the server: the vocabulary of the form, a listing's values
// as the form shows them, and the refusal of a form that keeps what was typed.
import { data } from 'react-router';
import { ENROLLMENT_STATUSES, LISTING_CADENCES, LISTING_FORMATS, PROFESSIONS } from '#domain/directory/vocabulary.ts';
import { WEEKS_OF_MONTH } from '#domain/directory/listing-form.ts';
import type { ListingWithLeaders } from '#domain/directory/listing-records.server.ts';
import { TIME_ZONES } from '#domain/directory/time-zones.ts';
import { DomainError } from '#domain/errors.ts';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { formatAmountInput } from '#lib/money.ts';
import type { Vocabulary } from './listing-form-fields.tsx';

export function vocabulary(currency: string): Vocabulary {
  return { formats: LISTING_FORMATS, cadences: LISTING_CADENCES, enrollments: ENROLLMENT_STATUSES, professions: PROFESSIONS, timeZones: TIME_ZONES, weeksOfMonth: WEEKS_OF_MONTH, currency };
}

export function formValuesOf(l: ListingWithLeaders, emails: Map<string, string>): Record<string, string> {
  return {
    title: l.title,
    description: l.description,
    format: l.format,
    rotatingLeader: l.rotatingLeader ? 'yes' : '',
    ...Object.fromEntries(l.professions.map((p) => [`profession.${p}`, 'yes'])),
    cadence: l.cadence,
    weekday: String(l.weekday),
    weekOfMonth: l.weekOfMonth === null ? '' : String(l.weekOfMonth),
    startTime: l.startTime,
    durationMinutes: String(l.durationMinutes),
    timeZone: l.timeZone,
    startsOn: l.startsOn,
    placeName: l.placeName,
    city: l.city,
    region: l.region,
    postcode: l.postcode,
    country: l.country,
    cost: l.costMinor === null ? '' : formatAmountInput(l.costMinor, l.currency),
    costNote: l.costNote,
    enrollment: l.enrollment,
    howToJoin: l.howToJoin,
    coLeaders: l.leaders
      .filter((x) => !x.receivesMessages)
      .map((x) => emails.get(x.userId) ?? '')
      .filter(Boolean)
      .join('\n'),
  };
}

export function refuse(errors: Record<string, string>, values: Record<string, string>, alert = '') {
  return data({ ok: false as const, errors, values, alert: alert || undefined }, { status: 400 });
}

/** A domain refusal of the form (a co-leader without an account): the field named, what was typed kept. */
export function domainRefusal(error: unknown, values: Record<string, string>) {
  if (!(error instanceof DomainError)) throw error;
  const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
  return data({ ok: false as const, errors, values, alert: errorMessage(error.code) }, { status: error.code === 'DIRECTORY_LISTING_NOT_FOUND' ? 404 : 409 });
}
