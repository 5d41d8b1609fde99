// Where the backup and restore commands find the database and the keys: the same DATA_DIR /
// DATABASE_URL settings as `npm start`. Neither command migrates or seeds anything by opening it.
import fs from 'node:fs';
import path from 'node:path';
import { attachToRunningEmbedded, startEmbeddedPostgres } from '#db/embedded.server.ts';
import type { Config } from '../config.server.ts';
import type { BackupKeys } from './backup.server.ts';

export interface LocatedDatabase {
  url: string;
  /** For the output: never the password. */
  describe: string;
  stop(): Promise<void>;
}

function hasCluster(dataDir: string): boolean {
  const pointer = path.join(dataDir, 'pg-location');
  const cluster = fs.existsSync(pointer) ? fs.readFileSync(pointer, 'utf8').trim() : path.join(dataDir, 'pg');
  return fs.existsSync(path.join(cluster, 'PG_VERSION'));
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `external PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

export class NoDatabaseError extends Error {}

/**
 * The database to back up: DATABASE_URL; else the embedded server of the app running on
 * DATA_DIR; else the embedded server started here on DATA_DIR (the app is stopped).
 */
export async function databaseToRead(config: Config): Promise<LocatedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, describe: describeUrl(config.DATABASE_URL), stop: async () => undefined };
  const attached = attachToRunningEmbedded(config.dataDir);
  if (attached) return { url: attached, describe: `embedded PostgreSQL of the running app in ${config.dataDir}`, stop: async () => undefined };
  if (!hasCluster(config.dataDir)) throw new NoDatabaseError(`There is no database in DATA_DIR ${config.dataDir} (and DATABASE_URL is not set).`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT });
  return { url: embedded.url, describe: `embedded PostgreSQL in ${config.dataDir} (started for the backup)`, stop: embedded.stop };
}

/** The database to restore into: DATABASE_URL, or the embedded server in DATA_DIR (made when new). */
export async function databaseToWrite(config: Config): Promise<LocatedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, describe: describeUrl(config.DATABASE_URL), stop: async () => undefined };
  // Holds DATA_DIR's lock: a running app on it makes this fail with its process id.
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT });
  return { url: embedded.url, describe: `embedded PostgreSQL in ${config.dataDir}`, stop: embedded.stop };
}

const readIfExists = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined);

/** The keys in use, read (never generated): from the environment, else from DATA_DIR. */
export function keysInUse(config: Config): BackupKeys {
  return {
    dataEncryptionKey: config.DATA_ENCRYPTION_KEY ?? readIfExists(path.join(config.dataDir, 'data-encryption-key')),
    authSecret: config.AUTH_SECRET ?? readIfExists(path.join(config.dataDir, 'auth-secret')),
  };
}

export const keyFiles = (config: Config) => ({
  dataEncryptionKey: path.join(config.dataDir, 'data-encryption-key'),
  authSecret: path.join(config.dataDir, 'auth-secret'),
});
