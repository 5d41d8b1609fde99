// Inquiries on a real PostgreSQL: what a submission stores and mails, the per-address limit,
// the staff's changes on the timeline (who, when) with their audit rows, and the organization
// boundary.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findOutboxMessages, getOutboxMessage } from '#lib/email/outbox.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { addInquiryNote } from './add-inquiry-note.server.ts';
import { assignInquiry } from './assign-inquiry.server.ts';
import { changeInquiryStatus } from './change-inquiry-status.server.ts';
import { countInquiriesByStatus, findInquiries } from './find-inquiries.server.ts';
import { getInquiry } from './get-inquiry.server.ts';
import type { InquiryFields } from './inquiry-form.ts';
import { takeInquiryThrottle } from './inquiry-throttle.server.ts';
import { replyToInquiry } from './reply-to-inquiry.server.ts';
import { submitInquiry } from './submit-inquiry.server.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3000';

const ROAD = (leadersToTrain: number): InquiryFields => ({
  kind: 'intensive_on_the_road',
  fields: {
    groupName: 'Cascade Valley Residency',
    name: 'Priya Raman',
    email: 'priya@cascade.example.org',
    phone: '',
    location: 'Wenatchee, WA',
    preferredDates: 'October 2027',
    leadersToTrain,
    message: 'Visit http://buy-pills.example and see unique-phrase-a81f',
  },
});

async function person(organizationId: string, role: 'admin' | 'course_director' | 'treasurer' | 'member', name = `A ${role}`) {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(testDb.db, { email, name, password: 'a-long-password-123' }, systemActor);
  await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
  return { userId, email, name, actor: { userId, requestId: 'req-test' } };
}

async function setup() {
  const org = await createOrganization(testDb.db);
  const admin = await person(org.id, 'admin', 'Noel Northwest');
  const director = await person(org.id, 'course_director', 'Dana Director');
  const treasurer = await person(org.id, 'treasurer');
  return { org, admin, director, treasurer };
}

describe('a submitted inquiry', () => {
  test('is stored as new, acknowledged to the requester without echoing what they typed, and told to the inquiry staff only', async () => {
    const { org, admin, director, treasurer } = await setup();
    const { inquiryId, emailIds } = await submitInquiry(testDb.db, { organizationId: org.id, ...ROAD(12) }, systemActor, { publicUrl: BASE, secretKey: KEY });
    const inquiry = await getInquiry(testDb.db, org.id, inquiryId);
    expect(inquiry).toMatchObject({ kind: 'intensive_on_the_road', status: 'new', leadersToTrain: 12, groupName: 'Cascade Valley Residency', assigneeUserId: null });
    expect(inquiry.events.map((e) => e.kind)).toEqual(['received']);

    const [ack] = await findOutboxMessages(testDb.db, org.id, { to: 'priya@cascade.example.org' });
    expect(ack!.kind).toBe('inquiry.acknowledgment');
    expect(ack!.subject).toBe(`We received your request — ${org.name}`);
    expect(ack!.text).toContain('(intensive on the road)');
    // Nothing the requester typed goes back out: the form cannot relay words to any address.
    expect(ack!.text).not.toContain('unique-phrase-a81f');
    expect(ack!.text).not.toContain('Priya');
    expect(inquiry.events[0]!.outboxMessageId).toBe(ack!.id);

    const notices = await Promise.all(emailIds.slice(1).map((id) => getOutboxMessage(testDb.db, org.id, id)));
    expect(notices.map((m) => m!.toAddress).sort()).toEqual([admin.email, director.email].sort());
    expect(notices.map((m) => m!.toAddress)).not.toContain(treasurer.email);
    expect(notices[0]!.subject).toBe('New inquiry: Intensive on the Road from Priya Raman');
    expect(notices[0]!.text).toContain(`${BASE}/o/${org.slug}/admin/inquiries/${inquiryId}`);
  });

  test('the database itself refuses more than twelve leaders, whatever the entry point', async () => {
    const { org } = await setup();
    await expect(
      testDb.db.insert(inquiries).values({ organizationId: org.id, kind: 'intensive_on_the_road', requesterName: 'X', requesterEmail: 'x@example.org', leadersToTrain: 13 }),
    ).rejects.toThrow();
    await testDb.db.insert(inquiries).values({ organizationId: org.id, kind: 'intensive_on_the_road', requesterName: 'X', requesterEmail: 'x@example.org', leadersToTrain: 12 });
  });
});

