// The demo's directory: the national society's directory shows its own published groups and
// the circle's (labelled), across formats; the pending listing and the one whose leader has no
// verified training are not public, and staff see why the latter cannot be approved.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { organizations } from '#db/schema/organizations.ts';
import { findDirectory, findStaffListings } from '#domain/directory/find-listings.server.ts';
import { findIntensiveAttendees } from '#domain/directory/trainings.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { DEMO_SHARED_LISTING_SLUG } from './demo-directory.server.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

describe('demo: the Balint groups directory', () => {
  test('published groups across formats in both organizations; pending and untrained ones not public', async () => {
    await seedDemo(testDb.db, '2026-12-06');
    const [abs] = await testDb.db.select().from(organizations).where(eq(organizations.slug, 'abs'));
    const [nwbc] = await testDb.db.select().from(organizations).where(eq(organizations.slug, 'nwbc'));
    const national = await findDirectory(testDb.db, abs!.id);
    expect(national.map((l) => [l.title, l.organization.slug, l.format, l.rotatingLeader, l.cadence])).toEqual([
      ['Balint Group for Residents', 'abs', 'in_person', true, 'every_other_week'],
      ['Balint Group for Residents', 'nwbc', 'hybrid', false, 'every_other_week'],
      ['Seattle Monthly Balint Group', 'nwbc', 'in_person', false, 'monthly'],
      ['Tuesday Evening Online Balint Group', 'abs', 'online', false, 'weekly'],
    ]);
    expect(national.filter((l) => l.format !== 'online').every((l) => l.latitude !== null && l.longitude !== null)).toBe(true);
    expect((await findDirectory(testDb.db, nwbc!.id)).map((l) => l.title)).toEqual(['Balint Group for Residents', 'Seattle Monthly Balint Group']);
    expect(national.filter((l) => l.slug === DEMO_SHARED_LISTING_SLUG).map((l) => l.organization.slug).sort()).toEqual(['abs', 'nwbc']);

    const staff = await findStaffListings(testDb.db, abs!.id);
    const pending = staff.filter((l) => l.state === 'pending').sort((a, b) => a.title.localeCompare(b.title));
    expect(pending.map((l) => [l.title, l.verdict.publishable ? [] : l.verdict.reasons])).toEqual([
      ['Online Balint Group for Nurses', ['not_approved']],
      ['Thursday Lunchtime Balint Group', ['no_trained_leader', 'not_approved']],
    ]);
    // The Spokane course's other attendees are offered to staff as "attended the intensive".
    const attendees = await findIntensiveAttendees(testDb.db, abs!.id, '2026-12-06');
    expect(attendees.length).toBeGreaterThan(30);
    expect(attendees.map((a) => a.email)).not.toContain('member@abs.example.org');
  });
});
