// Distance from a postcode without any online service: a small bundled table of approximate
// centroids (to about 10 km) for the postal areas where the demo's societies list groups —
// US ZIP codes by their first three digits (the sectional centre) in Washington, Oregon,
// Idaho, Montana and Alaska and a handful of large metropolitan areas, and Canadian postal
// codes by their first three characters (the forward sortation area) in British Columbia
// and Alberta's cities. A postcode outside the table is said so on the page: the visitor can
// filter by region instead. The limit is written down in ADR 0062.

export interface Point {
  latitude: number;
  longitude: number;
}

/** Prefix → [latitude, longitude] of the area's centre. */
const AREAS: Record<string, [number, number]> = {
  // Washington
  '980': [47.61, -122.2], '981': [47.61, -122.33], '982': [48.2, -122.2], '983': [47.25, -122.44], '984': [47.25, -122.44],
  '985': [47.04, -122.9], '986': [45.64, -122.66], '988': [47.42, -120.31], '989': [46.6, -120.51], '990': [47.66, -117.43],
  '991': [47.0, -117.8], '992': [47.66, -117.43], '993': [46.23, -119.1], '994': [46.42, -117.04],
  // Oregon
  '970': [45.52, -122.68], '971': [45.52, -122.68], '972': [45.52, -122.68], '973': [44.94, -123.03], '974': [44.05, -123.09],
  '975': [42.33, -122.87], '976': [42.22, -121.78], '977': [44.06, -121.31], '978': [45.67, -118.79], '979': [44.0, -117.0],
  // Idaho
  '832': [42.87, -112.45], '833': [42.56, -114.46], '834': [43.49, -112.03], '835': [46.42, -117.02], '836': [43.62, -116.2],
  '837': [43.62, -116.2], '838': [47.68, -116.78],
  // Montana
  '590': [45.78, -108.5], '591': [45.78, -108.5], '594': [47.5, -111.3], '596': [46.59, -112.04], '597': [45.68, -111.04],
  '598': [46.87, -113.99], '599': [48.2, -114.31],
  // Alaska
  '995': [61.22, -149.9], '996': [61.22, -149.9], '997': [64.84, -147.72], '998': [58.3, -134.42], '999': [55.34, -131.64],
  // Large metropolitan areas elsewhere
  '100': [40.75, -73.99], '021': [42.36, -71.06], '191': [39.95, -75.17], '200': [38.9, -77.04], '303': [33.75, -84.39],
  '331': [25.77, -80.19], '606': [41.88, -87.63], '481': [42.33, -83.05], '554': [44.98, -93.27], '631': [38.63, -90.2],
  '752': [32.78, -96.8], '770': [29.76, -95.37], '787': [30.27, -97.74], '802': [39.74, -104.99], '841': [40.76, -111.89],
  '850': [33.45, -112.07], '891': [36.17, -115.14], '900': [34.05, -118.24], '921': [32.72, -117.16], '941': [37.77, -122.42],
  '945': [37.8, -122.27], '958': [38.58, -121.49], '967': [21.31, -157.86], '968': [21.31, -157.86],
  // British Columbia (V) and Alberta's cities (T)
  V5K: [49.28, -123.04], V5L: [49.28, -123.07], V5N: [49.26, -123.07], V5T: [49.26, -123.1], V5V: [49.25, -123.1], V5Z: [49.26, -123.12],
  V6A: [49.28, -123.1], V6B: [49.28, -123.12], V6E: [49.29, -123.13], V6G: [49.29, -123.14], V6H: [49.26, -123.13], V6J: [49.27, -123.15],
  V6K: [49.27, -123.16], V6R: [49.26, -123.19], V6T: [49.26, -123.25], V6Z: [49.28, -123.13], V7L: [49.32, -123.07], V7M: [49.32, -123.08],
  V3H: [49.28, -122.83], V3M: [49.2, -122.91], V3T: [49.19, -122.85], V5A: [49.27, -122.93], V5H: [49.23, -122.99], V6X: [49.17, -123.13],
  V8V: [48.42, -123.36], V8W: [48.43, -123.37], V9A: [48.44, -123.39], V1Y: [49.89, -119.49], V2C: [50.67, -120.33], V2L: [53.92, -122.75],
  T2P: [51.05, -114.07], T2R: [51.04, -114.08], T5J: [53.54, -113.49], T6G: [53.52, -113.52],
};

/** The area a postcode is in, as a table key: a US ZIP's first three digits, a Canadian code's first three characters. */
export function postcodeArea(postcode: string): string | null {
  const compact = postcode.trim().toUpperCase().replace(/\s+/g, '');
  if (/^\d{5}(-?\d{4})?$/.test(compact)) return compact.slice(0, 3);
  if (/^[A-Z]\d[A-Z](\d[A-Z]\d)?$/.test(compact)) return compact.slice(0, 3);
  return null;
}

/** The approximate centre of a postcode's area, or null when the area is not in the bundled table. */
export function locatePostcode(postcode: string): Point | null {
  const area = postcodeArea(postcode);
  const found = area ? AREAS[area] : undefined;
  return found ? { latitude: found[0], longitude: found[1] } : null;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const KM_PER_MILE = 1.609344;
