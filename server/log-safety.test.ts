// What reaches the log: no reset tokens in request paths, no query parameters or offending
// values from database errors (they carry names and emails).
import { describe, expect, test } from 'vitest';
import { createLogger, redactPath, serializeError } from '#lib/log.server.ts';

describe('redactPath', () => {
  test('token-bearing segments are replaced; ordinary paths are kept', () => {
    expect(redactPath('/api/auth/reset-password/AbC123xyz_-tok')).toBe('/api/auth/reset-password/[redacted]');
    expect(redactPath('/api/auth/verify-email')).toBe('/api/auth/verify-email');
    expect(redactPath('/o/abs/registrations/6f1c/confirm/s3cr3t-token')).toBe('/o/abs/registrations/6f1c/confirm/[redacted]');
    expect(redactPath('/o/abs/confirm/s3cr3t-token/done')).toBe('/o/abs/confirm/[redacted]/done');
    expect(redactPath('/o/abs/courses/leadership-intensive-2026-05/apply')).toBe('/o/abs/courses/leadership-intensive-2026-05/apply');
    expect(redactPath('/o/abs/reset-password')).toBe('/o/abs/reset-password');
    expect(redactPath('/o/abs/calendar/Qm9vX2Jhcl9iYXpfcXV4X3NlY3JldF90b2tlbl9oZXJl.ics')).toBe('/o/abs/calendar/[redacted]');
    expect(redactPath('/o/abs/courses/leadership-intensive-2025-spokane/schedule.ics')).toBe('/o/abs/courses/leadership-intensive-2025-spokane/schedule.ics');
  });
});

/** An error shaped like Drizzle's DrizzleQueryError wrapping pg's DatabaseError. */
function drizzleError() {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
    name: 'error',
    code: '23505',
    severity: 'ERROR',
    detail: 'Key (email)=(canary.person@example.org) already exists.',
    constraint: 'users_email_unique',
    table: 'users',
  });
  class DrizzleQueryError extends Error {
    query = 'insert into "users" ("id", "name", "email") values ($1, $2, $3)';
    params = ['u1', 'Canary Person', 'canary.person@example.org'];
  }
  const error = new DrizzleQueryError(`Failed query: insert into "users" ("id", "name", "email") values ($1, $2, $3)\nparams: u1,Canary Person,canary.person@example.org`);
  (error as Error & { cause: unknown }).cause = cause;
  return error;
}

describe('the err serializer', () => {
  test('a failed query is logged with its SQL and SQLSTATE, without its parameters or detail', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    log.error({ err: drizzleError() }, 'unhandled error');
    const line = lines.join('');
    expect(line).not.toContain('Canary Person');
    expect(line).not.toContain('canary.person');
    const logged = JSON.parse(line) as { err: { type: string; query: string; cause: { code: string; constraint: string; message: string } } };
    expect(logged.err.type).toBe('DrizzleQueryError');
    expect(logged.err.query).toContain('insert into "users"');
    expect(logged.err.cause).toMatchObject({ code: '23505', constraint: 'users_email_unique' });
    expect(logged.err.cause.message).toContain('"users_email_unique"');
  });

  test('values PostgreSQL quotes in its messages are redacted; other errors keep their message without emails', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "Canary Person"'), { code: '22P02', severity: 'ERROR' });
    expect(JSON.stringify(serializeError(pgError))).not.toContain('Canary');
    const plain = serializeError(new Error('could not mail canary.person@example.org')) as { message: string; stack: string };
    expect(plain.message).toBe('could not mail [email]');
    expect(plain.stack).not.toContain('canary.person');
    expect(serializeError({ name: 'x' })).toEqual({ name: 'x' });
  });
});
