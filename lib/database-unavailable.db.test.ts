// The host answers 503 with Retry-After, not 500, when a request failed because the database
// could not be reached (server/http.server.ts). These are the errors node-postgres and Drizzle
// really raise in those cases, and, as the control, errors of a query that reached it.
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { connect } from '#db/client.server.ts';
import { isDatabaseUnavailable } from './database-unavailable.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';

const testDb = useTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: ReturnType<typeof connect>[] = [];
afterAll(async () => Promise.all(opened.map((d) => d.close())));

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('a server that is not there, and a backend terminated mid-transaction, are "unavailable"', async () => {
  const nowhere = connect(`postgres://nobody@127.0.0.1:${await closedPort()}/none`, { max: 1, applicationName: 'unavailable-test' });
  opened.push(nowhere);
  expect(isDatabaseUnavailable(await failure(() => nowhere.db.execute(sql`select 1`)))).toBe(true);

  const database = connect(testDb.url, { max: 2, applicationName: 'unavailable-test' });
  opened.push(database);
  const terminated = await failure(() =>
    database.db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      await testDb.pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await sleep(300);
      await tx.execute(sql`select 1`);
    }),
  );
  expect(isDatabaseUnavailable(terminated)).toBe(true);
});

test('a query that reached the database and failed is not (the control)', async () => {
  const database = connect(testDb.url, { max: 1, applicationName: 'unavailable-test' });
  opened.push(database);
  const syntax = await failure(() => database.db.execute(sql`selec 1`));
  const division = await failure(() => database.db.execute(sql`select 1 / 0`));
  const missing = await failure(() => database.db.execute(sql`select * from no_such_table`));
  expect([syntax, division, missing].map(isDatabaseUnavailable)).toEqual([false, false, false]);
  expect(isDatabaseUnavailable(new Error('Something else'))).toBe(false);
  expect(isDatabaseUnavailable(undefined)).toBe(false);
});
