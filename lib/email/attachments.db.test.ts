// A receipt queued with a message is rendered at delivery and arrives as a PDF part over
// real SMTP; a message whose document does not exist is not sent without it.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { payments } from '#db/schema/money.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { recordRegistrationPayment } from '#domain/billing/record-registration-payment.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { useSmtpDelivery } from '../../tests/helpers/smtp-delivery.ts';
import { waitFor } from '../../tests/helpers/smtp-sink.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { queueEmailWithAttachments } from './attachments.server.ts';
import { composeEmail } from './compose.ts';

const testDb = useTestDatabase();
const delivery = useSmtpDelivery(testDb);

/** The decoded body of the MIME part with this content type. */
function mimePart(raw: string, contentType: string): { headers: string; body: Buffer } | undefined {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start < 0) return undefined;
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const headers = raw.slice(start, headerEnd);
  const bodyEnd = raw.indexOf('\r\n--', headerEnd);
  const body = raw.slice(headerEnd + 4, bodyEnd).replace(/\s+/g, '');
  return { headers, body: Buffer.from(body, 'base64') };
}

test('a receipt email arrives over SMTP with the receipt as a PDF part', async () => {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };
  const { registration } = await placeRegistration(testDb.db, application(org.id, course.id, { name: 'Ньютон Иван', email: 'ivan@example.org' }), systemActor, context);
  const recorded = await recordRegistrationPayment(
    testDb.db,
    { organizationId: org.id, registrationId: registration.id, amountMinor: 45000, receivedOn: '2025-02-01', method: 'check', reference: '#77' },
    systemActor,
    context,
  );
  await delivery.jobs.deliverEmails(recorded.emailIds);
  await waitFor(async () => {
    const [row] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, recorded.emailIds[0]!));
    return row?.status === 'sent' ? row : undefined;
  });
  const mine = delivery.sink.received.filter((m) => m.to === 'ivan@example.org');
  expect(mine).toHaveLength(1);
  expect(mine[0]!.raw).toMatch(/multipart\/mixed/);
  const part = mimePart(mine[0]!.raw, 'application/pdf');
  expect(part?.headers).toMatch(/filename=receipt-.+\.pdf/);
  expect(part!.body.subarray(0, 5).toString()).toBe('%PDF-');
  const text = (await pdfText(part!.body)).replace(/\s+/g, ' ');
  expect(text).toContain('Ньютон Иван');
  expect(text).toContain('$450');
  expect(text).toContain('Check (#77)');
});

test('an attachment that cannot be rendered fails the attempt instead of sending the message without it', async () => {
  const org = await createOrganization(testDb.db);
  const email = composeEmail({ subject: 'Receipt', greeting: 'Hi', paragraphs: ['Attached.'], signature: 'S' });
  const missing = crypto.randomUUID();
  const id = await queueEmailWithAttachments(testDb.db, { organizationId: org.id, kind: 'test', to: 'nobody@example.org', ...email }, [{ kind: 'receipt', id: missing, filename: 'receipt.pdf' }]);
  await delivery.jobs.deliverEmails([id]);
  const row = await waitFor(async () => {
    const [r] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    return r && r.attempts > 0 ? r : undefined;
  });
  expect(row.status).not.toBe('sent');
  expect(row.lastError).toMatch(/cannot be rendered/);
  expect(delivery.sink.received.filter((m) => m.to === 'nobody@example.org')).toHaveLength(0);
  expect(await testDb.db.select().from(payments).where(eq(payments.id, missing))).toHaveLength(0);
});
