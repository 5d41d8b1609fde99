import { expect, test } from 'vitest';
import { DEFAULT_INQUIRIES_PER_ADDRESS_PER_HOUR, inquiriesPerAddressPerHour } from './inquiry-throttle.server.ts';

test('the per-address limit comes from INQUIRIES_PER_ADDRESS_PER_HOUR, 10 by default, 0 for none', () => {
  expect(DEFAULT_INQUIRIES_PER_ADDRESS_PER_HOUR).toBe(10);
  expect(inquiriesPerAddressPerHour({})).toBe(10);
  expect(inquiriesPerAddressPerHour({ INQUIRIES_PER_ADDRESS_PER_HOUR: '0' })).toBe(0);
  expect(inquiriesPerAddressPerHour({ INQUIRIES_PER_ADDRESS_PER_HOUR: '25' })).toBe(25);
});
