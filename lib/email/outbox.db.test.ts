import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { organizations } from '#db/schema/organizations.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { composeEmail } from './compose.ts';
import { deliverOutboxMessage, DeliveryFailed, type MailTransport } from './deliver.server.ts';
import { findOutboxMessages, queueEmail } from './outbox.server.ts';

const testDb = useTestDatabase();

async function makeOrg(slug: string) {
  const [org] = await testDb.db.insert(organizations).values({ slug, name: `Org ${slug}`, shortName: slug, kind: 'regional_circle' }).returning();
  return org!;
}

const message = composeEmail({ subject: 'Hello <you>', greeting: 'Hi', paragraphs: ['A & B'], signature: 'Society' });

function recordingTransport(failTimes = 0) {
  const sent: unknown[] = [];
  let failures = 0;
  const transport: MailTransport = {
    async sendMail(mail) {
      if (failures < failTimes) {
        failures++;
        throw new Error('SMTP 451 try later');
      }
      sent.push(mail);
      return {} as never;
    },
    close() {},
  };
  return { transport, sent };
}

describe('outbox', () => {
  test('a queued message is listed only for its own organization', async () => {
    const a = await makeOrg('outbox-a');
    const b = await makeOrg('outbox-b');
    await queueEmail(testDb.db, { organizationId: a.id, kind: 'test', to: 'x@example.org', ...message });
    expect(await findOutboxMessages(testDb.db, a.id)).toHaveLength(1);
    expect(await findOutboxMessages(testDb.db, b.id)).toHaveLength(0);
  });

  test('both parts are present and the HTML part is escaped', () => {
    expect(message.text).toContain('A & B');
    expect(message.html).toContain('A &amp; B');
    expect(message.html).not.toContain('<you>');
  });

  test('without SMTP the message is held for the outbox page', async () => {
    const org = await makeOrg('outbox-held');
    const id = await queueEmail(testDb.db, { organizationId: org.id, kind: 'test', to: 'held@example.org', ...message });
    expect(await deliverOutboxMessage(testDb.db, id, undefined, 'from@example.org')).toBe('held');
    const [row] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(row?.status).toBe('held');
  });

  test('a delivery is sent once even when its job runs twice, concurrently', async () => {
    const org = await makeOrg('outbox-once');
    const id = await queueEmail(testDb.db, { organizationId: org.id, kind: 'test', to: 'once@example.org', ...message });
    const { transport, sent } = recordingTransport();
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverOutboxMessage(testDb.db, id, transport, 'from@example.org')));
    expect(sent).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
  });

  test('a failed attempt is counted, kept pending, and the next attempt sends it', async () => {
    const org = await makeOrg('outbox-retry');
    const id = await queueEmail(testDb.db, { organizationId: org.id, kind: 'test', to: 'retry@example.org', ...message });
    const { transport, sent } = recordingTransport(1);
    await expect(deliverOutboxMessage(testDb.db, id, transport, 'from@example.org')).rejects.toBeInstanceOf(DeliveryFailed);
    const [afterFailure] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure?.lastError).toContain('451');
    expect(await deliverOutboxMessage(testDb.db, id, transport, 'from@example.org')).toBe('sent');
    expect(sent).toHaveLength(1);
  });
});
