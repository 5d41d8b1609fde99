// A listing as the public pages show it, computed on the server: the meeting pattern and the
// next meetings in the group's own zone as text (the visitor's zone is added in the browser
// after hydration, from the instants sent with them), place, cost, enrollment.
import { Temporal } from 'temporal-polyfill';
import type { ListingWithLeaders } from '#domain/directory/listing-records.server.ts';
import { formatOccurrence, nextMeetings } from '#domain/directory/meeting-times.ts';
import { formatMoney } from '#lib/money.ts';
import { formatDate, t } from '#lib/i18n.ts';

export interface MeetingInstant {
  startMs: number;
  endMs: number;
}

function clock(time: string, minutes: number): string {
  // A time of day in words ("7:00 PM – 8:30 PM"), on a date without a clock change.
  const start = Temporal.PlainDate.from('2026-01-15').toZonedDateTime({ timeZone: 'UTC', plainTime: Temporal.PlainTime.from(time) });
  const end = start.add({ minutes });
  const f = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  return `${f.format(start.epochMilliseconds)} – ${f.format(end.epochMilliseconds)}`;
}

export function zoneName(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(Date.now());
  const name = parts.find((p) => p.type === 'timeZoneName')?.value;
  return name && name !== timeZone ? `${name}, ${timeZone}` : timeZone;
}

export function patternText(l: Pick<ListingWithLeaders, 'cadence' | 'weekday' | 'weekOfMonth' | 'startTime' | 'durationMinutes' | 'timeZone'>): string {
  const weekday = t(`directory.weekday_${l.weekday}`);
  const time = clock(l.startTime, l.durationMinutes);
  if (l.cadence === 'monthly') return t('directory.pattern_monthly', { nth: t(`directory.nth_${l.weekOfMonth ?? 1}`), weekday, time });
  return t(`directory.pattern_${l.cadence}`, { weekday, time });
}

export function placeText(l: Pick<ListingWithLeaders, 'format' | 'placeName' | 'city' | 'region' | 'country'>): string {
  if (l.format === 'online') return t('directory.onlinePlace');
  const where = [l.placeName, l.city, l.region].filter(Boolean).join(', ');
  return l.format === 'hybrid' ? `${where} · ${t('directory.onlinePlace')}` : where;
}

export function costText(l: Pick<ListingWithLeaders, 'costMinor' | 'currency' | 'costNote'>): string {
  const amount = l.costMinor === null ? t('directory.askCost') : l.costMinor === 0 ? t('directory.free') : formatMoney(l.costMinor, l.currency);
  return l.costNote ? `${amount} (${l.costNote})` : amount;
}

export function listingSummary(l: ListingWithLeaders) {
  return {
    id: l.id,
    slug: l.slug,
    title: l.title,
    format: l.format,
    formatLabel: t(`directory.format_${l.format}`),
    rotatingLeader: l.rotatingLeader,
    professions: l.professions.map((p) => t(`directory.profession_${p}`)),
    pattern: patternText(l),
    timeZone: l.timeZone,
    zone: zoneName(l.timeZone),
    place: placeText(l),
    cost: costText(l),
    startsOn: formatDate(l.startsOn),
    enrollment: l.enrollment,
    enrollmentLabel: t(`directory.enrollment_${l.enrollment}`),
    leaders: l.leaders.map((x) => x.name),
    latitude: l.format === 'online' ? null : l.latitude,
    longitude: l.format === 'online' ? null : l.longitude,
  };
}

/** The next meetings: text in the group's zone, and the instants for the visitor's zone. */
export function upcoming(l: ListingWithLeaders, now = Temporal.Now.instant(), count = 3): { text: string; instant: MeetingInstant }[] {
  return nextMeetings(
    { cadence: l.cadence, weekday: l.weekday, weekOfMonth: l.weekOfMonth ?? undefined, startTime: l.startTime, durationMinutes: l.durationMinutes, timeZone: l.timeZone, startsOn: l.startsOn },
    now,
    count,
  ).map((o) => ({ text: formatOccurrence(o, l.timeZone), instant: { startMs: o.start.epochMilliseconds, endMs: o.end.epochMilliseconds } }));
}
