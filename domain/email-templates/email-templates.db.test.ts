// Email templates and unsubscribing on a real PostgreSQL: an organization's override is what
// the next message says (and only in that organization), a reset brings the default back, each
// save is versioned and audited; an address that unsubscribed gets no more non-essential mail
// (recorded as suppressed, never silently dropped) and still gets essential mail.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { emailTemplateOverrides } from '#db/schema/email-templates.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { acknowledgmentEmail } from '#domain/inquiries/emails.ts';
import type { InquiryFields } from '#domain/inquiries/inquiry-form.ts';
import { submitInquiry } from '#domain/inquiries/submit-inquiry.server.ts';
import { getOutboxMessage } from '#lib/email/outbox.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { EmailTemplateInvalid, getEmailTemplate, resetEmailTemplate, saveEmailTemplate } from './manage-templates.server.ts';
import { findEmailPreferences, readUnsubscribeLink, resubscribeAddress, unsubscribeAddress } from './unsubscribe.server.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3000';

const inquiry = (email: string): InquiryFields => ({ kind: 'general', fields: { name: 'Rae Requester', email, subject: 'Hello', message: 'A question about groups.' } });

async function staffMember(organizationId: string) {
  const email = `admin-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Ada Admin', password: 'a-long-password-123' }, systemActor);
  await assignRole(testDb.db, { organizationId, userId, role: 'admin' }, systemActor);
  return { userId, email, actor: { userId, requestId: 'req-test' } };
}

async function submit(organizationId: string, email: string) {
  const { emailIds } = await submitInquiry(testDb.db, { organizationId, ...inquiry(email) }, systemActor, { publicUrl: BASE, secretKey: KEY });
  const [ack, ...notices] = await Promise.all(emailIds.map((id) => getOutboxMessage(testDb.db, organizationId, id)));
  return { ack: ack!, notices: notices.map((n) => n!) };
}

describe('an organization’s template', () => {
  test('is what the next message says, in both parts; another organization keeps the default; a reset brings the default back', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const admin = await staffMember(org.id);
    const defaults = acknowledgmentEmail('general', { orgName: org.name, orgSlug: org.slug, publicUrl: BASE });

    const before = await submit(org.id, 'rae@example.org');
    expect(before.ack.subject).toBe(defaults.subject);
    expect(before.ack.text).toBe(defaults.text);

    expect(await saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'inquiry.acknowledgment', subject: 'We have your {{kind}}, thank you', body: 'Dear friend of {{org}},\n\nwe read every message within a week.' }, admin.actor)).toEqual({ version: 1 });
    const after = await submit(org.id, 'rae@example.org');
    expect(after.ack.subject).toBe('We have your general contact, thank you');
    expect(after.ack.text).toContain(`Dear friend of ${org.name},\n\nwe read every message within a week.`);
    expect(after.ack.html).toContain(`<p>Dear friend of ${org.name},</p><p>we read every message within a week.</p>`);

    const elsewhere = await submit(other.id, 'rae@example.org');
    expect(elsewhere.ack.subject).toBe(acknowledgmentEmail('general', { orgName: other.name, orgSlug: other.slug, publicUrl: BASE }).subject);

    expect(await saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'inquiry.acknowledgment', subject: 'Thank you ({{org}})', body: 'Received.' }, admin.actor)).toEqual({ version: 2 });
    expect((await getEmailTemplate(testDb.db, org.id, 'inquiry.acknowledgment')).override?.version).toBe(2);
    const audits = await testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'email_template.saved')))
      .orderBy(auditEvents.at);
    expect(audits.map((a) => (a.after as { version: number }).version)).toEqual([1, 2]);
    expect((audits[1]!.before as { subject: string }).subject).toBe('We have your {{kind}}, thank you');

    expect(await resetEmailTemplate(testDb.db, { organizationId: org.id, kind: 'inquiry.acknowledgment' }, admin.actor)).toEqual({ reset: true });
    const reset = await submit(org.id, 'rae@example.org');
    expect(reset.ack.subject).toBe(defaults.subject);
    expect(reset.ack.text).toBe(defaults.text);
    expect(await resetEmailTemplate(testDb.db, { organizationId: org.id, kind: 'inquiry.acknowledgment' }, admin.actor)).toEqual({ reset: false });
  });

  test('with an unknown placeholder is refused, field by field, and nothing is stored', async () => {
    const org = await createOrganization(testDb.db);
    const admin = await staffMember(org.id);
    const attempt = saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'inquiry.acknowledgment', subject: 'Hi {{firstName}}', body: 'Fine {{org}}.' }, admin.actor);
    await expect(attempt).rejects.toBeInstanceOf(EmailTemplateInvalid);
    await expect(attempt).rejects.toMatchObject({ fields: { subject: 'unknown_placeholder' }, problems: { subject: { names: ['firstName'] } } });
    expect(await testDb.db.select().from(emailTemplateOverrides).where(eq(emailTemplateOverrides.organizationId, org.id))).toEqual([]);
    await expect(saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'no.such.kind', subject: 'a', body: 'b' }, admin.actor)).rejects.toMatchObject({ code: 'EMAIL_TEMPLATE_NOT_FOUND' });
  });
  test('two first saves at once both land, as versions 1 and 2', async () => {
    const org = await createOrganization(testDb.db);
    const admin = await staffMember(org.id);
    const save = (subject: string) => saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'evaluation.reminder', subject, body: 'Please, {{course}}.' }, admin.actor);
    const versions = (await Promise.all([save('One'), save('Two')])).map((r) => r.version).sort();
    expect(versions).toEqual([1, 2]);
    expect((await getEmailTemplate(testDb.db, org.id, 'evaluation.reminder')).override?.version).toBe(2);
  });
});

describe('unsubscribing', () => {
  test('a non-essential message carries the signed link and the List-Unsubscribe URL; following it stops the next one (recorded as suppressed) while essential mail still comes', async () => {
    const org = await createOrganization(testDb.db);
    const admin = await staffMember(org.id);

    const first = await submit(org.id, 'rae@example.org');
    const notice = first.notices.find((n) => n.toAddress === admin.email)!;
    expect(notice.kind).toBe('inquiry.staff_notice');
    expect(notice.listUnsubscribe).toMatch(new RegExp(`^${BASE}/o/${org.slug}/unsubscribe/[\\w-]+\\.[\\w-]+$`));
    expect(notice.text).toContain(notice.listUnsubscribe!);
    expect(notice.html).toContain(`href="${notice.listUnsubscribe}"`);
    // Essential mail has neither.
    expect(first.ack.listUnsubscribe).toBeNull();
    expect(first.ack.text).not.toContain('/unsubscribe/');

    const token = notice.listUnsubscribe!.split('/unsubscribe/')[1]!;
    const { address } = readUnsubscribeLink(KEY, org.id, token);
    expect(address).toBe(admin.email);
    // The same link under another organization is refused.
    const other = await createOrganization(testDb.db);
    expect(() => readUnsubscribeLink(KEY, other.id, token)).toThrow(expect.objectContaining({ code: 'UNSUBSCRIBE_LINK_INVALID' }));
    expect(await unsubscribeAddress(testDb.db, { organizationId: org.id, address: address.toUpperCase(), source: 'link' }, systemActor)).toEqual({ changed: true });
    expect(await unsubscribeAddress(testDb.db, { organizationId: org.id, address, source: 'link' }, systemActor)).toEqual({ changed: false });

    // The admin writes in themself: the acknowledgment (essential) goes, their staff notice does not.
    const second = await submit(org.id, admin.email);
    expect(second.ack.toAddress).toBe(admin.email);
    expect(second.ack.status).toBe('pending');
    const suppressed = second.notices.find((n) => n.toAddress === admin.email)!;
    expect(suppressed.status).toBe('suppressed');

    expect((await findEmailPreferences(testDb.db, admin.email)).find((p) => p.organizationId === org.id)?.subscribed).toBe(false);
    await resubscribeAddress(testDb.db, { organizationId: org.id, address: admin.email }, admin.actor);
    const third = await submit(org.id, 'rae@example.org');
    expect(third.notices.find((n) => n.toAddress === admin.email)!.status).toBe('pending');
    const actions = await testDb.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.entityType, 'email_preference')));
    expect(actions.map((a) => a.action).sort()).toEqual(['email.resubscribed', 'email.unsubscribed']);
  });
});
