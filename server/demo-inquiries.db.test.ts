// The demo's inquiries: both inboxes hold requests of every kind in different statuses, with
// replies sent through the outbox and a timeline that reads forward in time.
import { describe, expect, test } from 'vitest';
import { organizations } from '#db/schema/organizations.ts';
import { findInquiries } from '#domain/inquiries/find-inquiries.server.ts';
import { getInquiry } from '#domain/inquiries/get-inquiry.server.ts';
import { getOutboxMessage } from '#lib/email/outbox.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

describe('demo: inquiries', () => {
  test('the Northwest Balint Circle and the ABS each have inquiries in different statuses, with replies recorded and sent', async () => {
    await seedDemo(testDb.db, '2026-12-06');
    const orgs = await testDb.db.select().from(organizations);
    const bySlug = (slug: string) => orgs.find((o) => o.slug === slug)!;
    const nwbc = await findInquiries(testDb.db, bySlug('nwbc').id, { status: null, kind: null });
    const abs = await findInquiries(testDb.db, bySlug('abs').id, { status: null, kind: null });

    expect(nwbc.map((i) => i.status).sort()).toEqual(['declined', 'in_discussion', 'new', 'scheduled']);
    expect(abs.map((i) => i.status).sort()).toEqual(['done', 'in_discussion', 'new']);
    expect(new Set([...nwbc, ...abs].map((i) => i.kind))).toEqual(new Set(['speaker', 'intensive_on_the_road', 'general']));

    const road = nwbc.find((i) => i.kind === 'intensive_on_the_road')!;
    expect(road).toMatchObject({ status: 'scheduled', leadersToTrain: 10, assignee: 'Noel Northwest' });
    const detail = await getInquiry(testDb.db, bySlug('nwbc').id, road.id);
    expect(detail.events.map((e) => e.kind)).toEqual(['received', 'assigned', 'reply', 'status', 'note', 'status']);
    const times = detail.events.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBe(detail.createdAt.getTime());
    const reply = await getOutboxMessage(testDb.db, bySlug('nwbc').id, detail.events.find((e) => e.kind === 'reply')!.outboxMessageId!);
    expect(reply).toMatchObject({ kind: 'inquiry.reply', toAddress: 'p.raman@cascadevalley.example.org' });
    expect(reply!.text).toContain('Intensive on the Road to Wenatchee');

    // Newest first in the inbox; the demo's newest was received two days before the seed ran.
    expect(nwbc[0]!.requesterName).toBe('Sam Whitaker');
    const absDone = abs.find((i) => i.status === 'done')!;
    expect(absDone.assignee).toBe('Dana Director');
  });
});
