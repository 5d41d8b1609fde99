import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// One constant key for "schema changes": processes starting at once queue on it, so each
// migration runs exactly once.
const MIGRATION_LOCK_KEY = 4_242_001;

export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** True when every committed migration has been applied to this database. */
export async function migrationsApplied(pool: pg.Pool): Promise<boolean> {
  try {
    const result = await pool.query<{ n: string }>('select count(*)::text as n from drizzle.__drizzle_migrations');
    return Number(result.rows[0]?.n ?? 0) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
