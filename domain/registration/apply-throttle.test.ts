import { expect, test } from 'vitest';
import { APPLICATIONS_PER_ADDRESS_ENV, applicationsPerAddressPerHour, DEFAULT_APPLICATIONS_PER_ADDRESS_PER_HOUR } from './apply-throttle.server.ts';

test('the per-address limit: 30 an hour unless set; 0 turns it off; a bad value falls back to the default', () => {
  expect(DEFAULT_APPLICATIONS_PER_ADDRESS_PER_HOUR).toBe(30);
  expect(applicationsPerAddressPerHour({})).toBe(30);
  expect(applicationsPerAddressPerHour({ [APPLICATIONS_PER_ADDRESS_ENV]: '250' })).toBe(250);
  expect(applicationsPerAddressPerHour({ [APPLICATIONS_PER_ADDRESS_ENV]: '0' })).toBe(0);
  expect(applicationsPerAddressPerHour({ [APPLICATIONS_PER_ADDRESS_ENV]: 'lots' })).toBe(30);
  expect(applicationsPerAddressPerHour({ [APPLICATIONS_PER_ADDRESS_ENV]: '-3' })).toBe(30);
});
