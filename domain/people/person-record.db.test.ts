// The person record's money table holds what the person paid for membership dues, beside
// courses and donations (the demo member's ABS dues are paid by check through the ledger; a
// payment is a credit on the ledger, so negative, as on the rest of the table).
import { eq } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { users } from '#db/schema/accounts.ts';
import { organizations } from '#db/schema/organizations.ts';
import { seedDemo } from '#server/demo.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { personRecord } from './person-record.server.ts';

const testDb = useTestDatabase();

beforeAll(async () => {
  await seedDemo(testDb.db, '2026-12-06');
});

test('the demo member’s record lists the dues payment with the membership type, in the organization’s money only', async () => {
  const [member] = await testDb.db.select({ id: users.id }).from(users).where(eq(users.email, 'member@abs.example.org'));
  const [abs] = await testDb.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'abs'));
  const record = await personRecord(testDb.db, abs!.id, member!.id);
  const dues = record.money.filter((m) => m.account === 'membership');
  expect(dues).toEqual([expect.objectContaining({ kind: 'payment', amountMinor: -15000, currency: 'USD', what: 'Regular', method: 'check' })]);
  // Course money is still there, named by its course.
  expect(record.money.filter((m) => m.account === 'registration').every((m) => m.what.length > 0)).toBe(true);
});
