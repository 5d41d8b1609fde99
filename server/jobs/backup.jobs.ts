// The scheduled backup (ADR 0071): when BACKUP_DIR is set, a backup encrypted with
// BACKUP_PASSPHRASE into that folder on BACKUP_SCHEDULE (daily by default), keeping the newest
// BACKUP_KEEP. Never with the data-encryption key: that is backed up apart. Shipping the folder
// elsewhere is the operator's (docs/operations.md).
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { createBackup } from '../backup/backup.server.ts';
import { keysInUse } from '../backup/locate.server.ts';
import type { Config } from '../config.server.ts';
import type { PeriodicTask } from './task.ts';

export const BACKUP_FILE = /^balint-hub-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{3})?Z\.bhb$/;

export const backupFileName = (at: Date) => `balint-hub-${at.toISOString().replace(/:/g, '-').replace('.', '-')}.bhb`;

/** Deletes all but the newest `keep` backups in `dir` (and partial files a crash left behind). */
export function pruneBackups(dir: string, keep: number, now = Date.now()): string[] {
  const names = fs.readdirSync(dir);
  const backups = names.filter((n) => BACKUP_FILE.test(n)).sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const n of names) {
    if (n.endsWith('.bhb.partial') && now - fs.statSync(path.join(dir, n)).mtimeMs > 3_600_000) removed.push(n);
  }
  for (const n of removed) fs.rmSync(path.join(dir, n), { force: true });
  return removed;
}

export function backupTasks(config: Config): PeriodicTask[] {
  const dir = config.BACKUP_DIR;
  const passphrase = config.BACKUP_PASSPHRASE;
  if (!dir || !passphrase) return [];
  return [
    {
      queue: 'backup.scheduled',
      cron: config.BACKUP_SCHEDULE,
      async run({ db, log }) {
        const pool = (db as unknown as { $client: pg.Pool }).$client;
        const folder = path.resolve(dir);
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        const key = keysInUse(config).dataEncryptionKey;
        const summary = await createBackup(pool, path.join(folder, backupFileName(new Date())), {
          passphrase,
          keyInUse: key ? Buffer.from(key, 'base64') : undefined,
        });
        const removed = pruneBackups(folder, config.BACKUP_KEEP);
        log.info(
          { file: path.basename(summary.file), bytes: summary.bytes, rows: summary.rows, tables: summary.tables.length, ms: summary.ms, sha256: summary.sha256, removed: removed.length },
          'backup: written',
        );
        return [];
      },
    },
  ];
}
