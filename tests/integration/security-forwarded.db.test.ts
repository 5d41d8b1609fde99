// The HTTP host's client address (issue 9 item 4): forwarded headers count only from
// TRUST_PROXY, and the per-address sign-in throttle holds behind a trusted proxy.
import crypto from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { MAX_FAILURES_PER_IP } from '../../domain/accounts/sign-in-throttle.server.ts';
import { freePort, startAppProcess, type AppProcess } from '../helpers/app-process.ts';
import { stop, useHostApp } from '../helpers/host-app.ts';

const host = useHostApp();
const { signIn } = host;

describe('forwarded headers', () => {
  test('without TRUST_PROXY, X-Forwarded-For (and our own internal header) from a client is ignored', async () => {
    const email = `xff-${crypto.randomBytes(4).toString('hex')}@example.org`;
    const response = await signIn(email, 'wrong-password-1', { 'x-forwarded-for': '198.51.100.23', 'x-balint-client-address': '198.51.100.24' });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    const { rows } = await host.db.query<{ ip_address: string | null }>(
      `select ip_address from sign_in_attempts where email_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [email],
    );
    expect(rows.map((r) => r.ip_address)).toEqual([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
  });
});

describe('forwarded headers from a trusted proxy (TRUST_PROXY)', () => {
  let proxied: AppProcess | undefined;
  afterAll(() => stop(proxied));

  test('the client is the rightmost address our proxy appended: forged entries to its left change nothing, and other clients are not throttled with the attacker', async () => {
    await stop(host.app);
    proxied = await startAppProcess({ DATABASE_URL: host.databaseUrl, PORT: String(await freePort()), TRUST_PROXY: '127.0.0.1,::1', JOBS_IN_PROCESS: '0' });
    const base = proxied.url;
    const attacker = '203.0.113.50';
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const response = await signIn(`nobody-${i}-${crypto.randomBytes(3).toString('hex')}@example.org`, 'wrong-password-1', { 'x-forwarded-for': `198.51.100.${i}, ${attacker}` }, base);
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
    const { rows } = await host.db.query<{ ip_address: string; n: number }>(`select ip_address, count(*)::int as n from sign_in_attempts where ip_address = $1 group by 1`, [attacker]);
    expect(rows).toEqual([{ ip_address: attacker, n: MAX_FAILURES_PER_IP }]);
    const refused = await signIn(`nobody-else@example.org`, 'wrong-password-1', { 'x-forwarded-for': `192.0.2.77, ${attacker}` }, base);
    expect(refused.status).toBe(429);
    await refused.arrayBuffer();
    const neighbour = await signIn(`neighbour@example.org`, 'wrong-password-1', { 'x-forwarded-for': '203.0.113.51' }, base);
    expect(neighbour.status).toBe(401);
    await neighbour.arrayBuffer();
  }, 120_000);
});
