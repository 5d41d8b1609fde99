import { describe, expect, test } from 'vitest';
import { checkFormBody } from './form-body.server.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('page POST bodies', () => {
  test('forms pass, in both encodings; an empty body-less POST is an empty form', async () => {
    expect(await checkFormBody('/o/abs/sign-in', 'POST', 'application/x-www-form-urlencoded', bytes('email=a%40b.org'))).toEqual({ ok: true, contentType: 'application/x-www-form-urlencoded' });
    const multipart = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n';
    expect((await checkFormBody('/o/abs/x', 'POST', 'multipart/form-data; boundary=b', bytes(multipart))).ok).toBe(true);
    expect(await checkFormBody('/o/abs/sign-out', 'POST', null, null)).toEqual({ ok: true, contentType: 'application/x-www-form-urlencoded' });
  });

  test('other types, a multipart body without boundary or cut short, are refused', async () => {
    expect((await checkFormBody('/o/abs/sign-in', 'POST', 'text/plain', bytes('a=1'))).ok).toBe(false);
    expect((await checkFormBody('/o/abs/sign-in', 'POST', 'application/json', bytes('{}'))).ok).toBe(false);
    expect((await checkFormBody('/o/abs/sign-in', 'POST', 'multipart/form-data', bytes('--b\r\n'))).ok).toBe(false);
    expect((await checkFormBody('/o/abs/sign-in', 'POST', 'multipart/form-data; boundary=b', bytes('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'))).ok).toBe(false);
    expect((await checkFormBody('/o/abs/sign-in', 'POST', null, bytes('a=1'))).ok).toBe(false);
  });

  test('the attendance sync takes JSON and checks it itself; GETs are not checked', async () => {
    expect((await checkFormBody('/o/abs/attendance/sync', 'POST', 'application/json', bytes('{}'))).ok).toBe(true);
    expect((await checkFormBody('/o/abs/sign-in', 'GET', 'text/plain', null)).ok).toBe(true);
  });
});
