// Real delivery: pg-boss runs the job, nodemailer speaks SMTP to a local SMTP server.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { useSmtpDelivery } from '../../tests/helpers/smtp-delivery.ts';
import { waitFor } from '../../tests/helpers/smtp-sink.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { composeEmail } from './compose.ts';
import { queueEmail } from './outbox.server.ts';

const testDb = useTestDatabase();
const delivery = useSmtpDelivery(testDb);

test('a queued message is delivered over SMTP once, with plain-text and HTML parts', async () => {
  const [org] = await testDb.db.insert(organizations).values({ slug: 'smtp', name: 'SMTP Society', shortName: 'SS', kind: 'regional_circle' }).returning();
  const email = composeEmail({ subject: 'Welcome', greeting: 'Hello Ana,', paragraphs: ['Your place is confirmed.'], signature: 'SMTP Society' });
  const id = await queueEmail(testDb.db, { organizationId: org!.id, kind: 'test', to: 'ana@example.org', ...email });
  await delivery.jobs.deliverEmails([id]);
  await delivery.jobs.deliverEmails([id]); // a duplicate request for the same message

  const row = await waitFor(async () => {
    const [r] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    return r?.status === 'sent' ? r : undefined;
  });
  expect(row.sentAt).not.toBeNull();
  // No second delivery: once no delivery job for this message is waiting, retrying or running
  // (pg-boss's own table), everything the queue would ever send for it has reached the sink.
  // The duplicate request may have become a second job (the singleton key only collapses
  // requests while one is waiting); it found the message sent and sent nothing.
  await waitFor(async () => {
    const { rows } = await testDb.pool.query<{ state: string }>(`select state from pgboss.job where name = 'email.deliver' and data->>'id' = $1`, [id]);
    return rows.length > 0 && rows.every((r) => r.state === 'completed') ? rows : undefined;
  });
  const mine = delivery.sink.received.filter((m) => m.to === 'ana@example.org');
  expect(mine).toHaveLength(1);
  expect(mine[0]!.raw).toMatch(/multipart\/alternative/);
  expect(mine[0]!.raw).toMatch(/Content-Type: text\/plain/);
  expect(mine[0]!.raw).toMatch(/Content-Type: text\/html/);
  expect(mine[0]!.raw).toContain('Your place is confirmed.');
});

test('a temporary SMTP refusal is retried by the job queue until the message goes out', async () => {
  const [org] = await testDb.db.insert(organizations).values({ slug: 'smtp-retry', name: 'Retry Society', shortName: 'RS', kind: 'regional_circle' }).returning();
  delivery.sink.refuseNext(1);
  const id = await queueEmail(testDb.db, {
    organizationId: org!.id,
    kind: 'test',
    to: 'bo@example.org',
    ...composeEmail({ subject: 'Retry', greeting: 'Hi', paragraphs: ['x'], signature: 'RS' }),
  });
  await delivery.jobs.deliverEmails([id]);
  const row = await waitFor(
    async () => {
      const [r] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return r?.status === 'sent' ? r : undefined;
    },
    60_000,
  );
  expect(row.attempts).toBe(2);
  expect(delivery.sink.received.filter((m) => m.to === 'bo@example.org')).toHaveLength(1);
});

test('a message with a Reply-To (a visitor writing to a group leader) goes out with that header', async () => {
  const [org] = await testDb.db.insert(organizations).values({ slug: 'smtp-reply', name: 'Reply Society', shortName: 'RPS', kind: 'regional_circle' }).returning();
  const email = composeEmail({ subject: 'A question', greeting: 'Dear Lee,', paragraphs: ['Is there room?'], signature: 'Reply Society' });
  const id = await queueEmail(testDb.db, { organizationId: org!.id, kind: 'directory.contact', to: 'lee@example.org', replyTo: 'vera@example.org', ...email });
  await delivery.jobs.deliverEmails([id]);
  const mail = await waitFor(async () => delivery.sink.received.find((m) => m.to === 'lee@example.org'));
  expect(mail.raw).toMatch(/^Reply-To: vera@example\.org\r?$/m);
});

test('a non-essential message goes out with List-Unsubscribe and one-click List-Unsubscribe-Post (RFC 8058); an essential one without', async () => {
  const [org] = await testDb.db.insert(organizations).values({ slug: 'smtp-unsubscribe', name: 'Unsubscribe Society', shortName: 'UNS', kind: 'regional_circle' }).returning();
  const url = 'https://hub.example.org/o/smtp-unsubscribe/unsubscribe/abc.def';
  const reminder = composeEmail({ subject: 'A reminder', greeting: 'Dear Lee,', paragraphs: ['Please.'], signature: 'Unsubscribe Society', unsubscribe: { notice: 'Unsubscribe', url } });
  const receipt = composeEmail({ subject: 'A receipt', greeting: 'Dear Kim,', paragraphs: ['Paid.'], signature: 'Unsubscribe Society' });
  const ids = [
    await queueEmail(testDb.db, { organizationId: org!.id, kind: 'evaluation.reminder', to: 'lee-unsub@example.org', listUnsubscribe: url, ...reminder }),
    await queueEmail(testDb.db, { organizationId: org!.id, kind: 'billing.receipt', to: 'kim-unsub@example.org', ...receipt }),
  ];
  await delivery.jobs.deliverEmails(ids);
  const sent = await waitFor(async () => delivery.sink.received.find((m) => m.to === 'lee-unsub@example.org'));
  // Long header lines are folded on the wire: unfold them before reading.
  const headers = sent.raw.replace(/\r?\n[ \t]+/g, ' ');
  expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/hub\.example\.org\/o\/smtp-unsubscribe\/unsubscribe\/abc\.def>\r?$/m);
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const essential = await waitFor(async () => delivery.sink.received.find((m) => m.to === 'kim-unsub@example.org'));
  expect(essential.raw).not.toMatch(/List-Unsubscribe/);
});

test('a recipient the SMTP server refuses for good (550) is marked bounced at once, never retried', async () => {
  const [org] = await testDb.db.insert(organizations).values({ slug: 'smtp-bounce', name: 'Bounce Society', shortName: 'BS', kind: 'regional_circle' }).returning();
  const email = composeEmail({ subject: 'Hello', greeting: 'Hi', paragraphs: ['x'], signature: 'BS' });
  const id = await queueEmail(testDb.db, { organizationId: org!.id, kind: 'course.message', to: 'bounce-nobody@example.org', ...email });
  await delivery.jobs.deliverEmails([id]);
  const row = await waitFor(async () => {
    const [r] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    return r?.status === 'bounced' ? r : undefined;
  });
  expect(row.attempts).toBe(1);
  expect(row.lastError).toMatch(/550/);
  // The job completed (no retry is waiting): the bounce is final.
  await waitFor(async () => {
    const { rows } = await testDb.pool.query<{ state: string }>(`select state from pgboss.job where name = 'email.deliver' and data->>'id' = $1`, [id]);
    return rows.length === 1 && rows[0]!.state === 'completed' ? rows : undefined;
  });
  expect(delivery.sink.received.filter((m) => m.to.startsWith('bounce'))).toHaveLength(0);
});
