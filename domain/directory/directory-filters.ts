// The public directory's search: what a visitor asked for (a GET form, so it works without
// JavaScript and the URL can be shared) and which listings match. Pure: the listings come
// from find-directory.server.ts, already limited to what the listing rule lets the public see.
import { z } from 'zod';
import { ENROLLMENT_STATUSES, LISTING_FORMATS, PROFESSIONS, type EnrollmentStatus, type ListingFormat, type Profession } from '#db/schema/directory.ts';
import { distanceKm, KM_PER_MILE, locatePostcode, type Point } from './postcodes.ts';

export const DISTANCES_MILES = [10, 25, 50, 100, 250] as const;

/** Unknown or malformed values are dropped rather than refused: a filter form never errors. */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
export const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  region: z.string().trim().max(100).optional().catch(undefined),
  postcode: z.string().trim().max(12).optional().catch(undefined),
  within: z.coerce
    .number()
    .refine((d) => (DISTANCES_MILES as readonly number[]).includes(d))
    .optional()
    .catch(undefined),
  online: z.literal('yes').optional().catch(undefined),
  profession: optionalEnum(PROFESSIONS),
  day: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  open: z.literal('yes').optional().catch(undefined),
});

export interface DirectoryFilters {
  q?: string;
  region?: string;
  postcode?: string;
  withinMiles?: number;
  online?: boolean;
  profession?: Profession;
  day?: number;
  open?: boolean;
}

export function parseFilters(search: URLSearchParams): DirectoryFilters {
  const raw = Object.fromEntries([...search.entries()].filter(([, v]) => v !== ''));
  const parsed = filterSchema.parse(raw);
  return {
    q: parsed.q || undefined,
    region: parsed.region || undefined,
    postcode: parsed.postcode || undefined,
    withinMiles: parsed.within,
    online: parsed.online === 'yes',
    profession: parsed.profession,
    day: parsed.day,
    open: parsed.open === 'yes',
  };
}

export interface FilterableListing {
  title: string;
  description: string;
  organizationName: string;
  format: ListingFormat;
  professions: readonly Profession[];
  weekday: number;
  enrollment: EnrollmentStatus;
  placeName: string;
  city: string;
  region: string;
  latitude: number | null;
  longitude: number | null;
}

export interface FilterOutcome<T> {
  listings: (T & { distanceMiles: number | null })[];
  /** A postcode was given that the bundled table cannot place: the distance filter was not applied. */
  postcodeUnknown: boolean;
  origin: Point | null;
}

/** Meets online: an online group, or a hybrid one that can be joined online. */
export function meetsOnline(format: ListingFormat): boolean {
  return format === 'online' || format === 'hybrid';
}

export function filterListings<T extends FilterableListing>(listings: readonly T[], filters: DirectoryFilters): FilterOutcome<T> {
  const origin = filters.postcode ? locatePostcode(filters.postcode) : null;
  const postcodeUnknown = Boolean(filters.postcode) && origin === null;
  const words = (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const withinKm = origin ? (filters.withinMiles ?? 50) * KM_PER_MILE : null;
  const matched = listings.flatMap((listing) => {
    if (filters.online && !meetsOnline(listing.format)) return [];
    if (filters.open && listing.enrollment !== 'open') return [];
    if (filters.day && listing.weekday !== filters.day) return [];
    if (filters.profession && !listing.professions.includes(filters.profession)) return [];
    if (filters.region && listing.region.toLowerCase() !== filters.region.toLowerCase()) return [];
    if (words.length) {
      const haystack = [listing.title, listing.description, listing.organizationName, listing.placeName, listing.city, listing.region].join(' ').toLowerCase();
      if (!words.every((w) => haystack.includes(w))) return [];
    }
    let distanceMiles: number | null = null;
    if (origin && listing.latitude !== null && listing.longitude !== null) {
      distanceMiles = distanceKm(origin, { latitude: listing.latitude, longitude: listing.longitude }) / KM_PER_MILE;
    }
    if (withinKm !== null) {
      // An online group is as near as the visitor's screen; an in-person one must be in range.
      const reachable = meetsOnline(listing.format) || (distanceMiles !== null && distanceMiles * KM_PER_MILE <= withinKm);
      if (!reachable) return [];
    }
    return [{ ...listing, distanceMiles }];
  });
  if (origin) matched.sort((a, b) => (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity));
  return { listings: matched, postcodeUnknown, origin };
}

export { ENROLLMENT_STATUSES, LISTING_FORMATS, PROFESSIONS };
