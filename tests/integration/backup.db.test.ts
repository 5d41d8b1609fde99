// Backup and restore (ADR 0071): the demo data round-trips exactly, a write after the snapshot
// is not in the backup, the file refuses a wrong passphrase and any change, a non-empty target
// is refused without --force, the data-encryption key is in the file only when asked for — and
// the real commands, run as child processes, say what they did.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerEntries, payments } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { testHooks } from '#db/test-hooks.server.ts';
import { BackupFileError } from '#server/backup/archive.server.ts';
import { createBackup } from '#server/backup/backup.server.ts';
import { restoreBackup, RestoreError, tablesWithRows, verifyBackup } from '#server/backup/restore.server.ts';
import { parseConfig } from '#server/config.server.ts';
import { seedDemo } from '#server/demo.server.ts';
import { backupTasks } from '#server/jobs/backup.jobs.ts';
import { createLogger } from '#lib/log.server.ts';
import { fingerprint, ledgerFigures } from '../helpers/database-fingerprint.ts';
import { payRegistration } from '../helpers/money-fixtures.ts';
import { createTestDatabase, useTestDatabase } from '../helpers/test-database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const source = useTestDatabase();
const PASSPHRASE = 'correct horse battery staple';
const KEY = crypto.randomBytes(32).toString('base64');
let dir: string;
const targets: Awaited<ReturnType<typeof createTestDatabase>>[] = [];

async function emptyTarget() {
  const t = await createTestDatabase();
  targets.push(t);
  return t;
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', BACKUP_PASSPHRASE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const inflate = (file: string) => zlib.gunzipSync(fs.readFileSync(file).subarray(10));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-backup-test-'));
  await seedDemo(source.db);
});

afterAll(async () => {
  for (const t of targets) await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a backup restored', () => {
  test('holds every table of the demo data: counts and checksums equal, the ledger reconciles', async () => {
    const file = path.join(dir, 'demo.bhb');
    const summary = await createBackup(source.pool, file, { passphrase: PASSPHRASE });
    expect(summary.encrypted).toBe(true);
    expect(summary.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(summary.bytes).toBe(fs.statSync(file).size);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const target = await emptyTarget();
    const report = await restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: false });
    const before = await fingerprint(source.pool);
    const after = await fingerprint(target.pool);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, f] of before) expect({ table, ...after.get(table) }).toEqual({ table, ...f });
    expect([...before.values()].filter((f) => f.rows > 0).length).toBeGreaterThan(30);
    expect(await ledgerFigures(target.pool)).toBe(await ledgerFigures(source.pool));
    expect(report.violations).toEqual([]);
    expect(report.organizations).toBeGreaterThan(0);
    expect(report.rows).toBe(summary.rows);
    // Sequences go on from where they were: a new ledger entry numbers after the restored ones.
    const max = await target.pool.query<{ m: string }>('select coalesce(max(sequence), 0)::text as m from ledger_entries');
    const next = await target.pool.query<{ v: string }>(`select nextval(pg_get_serial_sequence('ledger_entries', 'sequence'))::text as v`);
    expect(BigInt(next.rows[0]!.v)).toBeGreaterThan(BigInt(max.rows[0]!.m));
  });

  test('is the database as of its snapshot: a payment committed during the backup is in none of its tables, not half', async () => {
    const [registration] = await source.db.select().from(registrations).where(and(eq(registrations.status, 'confirmed'), eq(registrations.currency, 'USD'))).limit(1);
    expect(registration).toBeDefined();
    const counts = async (db: typeof source.db) => ({
      payments: (await db.select({ n: count() }).from(payments))[0]!.n,
      ledger: (await db.select({ n: count() }).from(ledgerEntries))[0]!.n,
    });
    const atStart = await counts(source.db);
    const file = path.join(dir, 'snapshot.bhb');
    const order: string[] = [];
    await createBackup(source.pool, file, {
      passphrase: PASSPHRASE,
      // After the snapshot, before any row is read: a payment and its ledger entry commit.
      onSnapshot: async () => {
        await payRegistration(source.db, registration!, 1_00, { reference: 'after the snapshot' });
      },
      // Between the payments table's read and the ledger's: another one commits. Read outside
      // one snapshot, its ledger entry would be in the backup without its payment.
      onTableRead: async (table) => {
        order.push(table);
        if (table === 'payments') await payRegistration(source.db, registration!, 2_00, { reference: 'between two tables' });
      },
    });
    expect(order.indexOf('payments')).toBeLessThan(order.indexOf('ledger_entries'));
    const now = await counts(source.db);
    expect(now).toEqual({ payments: atStart.payments + 2, ledger: atStart.ledger + 2 });

    const target = await emptyTarget();
    const report = await restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: false });
    expect(await counts(target.db)).toEqual(atStart);
    expect(report.violations).toEqual([]);
  });

  // The control: the same two payments against a backup that reads each table at its own
  // moment. The check above must catch it: the payment between two tables is half in.
  test('negative control: without its one snapshot the backup holds a ledger entry whose payment it lacks, and cannot be restored', async () => {
    const [registration] = await source.db.select().from(registrations).where(and(eq(registrations.status, 'confirmed'), eq(registrations.currency, 'USD'))).limit(1);
    const counts = async (db: typeof source.db) => ({
      payments: (await db.select({ n: count() }).from(payments))[0]!.n,
      ledger: (await db.select({ n: count() }).from(ledgerEntries))[0]!.n,
    });
    const atStart = await counts(source.db);
    const file = path.join(dir, 'no-snapshot.bhb');
    testHooks.backupWithoutSnapshot = true;
    try {
      await createBackup(source.pool, file, {
        passphrase: PASSPHRASE,
        onSnapshot: async () => void (await payRegistration(source.db, registration!, 1_00, { reference: 'control: after the start' })),
        onTableRead: async (table) => {
          if (table === 'payments') await payRegistration(source.db, registration!, 2_00, { reference: 'control: between two tables' });
        },
      });
    } finally {
      testHooks.backupWithoutSnapshot = false;
    }
    // The ledger entry of the payment between the two tables came along without its payment:
    // the restore refuses the file (its foreign key), where the snapshot's restored cleanly.
    const target = await emptyTarget();
    await expect(restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: false })).rejects.toThrow(/ledger_entries_payment_id/);
    expect(await counts(source.db)).toEqual({ payments: atStart.payments + 2, ledger: atStart.ledger + 2 });
  });
});

