// A page's action reads its body as a form. A POST whose body is not one — another content
// type, a multipart body without its boundary or cut short — is the sender's mistake and gets
// a 400, on every page and through React Router's data requests (`.data`) alike, never a 500.
import { describe, expect, test } from 'vitest';
import { useHostApp } from '../helpers/host-app.ts';

const host = useHostApp();

const BAD_BODIES: [string, string][] = [
  ['text/plain', 'email=a@example.org&password=x'],
  ['application/json', '{"email":"a@example.org"}'],
  ['multipart/form-data; boundary=----x', 'this is not multipart at all'],
  ['multipart/form-data', '------x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.org\r\n'],
];

async function post(path: string, type: string, body: string, cookie = '') {
  const response = await fetch(`${host.app.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': type, origin: host.app.url, ...(cookie ? { cookie } : {}) }, body });
  await response.arrayBuffer();
  return response.status;
}

describe('bodies that are not forms', () => {
  test('public pages and their data requests answer 400', async () => {
    for (const path of ['/o/abs/sign-in', '/o/abs/sign-up', '/o/abs/forgot-password', '/o/abs/sign-in.data']) {
      for (const [type, body] of BAD_BODIES) expect(`${path} ${type}: ${await post(path, type, body)}`).toBe(`${path} ${type}: 400`);
    }
  });

  test('a staff page too, signed in', async () => {
    const admin = host.demo('admin');
    const cookie = host.cookiesOf(await host.signIn(admin.email, admin.password));
    for (const [type, body] of BAD_BODIES) expect(`${type}: ${await post('/o/abs/admin/people', type, body, cookie)}`).toBe(`${type}: 400`);
  });

  // Found by the fuzzing figure (`npm run verify:resilience`): the two pages that take image
  // uploads have their own body limit, and missed the check — a malformed multipart body was a 500.
  test('the site image and settings pages, which take uploads, too', async () => {
    const admin = host.demo('admin');
    const cookie = host.cookiesOf(await host.signIn(admin.email, admin.password));
    for (const path of ['/o/abs/admin/site/images', '/o/abs/admin/site/settings', '/o/abs/admin/site/images.data']) {
      for (const [type, body] of BAD_BODIES) expect(`${path} ${type}: ${await post(path, type, body, cookie)}`).toBe(`${path} ${type}: 400`);
    }
  });
});
