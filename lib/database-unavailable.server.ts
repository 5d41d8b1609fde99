// Whether an error means the database cannot be reached right now (it is down, restarting, or
// ended our connection), as opposed to a fault in a query. The HTTP host answers those with
// 503 and Retry-After (the request may be repeated in a moment), not 500.
// Drizzle wraps driver errors (DrizzleQueryError's `cause`); the chain is followed.

/** SQLSTATE classes and codes: 08 connection exception; 57P01–57P03 admin/crash shutdown, cannot connect now. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node's socket errors when the server is not there or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
/** node-postgres's own messages for a connection that ended or could not be made in time. */
const DRIVER_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client has encountered a connection error and is not queryable/, /^Cannot use a pool after calling end/];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_CODES.has(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
    // AggregateError (a connection tried on IPv4 and IPv6): any of its parts.
    if (current instanceof AggregateError && current.errors.some((e) => isDatabaseUnavailable(e))) return true;
  }
  return false;
}
