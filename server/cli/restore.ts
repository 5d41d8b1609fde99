// npm run restore -- <file> [--force]
// Restores a backup (ADR 0071) into an empty DATA_DIR or an empty external database
// (DATABASE_URL); --force replaces what the target holds. Ends with the money reconcile report
// and the row counts. Stop the app first.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DataDirectoryInUseError } from '#db/embedded.server.ts';
import { BackupFileError } from '../backup/archive.server.ts';
import { keyFingerprint } from '../backup/backup.server.ts';
import { databaseToWrite, keyFiles, keysInUse } from '../backup/locate.server.ts';
import { restoreBackup, RestoreError } from '../backup/restore.server.ts';
import { parseConfigOrExit } from '../config.server.ts';

const usage = 'usage: BACKUP_PASSPHRASE=… npm run restore -- <file> [--force]';
const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const { values, positionals } = parsed!;
const file = positionals[0];
if (!file || positionals.length > 1) fail(`Name the backup file to restore.\n${usage}`, 2);
if (!fs.existsSync(file!)) fail(`${file} does not exist.`, 2);
const config = parseConfigOrExit();
const force = values.force === true;
const files = keyFiles(config);
const before = keysInUse(config);
const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b.padEnd(a.length).slice(0, a.length))) && a.length === b.length;

let located;
try {
  located = await databaseToWrite(config);
} catch (error) {
  fail(error instanceof DataDirectoryInUseError ? `${error.message} Restoring needs the app stopped.` : `Could not open the target database: ${(error as Error).message}`);
}

let exitCode = 0;
try {
  const report = await restoreBackup(file!, located!.url, {
    passphrase: config.BACKUP_PASSPHRASE,
    force,
    beforeWrite(_manifest, keys) {
      // A key file in DATA_DIR that differs from the backup's: replacing it would lose what it opens.
      if (keys?.dataEncryptionKey && !config.DATA_ENCRYPTION_KEY && before.dataEncryptionKey && !same(before.dataEncryptionKey, keys.dataEncryptionKey) && !force) {
        throw new RestoreError('TARGET_NOT_EMPTY', `${files.dataEncryptionKey} holds another data-encryption key than the backup. Move it away, or add --force to replace it.`);
      }
    },
  });
  if (report.keys) fs.mkdirSync(config.dataDir, { recursive: true });
  if (report.keys?.dataEncryptionKey && !config.DATA_ENCRYPTION_KEY) fs.writeFileSync(files.dataEncryptionKey, `${report.keys.dataEncryptionKey}\n`, { mode: 0o600 });
  if (report.keys?.authSecret && !config.AUTH_SECRET) fs.writeFileSync(files.authSecret, `${report.keys.authSecret}\n`, { mode: 0o600 });

  say(`Restored ${file} into ${located!.describe} in ${(report.ms / 1000).toFixed(1)} s`);
  say(`  backup taken ${report.manifest.createdAt}; schema: ${report.schema.count} migrations${report.schema.last ? ` (up to ${report.schema.last})` : ''}, then brought up to this version's`);
  say(`  ${report.tables.length} tables, ${report.rows} rows:`);
  const width = Math.max(...report.tables.map((t) => t.name.length));
  for (const t of [...report.tables].sort((a, b) => a.name.localeCompare(b.name))) say(`    ${t.name.padEnd(width)}  ${String(t.rows).padStart(8)}`);
  say(`Money reconcile report (${report.organizations} organizations): ${report.violations.length === 0 ? 'clean, no violation' : `${report.violations.length} violation(s)`}`);
  for (const v of report.violations) {
    say(`    ${v.organization}: ${v.check} registration ${v.registrationId ?? '-'} payment ${v.paymentId ?? '-'} refund ${v.refundId ?? '-'}: expected ${v.expectedMinor}, found ${v.actualMinor} (${v.currency} minor units)`);
  }
  if (report.violations.length) exitCode = 3;

  // The data-encryption key: with the data (--include-keys) or to be put back from its own backup.
  const wanted = report.manifest.keyFingerprint;
  const now = keysInUse(config).dataEncryptionKey;
  const nowPrint = now ? keyFingerprint(Buffer.from(now, 'base64')) : null;
  if (report.keys?.dataEncryptionKey) {
    say(config.DATA_ENCRYPTION_KEY
      ? nowPrint === wanted
        ? 'Data-encryption key: DATA_ENCRYPTION_KEY is the key of the backup.'
        : `Data-encryption key: WARNING: DATA_ENCRYPTION_KEY is not the backup's key (fingerprint ${wanted}); set it to the key in the backup's records, or sealed financial-aid applications stay unreadable.`
      : `Data-encryption key: restored from the backup into ${files.dataEncryptionKey}.`);
  } else if (wanted === null) {
    say('Data-encryption key: the source had none yet; nothing to put back.');
  } else if (nowPrint === wanted) {
    say(`Data-encryption key: the key in place is the backup's (fingerprint ${wanted}).`);
  } else {
    say(
      `Data-encryption key: NOT in this backup. Before starting the app, put the key with fingerprint ${wanted} back ` +
        `(DATA_ENCRYPTION_KEY, or the file ${files.dataEncryptionKey}, mode 0600)${nowPrint ? `; the key there now (fingerprint ${nowPrint}) is another one` : ''}: ` +
        'without it, sealed financial-aid applications stay unreadable.',
    );
  }
} catch (error) {
  exitCode = 1;
  const known = error instanceof BackupFileError || error instanceof RestoreError;
  process.stderr.write(`The restore failed: ${known ? error.message : `${(error as Error).message}`}\n`);
} finally {
  await located!.stop();
}
process.exit(exitCode);
