import pino from 'pino';

// Paths that carry a credential in a segment. Each pattern keeps its first group and replaces
// the rest of the match: add one here when a route puts a token in its path.
const TOKEN_PATHS: RegExp[] = [
  // better-auth's endpoints: /api/auth/reset-password/<token> and anything like it.
  /^(\/api\/auth\/[^/]+\/).+$/,
  // Our own links of the /…/confirm/<token> kind.
  /^(.*\/(?:confirm|verify|verify-email|reset-password|choose-password|set-password|magic-link|invitation|invite|unsubscribe|token|tokens)\/)[^/]+/,
  // A person's agenda feed: /o/<org>/calendar/<token>.ics (docs/schedule.md).
  /^(\/o\/[^/]+\/calendar\/)[^/]+/,
];

/** A request path fit for a log line: token-bearing segments replaced by `[redacted]`. */
export function redactPath(pathname: string): string {
  for (const pattern of TOKEN_PATHS) {
    const match = pattern.exec(pathname);
    if (match) return `${match[1]}[redacted]${pathname.slice(match.index + match[0].length)}`;
  }
  return pathname;
}

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;
// Fields of a PostgreSQL error that name things in the schema, never values.
const SCHEMA_FIELDS = ['schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;
const SAFE_SCALARS = ['code', 'severity', 'status', 'statusCode', 'errno', 'syscall'] as const;

type Fields = Record<string, unknown>;

function isPostgresError(e: Fields): boolean {
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
}

function safeMessage(e: Error & Fields): string {
  const message = String(e.message ?? '');
  // Drizzle: "Failed query: <sql>\nparams: <values>" — the SQL goes in `query`, the values nowhere.
  if (typeof e.query === 'string' && message.startsWith('Failed query:')) return 'Failed query';
  if (isPostgresError(e)) {
    // PostgreSQL quotes values in some messages (invalid input syntax for type uuid: "…");
    // keep only the quoted names the error itself says are schema names.
    const names = new Set(SCHEMA_FIELDS.map((k) => e[k]).filter((v): v is string => typeof v === 'string'));
    return message.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => (names.has(inner) ? whole : '"[redacted]"'));
  }
  return message.replace(/\nparams:[\s\S]*$/, '').replace(EMAIL, '[email]');
}

/**
 * pino's `err` serializer: what failed and where, never the data it failed on. Drizzle's
 * messages carry the query's parameters and PostgreSQL's `detail` the offending values (names,
 * emails); both stay out. The SQL text (with placeholders) and the SQLSTATE code stay in.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const e = value as Error & Fields;
  const out: Fields = { type: e.constructor?.name && e.constructor.name !== 'Error' ? e.constructor.name : e.name, message: safeMessage(e) };
  for (const key of SAFE_SCALARS) if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  if (typeof e.query === 'string') out.query = e.query;
  if (isPostgresError(e)) for (const key of SCHEMA_FIELDS) if (typeof e[key] === 'string') out[key] = e[key];
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${String(out.type)}: ${String(out.message)}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < 4) out.cause = serializeError(e.cause, depth + 1);
  if (value instanceof AggregateError && depth < 4) out.errors = value.errors.slice(0, 5).map((x) => serializeError(x, depth + 1));
  return out;
}

// JSON logs, one line per event. Redaction is a second line of defence: code must not log
// secrets or personal data in the first place.
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'balint-hub' },
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        'cookie',
        '*.cookie',
        'req.headers.cookie',
        'req.headers.authorization',
        'email',
        '*.email',
        'to',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = pino.Logger;
export const log = createLogger();
