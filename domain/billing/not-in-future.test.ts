import { expect, test } from 'vitest';
import { notInFuture } from './received-money.server.ts';

test('a date received is in the future only after today in every zone given: just past midnight in New York it is still yesterday in Spokane', () => {
  const now = new Date('2026-12-06T05:30:00Z'); // 00:30 in New York, 21:30 the day before in Spokane
  expect(() => notInFuture('2026-12-06', 'America/Los_Angeles', now)).toThrow(/future/);
  expect(() => notInFuture('2026-12-06', ['America/Los_Angeles', 'America/New_York'], now)).not.toThrow();
  expect(() => notInFuture('2026-12-07', ['America/Los_Angeles', 'America/New_York'], now)).toThrow(/future/);
});
