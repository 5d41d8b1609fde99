// Where a person is sent after signing in: only a page of this site, never another site, and
// never React Router's data URL of a page.
import { describe, expect, test } from 'vitest';
import { pagePath, safeNext } from './guards.server.ts';

const HOME = '/o/abs';

describe('safeNext', () => {
  test.each([
    ['/o/abs/registrations', '/o/abs/registrations'],
    ['/o/abs/admin/people?status=all', '/o/abs/admin/people?status=all'],
    ['/o/abs/courses/x%2Fy', '/o/abs/courses/x%2Fy'],
  ])('keeps a same-origin path %j', (next, expected) => {
    expect(safeNext(next, HOME)).toBe(expected);
  });

  test.each([
    // Browsers drop tabs and newlines in URLs: "/\t/evil.example" is "//evil.example".
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/x\\..\\..\\evil',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    '/\u0000',
    '/\u007f/evil.example',
  ])('refuses %j and sends the person home', (next) => {
    expect(safeNext(next, HOME)).toBe(HOME);
  });

  test('a next with a newline never reaches a Location header (it used to answer 500)', () => {
    const target = safeNext('/o/abs\nSet-Cookie: x=1', HOME);
    expect(() => new Headers({ location: target })).not.toThrow();
    expect(target).toBe(HOME);
  });

  test("React Router's data suffix is removed: the person lands on the page, not its data", () => {
    expect(safeNext('/o/abs/registrations.data', HOME)).toBe('/o/abs/registrations');
    expect(safeNext('/o/abs/registrations.data?_routes=routes%2Fregistration%2Fmy-registrations', HOME)).toBe('/o/abs/registrations');
    expect(safeNext('/_root.data', HOME)).toBe('/');
    expect(safeNext('/o/abs/registrations/abc/pay.data?x=1&_routes=a', HOME)).toBe('/o/abs/registrations/abc/pay?x=1');
  });
});

describe('pagePath', () => {
  test('the page a data request is for', () => {
    expect(pagePath(new URL('http://localhost/o/abs/registrations.data?_routes=x'))).toBe('/o/abs/registrations');
    expect(pagePath(new URL('http://localhost/o/abs/admin?tab=1'))).toBe('/o/abs/admin?tab=1');
  });
});
