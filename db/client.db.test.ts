// A connection PostgreSQL drops while the app holds it (pg_terminate_backend, a database
// restart) must fail that transaction, not the process: found by `npm run verify:resilience`
// (the database-faults figure), where the first terminated backend ended the app with an
// unhandled 'error' event.
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { connect } from './client.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';

const testDb = useTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const database = { current: undefined as ReturnType<typeof connect> | undefined };
afterAll(async () => database.current?.close());

test('a backend terminated in the middle of a transaction fails that transaction and the pool carries on', async () => {
  database.current = connect(testDb.url, { max: 2, applicationName: 'client-db-test' });
  const { db } = database.current;
  const transaction = db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    await testDb.pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    // Between two statements, as a transaction waits on the app's own work: the drop arrives now.
    await sleep(300);
    await tx.execute(sql`select 1`);
  });
  await expect(transaction).rejects.toThrow();
  for (let i = 0; i < 3; i++) {
    const { rows } = await db.execute<{ one: number }>(sql`select 1 as one`);
    expect(rows[0]!.one).toBe(1);
  }
});
