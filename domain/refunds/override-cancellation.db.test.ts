// Staff overriding a cancellation's outcome, and who may see a cancellation and its refunds —
// on a real PostgreSQL through the real functions.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { cancellations, ledgerEntries } from '#db/schema/money.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { BEFORE_CANCELLATION_DEADLINE as BEFORE, moneyFixtures } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { getCancellationView } from './cancellation-view.server.ts';
import { findRefunds } from './find-refunds.server.ts';
import { recordRefundPaid } from './record-refund-paid.server.ts';
import { overrideCancellation } from './override-cancellation.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };

const { cancelled, refundsOf } = moneyFixtures(testDb, { publicUrl });

describe('scoping', () => {
  test('another organization sees none of the refunds; another person cannot open the cancellation page', async () => {
    const { org, reg } = await cancelled();
    const other = await createOrganization(testDb.db);
    expect(await findRefunds(testDb.db, other.id, { view: 'all' })).toEqual([]);
    expect((await findRefunds(testDb.db, org.id, { view: 'all' })).map((r) => r.registrationId)).toEqual([reg.id]);
    await expect(getCancellationView(testDb.db, { organizationId: org.id, registrationId: reg.id, userId: 'someone-else' })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
    await expect(getCancellationView(testDb.db, { organizationId: other.id, registrationId: reg.id })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
    const own = await getCancellationView(testDb.db, { organizationId: org.id, registrationId: reg.id, userId: reg.userId });
    expect(own.cancellation).toMatchObject({ dueOn: '2025-04-11', outcome: { refundMinor: 80000 } });
    const [refund] = await refundsOf(reg.id);
    await expect(recordRefundPaid(testDb.db, { organizationId: other.id, refundId: refund!.id, method: 'check', paidOn: '2025-03-12', reference: '' }, staff, BEFORE)).rejects.toMatchObject({ code: 'REFUND_NOT_FOUND' });
    await expect(overrideCancellation(testDb.db, { organizationId: other.id, registrationId: reg.id, refundMinor: 0, reason: 'x' }, staff, { publicUrl })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
  });
});

describe('overrideCancellation', () => {
  test('raising and lowering the refund posts the difference and keeps the tracker equal to the ledger', async () => {
    const { org, reg } = await cancelled();
    await overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 90000, reason: 'bereavement' }, staff, { publicUrl, now: BEFORE });
    let open = (await refundsOf(reg.id)).filter((r) => r.status === 'due');
    expect(open.map((r) => r.amountMinor)).toEqual([90000]);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -90000 });
    const [adjustment] = await testDb.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.registrationId, reg.id), eq(ledgerEntries.reason, 'cancellation override: bereavement')));
    expect(adjustment!.amountMinor).toBe(-10000);
    const [c] = await testDb.db.select().from(cancellations).where(eq(cancellations.registrationId, reg.id));
    expect(c).toMatchObject({ overrideReason: 'bereavement', outcome: { rule: 'override', refundMinor: 90000, retainedMinor: 0, paidMinor: 90000 } });

    await overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 0, reason: 'no-show agreement' }, staff, { publicUrl, now: BEFORE });
    open = (await refundsOf(reg.id)).filter((r) => r.status === 'due');
    expect(open).toEqual([]);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0 });
    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'cancellation.overridden'), eq(auditEvents.entityId, c!.id)));
    expect(audits).toHaveLength(2);
  });

  test('out of range, without a reason, or below what was already paid out: refused, nothing written', async () => {
    const { org, reg } = await cancelled();
    await expect(overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 90001, reason: 'x' }, staff, { publicUrl })).rejects.toMatchObject({ code: 'OVERRIDE_OUT_OF_RANGE' });
    await expect(overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 100, reason: ' ' }, staff, { publicUrl })).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    const [refund] = await refundsOf(reg.id);
    await recordRefundPaid(testDb.db, { organizationId: org.id, refundId: refund!.id, method: 'check', paidOn: '2025-03-15', reference: 'check 2002' }, staff, new Date('2025-03-16T18:00:00Z'));
    await expect(overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 50000, reason: 'mistake' }, staff, { publicUrl })).rejects.toMatchObject({ code: 'REFUND_ALREADY_PAID' });
    // Raising after the payout: a new refund for the difference only.
    await overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 90000, reason: 'waive the fee' }, staff, { publicUrl, now: BEFORE });
    const rows = await refundsOf(reg.id);
    expect(rows.map((r) => [r.status, r.amountMinor]).sort()).toEqual([['done', 80000], ['due', 10000]]);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -10000, refundedMinor: 80000 });
  });
});
