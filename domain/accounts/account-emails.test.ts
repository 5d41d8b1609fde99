import { expect, test } from 'vitest';
import { organizationSlugFromLink } from './account-emails.server.ts';

test.each([
  ['http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2Fo%2Fnwbc%2Fverified', 'nwbc'],
  ['http://localhost:3000/api/auth/reset-password/tok?callbackURL=%2Fo%2Fabs%2Freset-password', 'abs'],
  ['http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=http%3A%2F%2Flocalhost%3A3000%2Fo%2Fabs%2Fverified', 'abs'],
  ['http://localhost:3000/api/auth/verify-email?token=abc', undefined],
  ['http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2Fevil%2Fo%2Fabs', undefined],
  ['not a url', undefined],
])('%s → %s', (link, slug) => {
  expect(organizationSlugFromLink(link)).toBe(slug);
});
