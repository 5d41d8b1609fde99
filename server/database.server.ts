import { count } from 'drizzle-orm';
import { connect, type Database, type Db } from '#db/client.server.ts';
import { attachToRunningEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from '#db/embedded.server.ts';
import { migrateDatabase } from '#db/migrate.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import type { Config } from './config.server.ts';

export interface RunningDatabase extends Database {
  url: string;
  embedded: EmbeddedPostgres | undefined;
  stop(): Promise<void>;
}

// Held while one process checks for an empty database and seeds it, so processes starting
// together seed once.
const SEED_LOCK_KEY = 4_242_002;

export async function openDatabase<T>(
  config: Config,
  options: {
    poolSize?: number;
    applicationName?: string;
    seedIfEmpty?: (db: Db, embedded: boolean) => Promise<T | undefined>;
    /** Use the embedded server of an app already running on DATA_DIR (worker, CLI). */
    attach?: boolean;
  } = {},
): Promise<RunningDatabase & { seeded: T | undefined }> {
  const attached = !config.DATABASE_URL && options.attach ? attachToRunningEmbedded(config.dataDir) : undefined;
  const embedded =
    config.DATABASE_URL || attached ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT });
  const url = config.DATABASE_URL ?? attached ?? embedded!.url;
  const database = connect(url, { max: options.poolSize ?? 20, applicationName: options.applicationName });
  try {
    await migrateDatabase(database.pool);
    let seeded: T | undefined;
    if (options.seedIfEmpty) {
      const lock = await database.pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [SEED_LOCK_KEY]);
        const [row] = await database.db.select({ n: count() }).from(organizations);
        if ((row?.n ?? 0) === 0) seeded = await options.seedIfEmpty(database.db, embedded !== undefined);
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
        lock.release();
      }
    }
    return {
      ...database,
      url,
      embedded,
      seeded,
      async stop() {
        await database.close().catch(() => undefined);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
