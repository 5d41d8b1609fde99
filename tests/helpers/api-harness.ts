// The JSON API's database tests' harness: a private database, the services handleApi gets
// (real auth, a recording job queue), and calls through handleApi as a client would make them.
// Each server/api/api-*.db.test.ts calls useApiHarness() once at its top.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect } from 'vitest';
import type { AppServices } from '../../lib/services.ts';
import { registrations } from '../../db/schema/registration.ts';
import { createAccountsAuth } from '../../domain/accounts/auth.server.ts';
import { assignRole, createVerifiedAccount } from '../../domain/accounts/create-account.server.ts';
import { issueApiToken } from '../../domain/api-tokens/issue-api-token.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { APPLICATIONS_PER_ADDRESS_ENV } from '../../domain/registration/apply-throttle.server.ts';
import { createLogger } from '../../lib/log.server.ts';
import { handleApi } from '../../server/api/handle-api.server.ts';
import { validAnswers } from './fixtures.ts';
import { useTestDatabase } from './test-database.ts';

export const BASE = 'http://localhost:3999';
// Open today whatever today is: the API decides with the real clock.
export const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null };

export function useApiHarness() {
  const testDb = useTestDatabase();
  const api = {
    testDb,
    /** What handleApi is given; set before the file's tests. */
    services: undefined as unknown as AppServices,
    /** The outbox message ids each deliverEmails job was asked for. */
    delivered: [] as string[][],

    call(method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined;
      if (options.raw !== undefined) body = options.raw;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      return handleApi(new Request(`${BASE}${path}`, { method, headers, body }), api.services);
    },

    async read(response: Response) {
      return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, any> };
    },

    applicationBody(overrides: Record<string, unknown> = {}) {
      const id = crypto.randomBytes(5).toString('hex');
      return { name: `Api Applicant ${id}`, email: `api-${id}@example.org`, categoryKey: 'non_member', answers: validAnswers(), ...overrides };
    },

    key: () => `key-${crypto.randomUUID()}`,

    async staffOf(organizationId: string, role: 'course_director' | 'faculty' = 'course_director') {
      const email = `staff-${crypto.randomBytes(4).toString('hex')}@example.org`;
      const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Staff', password: 'staff-password-123' }, systemActor);
      await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
      const { id, token } = await issueApiToken(testDb.db, { organizationId, userId, name: 'test' });
      return { userId, tokenId: id, token, auth: { authorization: `Bearer ${token}` } };
    },

    /** Applications of one course in submission order (anonymous callers get no id back: ADR 0047). */
    async idsOf(courseId: string): Promise<string[]> {
      const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, courseId));
      return rows.sort((a, b) => a.sequence - b.sequence).map((r) => r.id);
    },

    /** A verified account, signed in: its session cookie. */
    async signedIn(): Promise<{ email: string; cookie: string }> {
      const email = `signed-in-${crypto.randomBytes(4).toString('hex')}@example.org`;
      await createVerifiedAccount(testDb.db, { email, name: 'Signed In', password: 'signed-in-password-1' }, systemActor);
      const response = await api.services.auth.handler(
        new Request(`${BASE}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ email, password: 'signed-in-password-1' }) }),
      );
      expect(response.status).toBe(200);
      return { email, cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
    },
  };

  beforeAll(() => {
    // The per-address limit is tested on its own, from its own address.
    process.env[APPLICATIONS_PER_ADDRESS_ENV] = '0';
    api.delivered = [];
    api.services = {
      db: testDb.db,
      auth: createAccountsAuth({ db: testDb.db, baseUrl: BASE, secret: 'x'.repeat(40), sessionDays: 7, onEmailQueued: async () => {} }),
      jobs: { deliverEmails: async (ids) => void api.delivered.push(ids), requestPasswordReset: async () => {}, stop: async () => {} },
      log: createLogger('silent'),
      requestId: 'req-test-1',
      clientAddress: '127.0.0.1',
      publicUrl: BASE,
      smtpConfigured: false,
      payments: null,
      encryptionKey: Buffer.alloc(32, 7),
      groupingRunner: { start: () => {} },
    };
  });
  return api;
}
