import { describe, expect, test } from 'vitest';
import { approvalVerdict, listingVerdict } from './listing-rule.ts';

describe('the listing rule: only groups with a leader trained through the society', () => {
  const org = { organizationId: 'abs', parentOrganizationId: null };
  const trained = { name: 'Lee', training: [{ organizationId: 'abs', verifiedAt: '2025-04-26' }] };
  const untrained = { name: 'Sam', training: [{ organizationId: 'abs', verifiedAt: null }] };
  test.each([
    ['a trained leader, approved', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [untrained, trained] }, { publishable: true }],
    ['training recorded but not verified', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [untrained] }, { publishable: false, reasons: ['no_trained_leader'] }],
    ['no leader at all', { approvedAt: '2025-05-01', withdrawnAt: null, leaders: [] }, { publishable: false, reasons: ['no_leader'] }],
    ['not approved by staff', { approvedAt: null, withdrawnAt: null, leaders: [trained] }, { publishable: false, reasons: ['not_approved'] }],
    ['withdrawn', { approvedAt: '2025-05-01', withdrawnAt: '2025-06-01', leaders: [trained] }, { publishable: false, reasons: ['withdrawn'] }],
  ])('%s', (_name, listing, verdict) => {
    expect(listingVerdict({ ...org, ...listing })).toEqual(verdict);
  });

  describe('training recorded by which organization counts', () => {
    const circle = { organizationId: 'nwbc', parentOrganizationId: 'abs', approvedAt: '2025-05-01', withdrawnAt: null };
    test.each([
      ["a circle's leader trained at the national society's intensive", 'abs', true],
      ["a circle's leader whose training the circle itself verified", 'nwbc', true],
      ['training verified by an unrelated organization', 'other-society', false],
    ])('%s', (_name, recordedBy, publishable) => {
      const listing = { ...circle, leaders: [{ name: 'Lee', training: [{ organizationId: recordedBy, verifiedAt: '2025-04-26' }] }] };
      expect(listingVerdict(listing).publishable).toBe(publishable);
    });
    test("a national society's listing does not count its circles' training", () => {
      const listing = { organizationId: 'abs', parentOrganizationId: null, approvedAt: '2025-05-01', withdrawnAt: null, leaders: [{ name: 'Lee', training: [{ organizationId: 'nwbc', verifiedAt: '2025-04-26' }] }] };
      expect(listingVerdict(listing)).toEqual({ publishable: false, reasons: ['no_trained_leader'] });
    });
  });

  test('approval is refused, with the reason, while no leader is trained', () => {
    expect(approvalVerdict({ ...org, withdrawnAt: null, leaders: [untrained] })).toEqual({ publishable: false, reasons: ['no_trained_leader'] });
    expect(approvalVerdict({ ...org, withdrawnAt: null, leaders: [trained] })).toEqual({ publishable: true });
  });
});
