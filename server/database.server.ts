import { count } from 'drizzle-orm';
import { connect, type Database } from '#db/client.server.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#db/embedded.server.ts';
import { migrateDatabase } from '#db/migrate.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import type { Config } from './config.server.ts';

export interface RunningDatabase extends Database {
  url: string;
  embedded: EmbeddedPostgres | undefined;
  /** True when this start found no organizations (a new database). */
  empty: boolean;
  stop(): Promise<void>;
}

export async function openDatabase(config: Config, options: { poolSize?: number; applicationName?: string } = {}): Promise<RunningDatabase> {
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT });
  const url = config.DATABASE_URL ?? embedded!.url;
  const database = connect(url, { max: options.poolSize ?? 20, applicationName: options.applicationName });
  try {
    await migrateDatabase(database.pool);
    const [row] = await database.db.select({ n: count() }).from(organizations);
    return {
      ...database,
      url,
      embedded,
      empty: (row?.n ?? 0) === 0,
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
