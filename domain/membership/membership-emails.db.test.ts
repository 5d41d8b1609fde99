// Membership's emails in the email-template registry (ADR 0068, ADR 0069): an organization's
// own wording of the welcome is what the member receives; a member who unsubscribed from the
// organization's non-essential mail gets no renewal reminder (it stays in the outbox as
// suppressed) but still gets the essential welcome and renewal confirmation; a reminder to a
// subscribed member carries the signed unsubscribe link, in the footer and as List-Unsubscribe.
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { membershipSettings, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { saveEmailTemplate } from '#domain/email-templates/manage-templates.server.ts';
import { readUnsubscribeLink, unsubscribeAddress } from '#domain/email-templates/unsubscribe.server.ts';
import { applyPayment } from '#domain/money/apply-payment.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { sendMembershipReminders } from './send-reminders.server.ts';

const testDb = useTestDatabase();
const LINK = { publicUrl: 'http://hub.test', secretKey: Buffer.alloc(32, 9) };

async function setup() {
  const org = await createOrganization(testDb.db);
  await testDb.db.update(organizations).set({ timeZone: 'America/Los_Angeles' }).where(eq(organizations.id, org.id));
  await testDb.db.insert(membershipSettings).values({ organizationId: org.id, graceDays: 30 });
  const [type] = await testDb.db.insert(membershipTypes).values({ organizationId: org.id, key: 'regular', name: 'Regular', dues: { USD: 15000 } }).returning();
  const email = `member-${Math.random().toString(36).slice(2, 8)}@example.org`;
  /** A term bought online and paid by check: activated by the payment, with its email. */
  const buyTerm = async (startsOn: string, endsOn: string, renewal: boolean) => {
    const [term] = await testDb.db
      .insert(membershipTerms)
      .values({ organizationId: org.id, typeId: type!.id, email, name: 'Robin Member', status: 'pending', source: 'online', renewal, startsOn, endsOn, duesMinor: 15000, currency: 'USD' })
      .returning();
    await postEntries(testDb.db, [{ organizationId: org.id, membershipTermId: term!.id, kind: 'charge', amountMinor: 15000, currency: 'USD', reason: 'Regular membership', effectiveOn: startsOn }]);
    await applyPayment(testDb.db, { organizationId: org.id, method: 'check', amountMinor: 15000, currency: 'USD', receivedOn: startsOn, reference: 'check 7' }, [{ membershipTermId: term!.id, amountMinor: 15000 }], systemActor, new Date(`${startsOn}T18:00:00Z`));
    return term!;
  };
  const mail = async () =>
    testDb.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.toAddress, email)))
      .orderBy(outboxMessages.createdAt);
  return { org, email, buyTerm, mail };
}

test('the organization’s own wording of the welcome is the one sent', async () => {
  const { org, buyTerm, mail } = await setup();
  await saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'membership.welcome', subject: 'Glad to have you, {{type}} member', body: 'Welcome aboard: {{from}} to {{to}}.\n\nSee you at the intensive.' }, systemActor);
  await buyTerm('2026-01-01', '2026-12-31', false);
  const [welcome] = await mail();
  expect(welcome).toMatchObject({ kind: 'membership.welcome', subject: 'Glad to have you, Regular member', status: 'pending', listUnsubscribe: null });
  expect(welcome!.text).toContain('Welcome aboard: January 1, 2026 to December 31, 2026.');
  expect(welcome!.text).toContain('See you at the intensive.');
  expect(welcome!.text).not.toContain('/unsubscribe/');
});

test('unsubscribed: no renewal reminder goes out, but the welcome and the renewal confirmation do', async () => {
  const { org, email, buyTerm, mail } = await setup();
  await unsubscribeAddress(testDb.db, { organizationId: org.id, address: email.toUpperCase(), source: 'link' }, systemActor);
  await buyTerm('2026-01-01', '2026-12-31', false);
  // 30 days before the end, local noon in Los Angeles.
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-01T20:00:00Z'), ...LINK });
  await buyTerm('2027-01-01', '2027-12-31', true);
  expect((await mail()).map((m) => [m.kind, m.status])).toEqual([
    ['membership.welcome', 'pending'],
    ['membership.reminder.before_30', 'suppressed'],
    ['membership.renewed', 'pending'],
  ]);
});

test('a subscribed member’s reminder carries the signed unsubscribe link and the List-Unsubscribe header', async () => {
  const { org, email, buyTerm, mail } = await setup();
  await buyTerm('2026-01-01', '2026-12-31', false);
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-25T20:00:00Z'), ...LINK });
  const reminder = (await mail()).find((m) => m.kind === 'membership.reminder.before_7')!;
  expect(reminder.status).toBe('pending');
  expect(reminder.listUnsubscribe).toMatch(/^http:\/\/hub\.test\/o\/[^/]+\/unsubscribe\/.+/);
  expect(reminder.text).toContain(reminder.listUnsubscribe);
  expect(reminder.html).toContain(reminder.listUnsubscribe);
  const token = reminder.listUnsubscribe!.split('/unsubscribe/')[1]!;
  expect(readUnsubscribeLink(LINK.secretKey, org.id, token)).toEqual({ address: email });
});
