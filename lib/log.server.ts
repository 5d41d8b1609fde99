import pino from 'pino';

// JSON logs, one line per event. Redaction is a second line of defence: code must not log
// secrets or personal data in the first place.
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info') {
  return pino({
    level,
    base: { service: 'balint-hub' },
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
  });
}

export type Logger = pino.Logger;
export const log = createLogger();
