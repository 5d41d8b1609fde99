// npm run backup -- <file> [--unencrypted] [--include-keys]
// A consistent backup of the database while the app runs (ADR 0071), encrypted with
// BACKUP_PASSPHRASE. The data-encryption key goes into the file only with --include-keys: keep
// it apart from the data it protects.
import { parseArgs } from 'node:util';
import { createBackup } from '../backup/backup.server.ts';
import { databaseToRead, keysInUse, NoDatabaseError } from '../backup/locate.server.ts';
import { connect } from '#db/client.server.ts';
import { parseConfigOrExit } from '../config.server.ts';
import { formatBytes } from '../backup/format.server.ts';

const usage = 'usage: BACKUP_PASSPHRASE=… npm run backup -- <file> [--include-keys] [--unencrypted]';
const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { unencrypted: { type: 'boolean' }, 'include-keys': { type: 'boolean' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const { values, positionals } = parsed!;
const file = positionals[0];
if (!file || positionals.length > 1) fail(`Name the file to write.\n${usage}`, 2);
const config = parseConfigOrExit();
const passphrase = values.unencrypted ? undefined : config.BACKUP_PASSPHRASE;
if (!values.unencrypted && !passphrase) fail(`Set BACKUP_PASSPHRASE (12 characters or more) to encrypt the backup, or add --unencrypted.\n${usage}`, 2);

const keys = keysInUse(config);
let located;
try {
  located = await databaseToRead(config);
} catch (error) {
  fail(error instanceof NoDatabaseError ? error.message : `Could not open the database: ${(error as Error).message}`);
}
const database = connect(located!.url, { max: 2, applicationName: 'balint-hub-backup' });
try {
  const summary = await createBackup(database.pool, file!, {
    passphrase,
    keys: values['include-keys'] ? keys : undefined,
    keyInUse: keys.dataEncryptionKey ? Buffer.from(keys.dataEncryptionKey, 'base64') : undefined,
  });
  say(`Backup written: ${summary.file}`);
  say(`  from ${located!.describe}`);
  say(`  ${summary.encrypted ? 'encrypted (AES-256-GCM, key from BACKUP_PASSPHRASE by scrypt)' : 'NOT encrypted (--unencrypted): keep it somewhere only you can read'}`);
  say(`  schema: ${summary.migrations} migrations applied`);
  say(`  ${summary.tables.length} tables, ${summary.rows} rows:`);
  const width = Math.max(...summary.tables.map((t) => t.name.length));
  for (const t of [...summary.tables].sort((a, b) => a.name.localeCompare(b.name))) say(`    ${t.name.padEnd(width)}  ${String(t.rows).padStart(8)}`);
  say(
    summary.keysIncluded
      ? '  data-encryption key: INCLUDED (--include-keys): this file opens sealed financial-aid applications; keep it as safe as the key'
      : `  data-encryption key: not included (fingerprint ${summary.keyFingerprint ?? 'none: no key yet'}); back the key up apart from the data`,
  );
  say(`  size: ${formatBytes(summary.bytes)} (${summary.bytes} bytes), in ${(summary.ms / 1000).toFixed(1)} s`);
  say(`  SHA-256: ${summary.sha256}`);
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`The backup failed: ${(error as Error).message}\n`);
} finally {
  await database.close();
  await located!.stop();
}
