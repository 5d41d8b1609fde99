import { expect, test } from 'vitest';
import { mayPayNow } from './pay-now.ts';

const at = (status: Parameters<typeof mayPayNow>[0]['status'], balanceMinor = 90000, applied: 'at_application' | 'after_acceptance' | undefined = 'at_application') =>
  mayPayNow({ status, balanceMinor, applied, course: 'at_application' });

test('paying with the application: a held place with money due, submitted or accepted', () => {
  expect(at('submitted')).toBe(true);
  expect(at('accepted')).toBe(true);
  expect(at('confirmed', 10000)).toBe(true);
});

test('nothing to pay, no place held, or an offer not yet accepted: no "Pay now"', () => {
  expect(at('submitted', 0)).toBe(false);
  expect(at('accepted', -5000)).toBe(false);
  for (const status of ['waitlisted', 'declined', 'cancelled', 'withdrawn', 'offered'] as const) expect(at(status), status).toBe(false);
});

test('pay after acceptance: not while the director has not decided', () => {
  expect(at('submitted', 90000, 'after_acceptance')).toBe(false);
  expect(at('accepted', 90000, 'after_acceptance')).toBe(true);
});

test('the terms applied under win over a later change of the course; old registrations use the course’s', () => {
  expect(mayPayNow({ status: 'submitted', balanceMinor: 90000, applied: 'at_application', course: 'after_acceptance' })).toBe(true);
  expect(mayPayNow({ status: 'submitted', balanceMinor: 90000, applied: 'after_acceptance', course: 'at_application' })).toBe(false);
  expect(mayPayNow({ status: 'submitted', balanceMinor: 90000, applied: undefined, course: 'after_acceptance' })).toBe(false);
});