describe('the per-address limit', () => {
  test('counts inquiries per client address across organizations; past the limit they are refused for an hour', async () => {
    const address = `198.51.100.${crypto.randomInt(1, 250)}`;
    for (let i = 0; i < 3; i++) expect((await takeInquiryThrottle(testDb.db, address, 3)).allowed).toBe(true);
    const refused = await takeInquiryThrottle(testDb.db, address, 3);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 3600 });
    // Another address is not affected; a limit of 0 is no limit.
    expect((await takeInquiryThrottle(testDb.db, '203.0.113.9', 3)).allowed).toBe(true);
    expect((await takeInquiryThrottle(testDb.db, address, 0)).allowed).toBe(true);
  });

  test('concurrent submissions from one address never overshoot the limit', async () => {
    const address = '192.0.2.77';
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => takeInquiryThrottle(testDb.db, address, 5)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });
});

describe('the staff handling an inquiry', () => {
  test('status, assignee, a note and a reply are each on the timeline with who and when, and audited', async () => {
    const { org, admin, director } = await setup();
    const { inquiryId } = await submitInquiry(testDb.db, { organizationId: org.id, ...ROAD(8) }, systemActor, { publicUrl: BASE, secretKey: KEY });
    const base = { organizationId: org.id, inquiryId };

    expect(await assignInquiry(testDb.db, { ...base, assigneeUserId: director.userId }, admin.actor)).toEqual({ changed: true });
    await replyToInquiry(testDb.db, { ...base, body: 'We can come in October.\n\nShall we hold the 7th to the 10th?' }, director.actor, { publicUrl: BASE });
    await addInquiryNote(testDb.db, { ...base, body: 'Two of their faculty attended Spokane.' }, director.actor);
    expect(await changeInquiryStatus(testDb.db, { ...base, status: 'scheduled' }, admin.actor)).toEqual({ changed: true });
    expect(await changeInquiryStatus(testDb.db, { ...base, status: 'scheduled' }, admin.actor)).toEqual({ changed: false });

    const inquiry = await getInquiry(testDb.db, org.id, inquiryId);
    expect(inquiry.status).toBe('scheduled');
    expect(inquiry.assigneeName).toBe('Dana Director');
    expect(inquiry.events.map((e) => [e.kind, e.actor, e.fromValue, e.toValue])).toEqual([
      ['received', null, null, null],
      ['assigned', 'Noel Northwest', null, director.userId],
      ['reply', 'Dana Director', null, null],
      // A reply to a new inquiry puts it in discussion.
      ['status', 'Dana Director', 'new', 'in_discussion'],
      ['note', 'Dana Director', null, null],
      ['status', 'Noel Northwest', 'in_discussion', 'scheduled'],
    ]);
    expect(inquiry.events.every((e) => e.at instanceof Date)).toBe(true);

    // The reply went through the outbox to the requester, signed by the staff member.
    const reply = inquiry.events.find((e) => e.kind === 'reply')!;
    const mail = await getOutboxMessage(testDb.db, org.id, reply.outboxMessageId!);
    expect(mail).toMatchObject({ kind: 'inquiry.reply', toAddress: 'priya@cascade.example.org' });
    expect(mail!.text).toContain('Hello Priya Raman,');
    expect(mail!.text).toContain('Shall we hold the 7th to the 10th?');
    expect(mail!.text).toContain(`To answer, write to Dana Director at ${director.email}.`);

    const audit = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'inquiry'), eq(auditEvents.entityId, inquiryId)));
    expect(audit.map((a) => a.action).sort()).toEqual(['inquiry.assigned', 'inquiry.note', 'inquiry.received', 'inquiry.reply', 'inquiry.status', 'inquiry.status'].sort());
    const scheduled = audit.find((a) => a.action === 'inquiry.status' && a.actorUserId === admin.userId)!;
    expect(scheduled).toMatchObject({ before: { value: 'in_discussion' }, after: { value: 'scheduled' }, requestId: 'req-test' });
    // Notes and replies stay on the timeline; the audit keeps what changed, not their words.
    expect(JSON.stringify(audit)).not.toContain('Spokane');
  });

  test('an inquiry is assigned only to someone who handles inquiries in that organization, or to nobody', async () => {
    const { org, admin, treasurer } = await setup();
    const other = await setup();
    const { inquiryId } = await submitInquiry(testDb.db, { organizationId: org.id, ...ROAD(3) }, systemActor, { publicUrl: BASE, secretKey: KEY });
    for (const userId of [treasurer.userId, other.admin.userId]) {
      const error = await assignInquiry(testDb.db, { organizationId: org.id, inquiryId, assigneeUserId: userId }, admin.actor).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INQUIRY_ASSIGNEE_NOT_STAFF');
    }
    await assignInquiry(testDb.db, { organizationId: org.id, inquiryId, assigneeUserId: admin.userId }, admin.actor);
    await assignInquiry(testDb.db, { organizationId: org.id, inquiryId, assigneeUserId: null }, admin.actor);
    expect((await getInquiry(testDb.db, org.id, inquiryId)).assigneeUserId).toBeNull();
  });
});

