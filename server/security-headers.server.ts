// The headers every response from the host carries (ADR 0046). The policy allows scripts
// from this origin and inline scripts bearing the request's nonce (React Router's hydration
// data and module loader, React's streaming runtime); nothing else runs.

export interface SecurityHeaderOptions {
  nonce: string;
  /** PUBLIC_URL is https: browsers are told to use nothing else (HSTS). */
  https: boolean;
  /** Vite's development server injects styles and opens a websocket. */
  development: boolean;
  /** The response shows someone's data: no browser or proxy may keep a copy. */
  noStore: boolean;
}

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Stylesheets only from here; a few components still set a style attribute
    // (white-space, min-width), which attribute-only 'unsafe-inline' allows.
    development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    // OpenStreetMap's tiles on the groups directory's map (ADR 0062).
    "img-src 'self' data: https://tile.openstreetmap.org",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // No form-action: paying by card posts here and is redirected to Stripe's Checkout page,
    // which Chrome would check against form-action.
  ].join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?balint\.session_token=/;
// Pages with personal data whoever asks (signed in or not): staff areas, one's own
// registrations, profile and invoices, the operator's outbox, staff API endpoints.
const PRIVATE_PATHS = [
  /^\/o\/[^/]+\/(?:admin|registrations|profile|checkouts|documents)(?:[/.]|$)/,
  /^\/operator(?:[/.]|$)/,
  /^\/api\/v1\/registrations\//,
  /^\/api\/v1\/organizations\/[^/]+\/(?:registrations\/|courses\/[^/]+\/applications)/,
];

/** Whether a dynamic response to this request must not be stored anywhere. */
export function mustNotStore(request: Request, pathname: string): boolean {
  if (SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return true;
  if (request.headers.has('authorization')) return true;
  return PRIVATE_PATHS.some((p) => p.test(pathname));
}

export function applySecurityHeaders(headers: Headers, options: SecurityHeaderOptions): void {
  headers.set('content-security-policy', contentSecurityPolicy(options.nonce, options.development));
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  headers.set('permissions-policy', PERMISSIONS_POLICY);
  headers.set('x-frame-options', 'DENY');
  headers.set('cross-origin-opener-policy', 'same-origin');
  if (options.https) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (options.noStore) {
    headers.set('cache-control', 'no-store');
    headers.delete('expires');
    headers.delete('etag');
    headers.delete('last-modified');
  }
}
