import { describe, expect, test } from 'vitest';
import { listingVerdict } from './listing-rule.ts';

describe('the listing rule: only groups with a leader trained through the society', () => {
  const trained = { name: 'Lee', training: [{ verifiedAt: '2025-04-26' }] };
  const untrained = { name: 'Sam', training: [{ verifiedAt: null }] };
  test.each([
    ['a trained leader, approved', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [untrained, trained] }, { publishable: true }],
    ['training recorded but not verified', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [untrained] }, { publishable: false, reasons: ['no_trained_leader'] }],
    ['no leader at all', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [] }, { publishable: false, reasons: ['no_leader'] }],
    ['not approved by staff', { approvedAt: null, withdrawnAt: null, leaders: [trained] }, { publishable: false, reasons: ['not_approved'] }],
    ['withdrawn', { approvedAt: '2025-05-01', withdrawnAt: '2025-06-01', leaders: [trained] }, { publishable: false, reasons: ['withdrawn'] }],
  ])('%s', (_name, listing, verdict) => {
    expect(listingVerdict(listing)).toEqual(verdict);
  });
});