describe('a backup file', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'checked.bhb');
    await createBackup(source.pool, file, { passphrase: PASSPHRASE });
  });

  test('refuses a wrong or missing passphrase before touching the target', async () => {
    const target = await emptyTarget();
    await expect(restoreBackup(file, target.url, { passphrase: 'not the passphrase at all', force: false })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(restoreBackup(file, target.url, { passphrase: undefined, force: false })).rejects.toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    expect(await tablesWithRows(target.pool)).toEqual([]);
  });

  test('changed anywhere, or cut short, is refused and restores nothing', async () => {
    const bytes = fs.readFileSync(file);
    const target = await emptyTarget();
    for (const at of [60, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = tampered[at]! ^ 0x01;
      const f = path.join(dir, `tampered-${at}.bhb`);
      fs.writeFileSync(f, tampered);
      const error = await restoreBackup(f, target.url, { passphrase: PASSPHRASE, force: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupFileError);
      expect((error as BackupFileError).code).toBe('DAMAGED');
    }
    const cut = path.join(dir, 'cut.bhb');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    await expect(restoreBackup(cut, target.url, { passphrase: PASSPHRASE, force: false })).rejects.toMatchObject({ code: 'TRUNCATED' });
    // Changing the header (its salt) makes the passphrase fail, never decrypts garbage.
    const header = Buffer.from(bytes);
    header[15] = header[15]! ^ 0x01;
    fs.writeFileSync(path.join(dir, 'header.bhb'), header);
    await expect(restoreBackup(path.join(dir, 'header.bhb'), target.url, { passphrase: PASSPHRASE, force: false })).rejects.toBeInstanceOf(BackupFileError);
    expect(await tablesWithRows(target.pool)).toEqual([]);
  });

  test('is not restored over a database that holds rows, unless forced', async () => {
    const target = await emptyTarget();
    await restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: false });
    await expect(restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: false })).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    await target.pool.query(`update organizations set name = 'Changed after the restore'`);
    const report = await restoreBackup(file, target.url, { passphrase: PASSPHRASE, force: true });
    expect(report.violations).toEqual([]);
    expect((await target.pool.query(`select 1 from organizations where name = 'Changed after the restore'`)).rowCount).toBe(0);
  });

  test('holds the data-encryption key only with --include-keys', async () => {
    const without = path.join(dir, 'no-keys.bhb');
    const withKeys = path.join(dir, 'keys.bhb');
    await createBackup(source.pool, without, { passphrase: undefined, keyInUse: Buffer.from(KEY, 'base64') });
    await createBackup(source.pool, withKeys, { passphrase: undefined, keys: { dataEncryptionKey: KEY, authSecret: 'session-secret-0123456789abcdef0123' }, keyInUse: Buffer.from(KEY, 'base64') });
    expect(inflate(without).includes(KEY)).toBe(false);
    expect(inflate(withKeys).includes(KEY)).toBe(true);
    const plain = await verifyBackup(without, undefined);
    expect(plain.keys).toBeUndefined();
    expect(plain.manifest.keyFingerprint).toBe(crypto.createHash('sha256').update(Buffer.from(KEY, 'base64')).digest('hex').slice(0, 16));
    expect((await verifyBackup(withKeys, undefined)).keys?.dataEncryptionKey).toBe(KEY);
  });

  test('of a newer schema than this code knows is refused with a clear message', async () => {
    const newer = await emptyTarget();
    await newer.pool.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 9999999999999)`);
    const f = path.join(dir, 'newer.bhb');
    await createBackup(newer.pool, f, { passphrase: PASSPHRASE });
    const target = await emptyTarget();
    const error = await restoreBackup(f, target.url, { passphrase: PASSPHRASE, force: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).code).toBe('NEWER_SCHEMA');
    expect((error as Error).message).toMatch(/newer than this version of Balint Hub knows/);
  });
});

describe('npm run backup and npm run restore', () => {
  test('back up with a checksum and restore with the reconcile report, refusing what they must', async () => {
    const dataDir = path.join(dir, 'cli-source');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'data-encryption-key'), `${KEY}\n`);
    const file = path.join(dir, 'cli.bhb');
    const env = { DATABASE_URL: source.url, DATA_DIR: dataDir };

    const keyed = path.join(dir, 'cli-keys.bhb');
    // Independent commands run side by side: each child spends most of its time starting Node.
    const [backup, keyedBackup] = await Promise.all([
      run(['server/cli/backup.ts', file], { ...env, BACKUP_PASSPHRASE: PASSPHRASE }),
      run(['server/cli/backup.ts', keyed, '--include-keys'], { ...env, BACKUP_PASSPHRASE: PASSPHRASE }),
    ]);
    expect(keyedBackup.out).toMatch(/data-encryption key: INCLUDED/);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(backup.out).toContain(`SHA-256: ${sha}`);
    expect(backup.out).toMatch(/encrypted \(AES-256-GCM/);
    expect(backup.out).toMatch(/\d+ tables, \d+ rows/);
    expect(backup.out).toMatch(/ledger_entries\s+\d+/);
    expect(backup.out).toMatch(/data-encryption key: not included/);
    expect(backup.out).not.toContain(PASSPHRASE);
    expect(inflateSafe(file)).toBe(false);

    const target = await emptyTarget();
    const restoreDir = path.join(dir, 'cli-target');
    const [wrong, restore] = await Promise.all([
      run(['server/cli/restore.ts', file], { DATABASE_URL: target.url, DATA_DIR: restoreDir, BACKUP_PASSPHRASE: 'a wrong passphrase here' }),
      run(['server/cli/restore.ts', file], { DATABASE_URL: target.url, DATA_DIR: restoreDir, BACKUP_PASSPHRASE: PASSPHRASE }),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Wrong passphrase/);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/Money reconcile report \(\d+ organizations\): clean/);
    expect(restore.out).toMatch(/ledger_entries\s+\d+/);
    expect(restore.out).toMatch(/Data-encryption key: NOT in this backup/);

    const again = await run(['server/cli/restore.ts', file], { DATABASE_URL: target.url, DATA_DIR: restoreDir, BACKUP_PASSPHRASE: PASSPHRASE });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty.*--force/);

    // With --include-keys the key comes along and lands in the new DATA_DIR.
    const keyedRestore = await run(['server/cli/restore.ts', keyed, '--force'], { DATABASE_URL: target.url, DATA_DIR: restoreDir, BACKUP_PASSPHRASE: PASSPHRASE });
    expect(keyedRestore.err).toBe('');
    expect(keyedRestore.code).toBe(0);
    expect(keyedRestore.out).toMatch(/Data-encryption key: restored from the backup/);
    expect(fs.readFileSync(path.join(restoreDir, 'data-encryption-key'), 'utf8').trim()).toBe(KEY);
  }, 180_000);
});

function inflateSafe(file: string): boolean {
  try {
    inflate(file);
    return true;
  } catch {
    return false;
  }
}

describe('the scheduled backup', () => {
  test('is off without BACKUP_DIR, and keeps the newest BACKUP_KEEP files', async () => {
    expect(backupTasks(parseConfig({}))).toEqual([]);
    const folder = path.join(dir, 'scheduled');
    const [task] = backupTasks(parseConfig({ BACKUP_DIR: folder, BACKUP_PASSPHRASE: PASSPHRASE, BACKUP_KEEP: '2', DATA_DIR: path.join(dir, 'none') }));
    expect(task).toMatchObject({ queue: 'backup.scheduled', cron: '15 2 * * *' });
    const log = createLogger('silent');
    for (let i = 0; i < 3; i++) {
      await task!.run({ db: source.db, log, publicUrl: 'http://localhost:3000', payments: null, courseMessagesPerMinute: 60, secretKey: Buffer.alloc(32, 1) });
      await new Promise((r) => setTimeout(r, 5));
    }
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(2);
    const newest = await verifyBackup(path.join(folder, files.sort().at(-1)!), PASSPHRASE);
    expect(newest.tables.find((t) => t.name === 'ledger_entries')?.rows).toBeGreaterThan(0);
    expect(() => parseConfig({ BACKUP_DIR: folder })).toThrow(/BACKUP_PASSPHRASE/);
  });
});