describe('the organization boundary', () => {
  test("another organization's inquiry is not found by any read or change, and changes nothing", async () => {
    const mine = await setup();
    const theirs = await setup();
    const { inquiryId } = await submitInquiry(testDb.db, { organizationId: theirs.org.id, ...ROAD(5) }, systemActor, { publicUrl: BASE, secretKey: KEY });
    const base = { organizationId: mine.org.id, inquiryId };
    const attempts = [
      () => getInquiry(testDb.db, mine.org.id, inquiryId),
      () => changeInquiryStatus(testDb.db, { ...base, status: 'declined' }, mine.admin.actor),
      () => assignInquiry(testDb.db, { ...base, assigneeUserId: mine.admin.userId }, mine.admin.actor),
      () => addInquiryNote(testDb.db, { ...base, body: 'x' }, mine.admin.actor),
      () => replyToInquiry(testDb.db, { ...base, body: 'x' }, mine.admin.actor, { publicUrl: BASE }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect((error as DomainError).code).toBe('INQUIRY_NOT_FOUND');
    }
    const untouched = await getInquiry(testDb.db, theirs.org.id, inquiryId);
    expect(untouched.status).toBe('new');
    expect(untouched.events).toHaveLength(1);
    expect(await findInquiries(testDb.db, mine.org.id, { status: null, kind: null })).toEqual([]);
  });

  test('the inbox filters by status and kind and counts each status, within the organization', async () => {
    const { org, admin } = await setup();
    const general: InquiryFields = { kind: 'general', fields: { name: 'Sam', email: 'sam@example.org', subject: '', message: 'Groups near Olympia?' } };
    const a = await submitInquiry(testDb.db, { organizationId: org.id, ...ROAD(4) }, systemActor, { publicUrl: BASE, secretKey: KEY });
    await submitInquiry(testDb.db, { organizationId: org.id, ...general }, systemActor, { publicUrl: BASE, secretKey: KEY });
    await changeInquiryStatus(testDb.db, { organizationId: org.id, inquiryId: a.inquiryId, status: 'declined' }, admin.actor);
    expect((await findInquiries(testDb.db, org.id, { status: 'declined', kind: null })).map((r) => r.id)).toEqual([a.inquiryId]);
    expect((await findInquiries(testDb.db, org.id, { status: null, kind: 'general' })).map((r) => r.requesterName)).toEqual(['Sam']);
    expect(await findInquiries(testDb.db, org.id, { status: 'new', kind: 'intensive_on_the_road' })).toEqual([]);
    expect(await countInquiriesByStatus(testDb.db, org.id)).toEqual({ new: 1, in_discussion: 0, scheduled: 0, declined: 1, done: 0 });
  });
});
