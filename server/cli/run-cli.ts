// Shared start-up of command-line tools: configuration, then the database (attached to a
// running app's embedded server when there is one).
import { createLogger } from '#lib/log.server.ts';
import { parseConfigOrExit, type Config } from '../config.server.ts';
import { openDatabase, type RunningDatabase } from '../database.server.ts';

export async function withDatabase<T>(name: string, body: (database: RunningDatabase, config: Config) => Promise<T>): Promise<T> {
  const config = parseConfigOrExit();
  const database = await openDatabase(config, { attach: true, applicationName: `balint-hub-${name}`, poolSize: 4 });
  try {
    return await body(database, config);
  } finally {
    await database.stop();
  }
}

export const cliLog = createLogger(process.env.LOG_LEVEL ?? 'warn');
