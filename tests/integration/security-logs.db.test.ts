// The HTTP host's logs (issue 9 item 8): with LOG_LEVEL=debug, no password, email, name or
// reset token planted through sign-up, sign-in, password reset and applying (form and API)
// appears anywhere in the output.
import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { useHostApp } from '../helpers/host-app.ts';

const host = useHostApp();
const { postForm, cookiesOf, signIn } = host;

function fillForm(html: string, overrides: Record<string, string>): Record<string, string> {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if (type === 'hidden') fields[name] = attr(tag, 'value') ?? '';
    else if (type === 'checkbox') fields[name] = attr(tag, 'value') ?? 'on';
    else if (type === 'radio') fields[name] ??= attr(tag, 'value') ?? '';
    else if (name !== 'discountCode') fields[name] ??= type === 'email' ? 'someone@example.org' : 'Psychology';
  }
  for (const [, name] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"/g)) fields[name!] = 'Nothing to add';
  for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name!] = /<option[^>]*value="([^"]+)"/.exec(options!)?.[1] ?? '';
  }
  return { ...fields, ...overrides };
}

describe('logs', () => {
  test('with LOG_LEVEL=debug, nothing planted through every auth flow, both ways of applying and a calendar feed address reaches the output', async () => {
    const canary = `cnry${crypto.randomBytes(6).toString('hex')}`;
    const person = { name: `Ada ${canary} Lovelace`, email: `${canary}.ada@example.org`, password: `pw-${canary}-first`, newPassword: `pw-${canary}-second` };
    const planted: string[] = [canary, person.password, person.newPassword];

    // Sign up, a wrong password, then the right one while unconfirmed.
    const signedUp = await postForm('/o/abs/sign-up', { name: person.name, email: person.email, password: person.password });
    expect(signedUp.status).toBe(302);
    expect((await signIn(person.email, `wrong-${canary}`)).status).toBe(401);
    expect([401, 403]).toContain((await signIn(person.email, person.password)).status);

    // Forgot password: the reset link, from the database, followed as from the email.
    const forgot = await postForm('/o/abs/forgot-password', { email: person.email });
    expect(forgot.status).toBeLessThan(400);
    await forgot.arrayBuffer();
    let token: string | undefined;
    for (let i = 0; i < 100 && !token; i++) {
      const { rows } = await host.db.query<{ identifier: string }>(
        `select v.identifier from verifications v join users u on u.id = v.value where lower(u.email) = lower($1) and v.identifier like 'reset-password:%' order by v.created_at desc limit 1`,
        [person.email],
      );
      token = rows[0]?.identifier.slice('reset-password:'.length);
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    expect(token).toBeTruthy();
    planted.push(token!);
    const link = await fetch(`${host.app.url}/api/auth/reset-password/${token}?callbackURL=${encodeURIComponent('/o/abs/reset-password')}`, { redirect: 'manual' });
    expect(link.status).toBe(302);
    const resetPage = link.headers.get('location')!;
    expect(resetPage).toContain(token!);
    expect((await fetch(new URL(resetPage, host.app.url))).status).toBe(200);
    const reset = await postForm('/o/abs/reset-password', { token: token!, password: person.newPassword });
    expect(reset.status).toBe(200);
    await reset.arrayBuffer();
    const signedIn = await signIn(person.email, person.newPassword);
    expect(signedIn.status).toBe(302);
    const cookie = cookiesOf(signedIn);
    expect((await fetch(`${host.app.url}/o/abs/profile`, { headers: { cookie } })).status).toBe(200);

    // Applying as a visitor through the form.
    const { items } = (await (await fetch(`${host.app.url}/api/v1/organizations/abs/courses`)).json()) as { items: { slug: string }[] };
    const courseSlug = items.find((c) => /leadership-intensive-\d{4}-\d{2}$/.test(c.slug))?.slug ?? items[0]!.slug;
    const visitor = { name: `Grace ${canary} Hopper`, email: `${canary}.grace@example.org` };
    const applyPage = await (await fetch(`${host.app.url}/o/abs/courses/${courseSlug}/apply`)).text();
    const applied = await postForm(`/o/abs/courses/${courseSlug}/apply`, fillForm(applyPage, { name: visitor.name, email: visitor.email }));
    expect(applied.status).toBeLessThan(500);
    await applied.arrayBuffer();
    // The same with a NUL in the name: refused at the door, not a database error.
    const nulForm = await postForm(`/o/abs/courses/${courseSlug}/apply`, fillForm(applyPage, { name: `Nul\u0000${canary}`, email: `${canary}.nul@example.org` }));
    expect.soft(nulForm.status).toBe(400);
    await nulForm.arrayBuffer();

    // Applying through the JSON API, once properly and once with a NUL in the name.
    const course = (await (await fetch(`${host.app.url}/api/v1/organizations/abs/courses/${courseSlug}`)).json()) as {
      prices: { categoryKey: string }[];
      attestations: { key: string }[];
      customQuestions: { key: string; options?: string[] }[];
    };
    const body = (name: string, email: string) => ({
      name,
      email,
      categoryKey: course.prices.find((p) => p.categoryKey === 'non_member')?.categoryKey ?? course.prices[0]!.categoryKey,
      answers: {
        discipline: 'Psychology',
        commitsToAttendAll: true,
        understandsNotTherapy: true,
        attestations: Object.fromEntries(course.attestations.map((a) => [a.key, true])),
        custom: Object.fromEntries(course.customQuestions.map((q) => [q.key, q.options?.[0] ?? 'Nothing to add'])),
      },
    });
    const api = (payload: unknown) =>
      fetch(`${host.app.url}/api/v1/organizations/abs/courses/${courseSlug}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `key-${crypto.randomUUID()}` },
        body: JSON.stringify(payload),
      });
    const viaApi = await api(body(`Alan ${canary} Turing`, `${canary}.alan@example.org`));
    expect(viaApi.status, await viaApi.clone().text()).toBeLessThan(300);
    await viaApi.arrayBuffer();
    const nul = await api(body(`Nul ${canary}\u0000Person`, `${canary}.nul2@example.org`));
    expect.soft(nul.status).toBe(400);
    expect.soft(nul.headers.get('content-type')).toBe('application/problem+json');
    await nul.arrayBuffer();

    // A personal calendar feed address: its token is in the path (docs/schedule.md).
    const feedToken = `${canary}${'Feed_token-'.repeat(4)}`.slice(0, 43);
    planted.push(feedToken);
    const feed = await fetch(`${host.app.url}/o/abs/calendar/${feedToken}.ics`);
    expect.soft(feed.status).toBe(404);
    await feed.arrayBuffer();

    // Let the jobs deliver (to the outbox) and log what they log.
    await new Promise((r) => setTimeout(r, 1500));
    const output = host.app.output();
    // The log did record the journey (request lines), just not what was planted in it.
    expect(output.match(/"msg":"request"/g)?.length ?? 0).toBeGreaterThan(10);
    for (const secret of planted) expect(output.includes(secret), `the output contains ${secret.slice(0, 12)}…`).toBe(false);
  }, 120_000);
});
