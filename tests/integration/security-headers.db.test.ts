// The HTTP host as an attacker meets it (issue 9 items 2, 5): the built app as a child process
// on a fresh database with the demo data, driven over HTTP (tests/helpers/host-app.ts).
//  - better-auth's endpoints are closed except the two links in emails;
//  - every response carries the security headers, scripts run only with the request's nonce,
//    and signed-in or private pages are never stored.
import { describe, expect, test } from 'vitest';
import { useHostApp } from '../helpers/host-app.ts';

const host = useHostApp();
const { cookiesOf, demo, signIn } = host;

describe("better-auth's endpoints", () => {
  test('only the emailed links are open: POST /api/auth/sign-in/email with the right password is a 404 and signs nobody in', async () => {
    const admin = demo('admin');
    const direct = await fetch(`${host.app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.app.url },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(direct.status).toBe(404);
    expect(direct.headers.getSetCookie()).toEqual([]);
    for (const [method, path] of [
      ['POST', '/api/auth/sign-up/email'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/reset-password'],
      ['POST', '/api/auth/send-verification-email'],
      ['GET', '/api/auth/get-session'],
      ['GET', '/api/auth/list-sessions'],
      ['GET', '/api/auth/ok'],
      ['POST', '/api/auth/verify-email'],
    ] as const) {
      const response = await fetch(`${host.app.url}${path}`, { method, headers: { origin: host.app.url, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 404`);
    }
    // The links in emails still work (here with bad tokens: better-auth's own answer, not ours).
    const reset = await fetch(`${host.app.url}/api/auth/reset-password/not-a-token?callbackURL=${encodeURIComponent('/o/abs/reset-password')}`, { redirect: 'manual' });
    expect(reset.status).toBe(302);
    expect(reset.headers.get('location')).toMatch(/\/o\/abs\/reset-password\?error=/);
    const verify = await fetch(`${host.app.url}/api/auth/verify-email?token=not-a-token&callbackURL=${encodeURIComponent('/o/abs/verified')}`, { redirect: 'manual' });
    expect(verify.status).not.toBe(404);
    expect(verify.status).toBeLessThan(500);
  });
});

describe('security headers', () => {
  test('a page that hydrates (sign-in): a CSP whose nonce is on every inline script and differs per response, framing refused, no sniffing, a referrer and permissions policy', async () => {
    const [first, second] = await Promise.all([fetch(`${host.app.url}/o/abs/sign-in`), fetch(`${host.app.url}/o/abs/sign-in`)]);
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) {
      // Inline scripts need the nonce; external ones must come from this origin.
      if (/\bsrc=/.test(attributes)) expect(attributes).toMatch(/src="\//);
      else expect(attributes).toContain(`nonce="${nonce}"`);
    }
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.headers.get('permissions-policy')).toContain('camera=()');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    // http://localhost: no HSTS (it would pin a name that is not ours).
    expect(first.headers.get('strict-transport-security')).toBeNull();
    // A public page to an anonymous visitor may be cached by the browser's normal rules.
    expect(first.headers.get('cache-control') ?? '').not.toContain('no-store');
    await second.text();

    for (const path of ['/api/openapi.json', '/api/v1/organizations/abs/courses', '/healthz', '/o/abs/no-such-page', '/webhooks/stripe']) {
      const response = await fetch(`${host.app.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      await response.arrayBuffer();
    }
  });

  test('signed-in responses, staff areas and the decrypted aid application are never stored; fingerprinted assets still are', async () => {
    const aid = demo('financial_aid_committee');
    const signedIn = await signIn(aid.email, aid.password);
    expect(signedIn.status).toBe(302);
    const cookie = cookiesOf(signedIn);
    expect(cookie).toContain('session_token');

    const home = await fetch(`${host.app.url}/o/abs`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    const homeHtml = await home.text();

    const programs = await fetch(`${host.app.url}/o/abs/admin/financial-aid`, { headers: { cookie } });
    expect(programs.status).toBe(200);
    expect(programs.headers.get('cache-control')).toBe('no-store');
    const { rows } = await host.db.query<{ id: string; course_id: string }>(`select id, course_id from aid_applications limit 1`).catch(() => ({ rows: [] as { id: string; course_id: string }[] }));
    if (rows[0]) {
      const application = await fetch(`${host.app.url}/o/abs/admin/financial-aid/${rows[0].course_id}/applications/${rows[0].id}`, { headers: { cookie } });
      expect(application.headers.get('cache-control')).toBe('no-store');
      await application.arrayBuffer();
    }
    // Without a cookie, the staff area and one's registrations redirect — never stored either.
    for (const path of ['/o/abs/admin', '/o/abs/registrations', '/o/abs/profile', '/o/abs/registrations.data']) {
      const response = await fetch(`${host.app.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      await response.arrayBuffer();
    }
    // Fingerprinted assets are the same for everyone.
    const asset = /<script[^>]+src="(\/assets\/[^"]+)"/.exec(homeHtml)?.[1] ?? /href="(\/assets\/[^"]+\.css)"/.exec(homeHtml)?.[1];
    expect(asset).toBeTruthy();
    const assetResponse = await fetch(`${host.app.url}${asset}`, { headers: { cookie } });
    expect(assetResponse.headers.get('cache-control')).toContain('immutable');
    await assetResponse.arrayBuffer();
  });
});
