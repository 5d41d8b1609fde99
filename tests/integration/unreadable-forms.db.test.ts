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

// Found by the fuzzing figure: the price table and the evaluation form re-render what was posted,
// and a posted row count of 1e30 made the page build an array that long (a 500). The pages now
// hold the count to what their parsers read.
describe('a posted row count far beyond the table', () => {
  test('the price table and the evaluation form answer with the form again, not a 500', async () => {
    const admin = host.demo('admin');
    const cookie = host.cookiesOf(await host.signIn(admin.email, admin.password));
    const { rows } = await host.db.query<{ id: string }>(`select c.id from courses c join organizations o on o.id = c.organization_id where o.slug = 'abs' order by c.created_at limit 1`);
    for (const page of ['prices', 'evaluation']) {
      for (const rowCount of ['1e30', '-5', '4294967296', 'NaN']) {
        const response = await host.postForm(`/o/abs/admin/courses/${rows[0]!.id}/${page}`, { rowCount, 'rows.0.label': 'x' }, { cookie });
        const html = await response.text();
        expect(`${page} ${rowCount}: ${response.status}`).toMatch(new RegExp(`^${page} ${rowCount}: (200|400|422)$`));
        expect(html).toContain('name="rowCount"');
      }
    }
  });
});

// Found by the full fuzzing run: the small-groups page looked the posted intent up in an object
// of forms, and `__proto__` found Object.prototype there (a 500). Own keys only now.
describe('an intent that names an object property', () => {
  test('__proto__, constructor and toString are refused as unknown intents, not a 500', async () => {
    const admin = host.demo('admin');
    const cookie = host.cookiesOf(await host.signIn(admin.email, admin.password));
    const { rows } = await host.db.query<{ id: string }>(`select c.id from courses c join organizations o on o.id = c.organization_id where o.slug = 'abs' order by c.created_at limit 1`);
    for (const intent of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      for (const path of [`/o/abs/admin/courses/${rows[0]!.id}/small-groups`, `/o/abs/admin/courses/${rows[0]!.id}/small-groups.data`]) {
        const response = await host.postForm(path, { intent, mode: 'fresh', timeLimit: '5' }, { cookie });
        await response.arrayBuffer();
        expect(`${intent} ${path.endsWith('.data') ? 'data' : 'document'}: ${response.status}`).toBe(`${intent} ${path.endsWith('.data') ? 'data' : 'document'}: 400`);
      }
    }
  });
});
