// The refunds tracker and the daily reminders of refunds coming due and overdue — on a real
// PostgreSQL through the real functions.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { organizationRoles, users } from '#db/schema/accounts.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { moneyFixtures } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { saveEmailTemplate } from '#domain/email-templates/manage-templates.server.ts';
import { findRefunds, countOverdueRefunds } from './find-refunds.server.ts';
import { recordRefundPaid } from './record-refund-paid.server.ts';
import { remindRefunds } from './remind-refunds.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };

const { cancelled, refundsOf } = moneyFixtures(testDb, { publicUrl });

describe('the tracker and reminders', () => {
  test('overdue the day after the due date (course zone); one reminder a day to the contact address, else admins and treasurers', async () => {
    const { org, reg } = await cancelled();
    const [refund] = await refundsOf(reg.id); // due 2025-04-11
    const day = (iso: string) => new Date(`${iso}T18:00:00Z`);
    expect(await remindRefunds(testDb.db, { publicUrl, now: day('2025-04-07') })).toEqual([]);
    // No contact address: the admins and treasurers.
    const admin = { id: crypto.randomUUID(), name: 'Admin', email: `admin-${crypto.randomUUID()}@example.org` };
    const treasurer = { id: crypto.randomUUID(), name: 'Treasurer', email: `treasurer-${crypto.randomUUID()}@example.org` };
    await testDb.db.insert(users).values([admin, treasurer]);
    await testDb.db.insert(organizationRoles).values([
      { organizationId: org.id, userId: admin.id, role: 'admin' },
      { organizationId: org.id, userId: treasurer.id, role: 'treasurer' },
    ]);
    const first = await remindRefunds(testDb.db, { publicUrl, now: day('2025-04-08') });
    expect((await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'refunds.reminder'))).map((m) => m.toAddress).sort()).toEqual([admin.email, treasurer.email].sort());
    expect(first).toHaveLength(2);
    expect(await remindRefunds(testDb.db, { publicUrl, now: day('2025-04-08') })).toEqual([]);
    await testDb.db.update(organizations).set({ contactEmail: 'office@example.org' }).where(eq(organizations.id, org.id));
    const overdue = await remindRefunds(testDb.db, { publicUrl, now: day('2025-04-12') });
    expect(overdue).toHaveLength(1);
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, overdue[0]!));
    expect(mail).toMatchObject({ toAddress: 'office@example.org' });
    expect(mail!.text).toContain(`${reg.name}`);
    expect(mail!.text).toContain('OVERDUE since April 11, 2025');
    expect(await countOverdueRefunds(testDb.db, org.id, day('2025-04-11'))).toMatchObject({ count: 0 });
    expect(await countOverdueRefunds(testDb.db, org.id, day('2025-04-12'))).toMatchObject({ count: 1, totalMinor: 80000 });
    expect((await findRefunds(testDb.db, org.id, { view: 'overdue' }, day('2025-04-12'))).map((r) => r.id)).toEqual([refund!.id]);
    await recordRefundPaid(testDb.db, { organizationId: org.id, refundId: refund!.id, method: 'check', paidOn: '2025-04-12', reference: '77' }, staff, day('2025-04-12'));
    expect(await remindRefunds(testDb.db, { publicUrl, now: day('2025-04-13') })).toEqual([]);
    expect((await findRefunds(testDb.db, org.id, { view: 'done' }, day('2025-04-13'))).map((r) => r.id)).toEqual([refund!.id]);
  });

  test('the reminder uses the organization’s own words when it has them (ADR 0069); the refunds are still listed', async () => {
    const { org, reg } = await cancelled();
    await testDb.db.update(organizations).set({ contactEmail: 'treasury@example.org' }).where(eq(organizations.id, org.id));
    await saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'refunds.reminder', subject: '{{org}}: {{count}} refunds to pay', body: 'Please pay these ({{overdue}} late):' }, staff);
    const ids = await remindRefunds(testDb.db, { publicUrl, now: new Date('2025-04-12T18:00:00Z') });
    const mails = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'refunds.reminder')));
    expect(mails.map((m) => m.id).every((id) => ids.includes(id))).toBe(true);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: 'treasury@example.org', subject: `${org.name}: 1 refunds to pay` });
    expect(mails[0]!.text).toContain('Please pay these (1 late):');
    expect(mails[0]!.text).not.toContain('within three days');
    expect(mails[0]!.text).toContain(`${reg.name}`);
    expect(mails[0]!.text).toContain('OVERDUE since April 11, 2025');
  });
});
