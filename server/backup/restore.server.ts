// Restoring a backup (ADR 0071) into an empty database: the schema made by the project's own
// migrations up to the version the backup recorded, every table's rows copied in one
// transaction (a damaged or cut-short file leaves the target as empty as it was), the sequences
// set, then the migrations this code has since the backup, and the money reconcile report.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connect } from '#db/client.server.ts';
import { migrateDatabase, migrationsFolder } from '#db/migrate.server.ts';
import { reconcile, type Violation } from '#domain/billing/reconcile.server.ts';
import { BackupFileError, FRAME, openArchive, readFrames, truncated } from './archive.server.ts';
import type { BackupKeys, Manifest } from './backup.server.ts';

export class RestoreError extends Error {
  readonly code: 'TARGET_NOT_EMPTY' | 'NEWER_SCHEMA' | 'UNKNOWN_SCHEMA';
  constructor(code: RestoreError['code'], message: string) {
    super(message);
    this.name = 'RestoreError';
    this.code = code;
  }
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function journal(): JournalEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** How many of this code's migrations make the backup's schema; refuses a schema it does not know. */
export function schemaVersionOf(manifest: Pick<Manifest, 'migrations'>): { count: number; last: string | undefined } {
  const entries = journal();
  const known = new Map(entries.map((e) => [e.when, e]));
  const unknown = manifest.migrations.filter((m) => !known.has(m.createdAt));
  const latest = entries.at(-1)?.when ?? 0;
  if (unknown.some((m) => m.createdAt > latest)) {
    throw new RestoreError(
      'NEWER_SCHEMA',
      `The backup's database schema is newer than this version of Balint Hub knows (${manifest.migrations.length} migrations, this code has ${entries.length}). ` +
        'Restore it with the version that wrote it, or a newer one.',
    );
  }
  if (unknown.length) throw new RestoreError('UNKNOWN_SCHEMA', `The backup records ${unknown.length} migration(s) this version of Balint Hub does not have: it was written by another line of development.`);
  const count = manifest.migrations.length;
  if (count && entries[count - 1]?.when !== manifest.migrations.at(-1)!.createdAt) {
    throw new RestoreError('UNKNOWN_SCHEMA', 'The backup records a set of migrations that is not a beginning of this version\'s list.');
  }
  return { count, last: count ? entries[count - 1]!.tag : undefined };
}

/** The tables of the public schema that hold rows (empty list: an empty database). */
export async function tablesWithRows(pool: pg.Pool): Promise<string[]> {
  const tables = await pool.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
  );
  const full: string[] = [];
  for (const { name } of tables.rows) {
    const r = await pool.query(`select 1 from ${ident(name)} limit 1`);
    if (r.rowCount) full.push(name);
  }
  return full;
}

/** Migrates to exactly the first `count` of this code's migrations. */
async function migrateTo(pool: pg.Pool, count: number): Promise<void> {
  const entries = journal().slice(0, count);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-restore-migrations-'));
  try {
    fs.mkdirSync(path.join(folder, 'meta'));
    const all = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
    fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...all, entries }));
    for (const e of entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    const client = await pool.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: folder });
    } finally {
      client.release();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export interface RestoreReport {
  manifest: Manifest;
  keys: BackupKeys | undefined;
  schema: { count: number; last: string | undefined };
  tables: { name: string; rows: number }[];
  rows: number;
  /** The reconcile report of every organization after the restore (empty: the ledger is clean). */
  violations: (Violation & { organization: string })[];
  organizations: number;
  ms: number;
}

export interface RestoreOptions {
  passphrase: string | undefined;
  /** Drop what the target holds first (its public schema, migrations record and job queue). */
  force: boolean;
  /** Called with what the backup holds before anything in the target changes; may throw to stop. */
  beforeWrite?: (manifest: Manifest, keys: BackupKeys | undefined) => void | Promise<void>;
}

async function write(stream: Writable, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

type Frame = { type: number; payload: Buffer };

/** The frames of a backup file, decrypted and decompressed, as they are read. */
function framesOf(file: string, passphrase: string | undefined): { next: () => Promise<Frame>; rest: () => Promise<boolean>; close: () => void } {
  const archive = openArchive(file, passphrase);
  const source = fs.createReadStream(file, { start: archive.offset });
  const gunzip = zlib.createGunzip();
  const content = new PassThrough();
  void pipeline(archive.transform ? [source, archive.transform, gunzip, content] : [source, gunzip, content]).catch((error: unknown) => {
    content.destroy(asFileError(error) as Error);
  });
  const frames = readFrames(content);
  return {
    async next() {
      try {
        const r = await frames.next();
        if (r.done) throw truncated();
        return r.value;
      } catch (error) {
        throw asFileError(error);
      }
    },
    /** True when the file ends here. */
    async rest() {
      try {
        return (await frames.next()).done === true;
      } catch (error) {
        throw asFileError(error);
      }
    },
    close: () => source.destroy(),
  };
}

export interface VerifiedBackup {
  manifest: Manifest;
  keys: BackupKeys | undefined;
  tables: { name: string; rows: number; sha256: string }[];
}

/**
 * Reads a whole backup file and checks it: the passphrase, every chunk's authentication, each
 * table's rows against its recorded count and checksum, the end. Changes nothing.
 */
export async function verifyBackup(file: string, passphrase: string | undefined): Promise<VerifiedBackup> {
  const frames = framesOf(file, passphrase);
  try {
    const first = await frames.next();
    if (first.type !== FRAME.manifest) throw new BackupFileError('DAMAGED', 'The backup file does not start with its table of contents: it was changed or damaged.');
    const manifest = JSON.parse(first.payload.toString('utf8')) as Manifest;
    let keys: BackupKeys | undefined;
    const tables: VerifiedBackup['tables'] = [];
    let current: { name: string; rows: number; hash: crypto.Hash } | undefined;
    for (;;) {
      const f = await frames.next();
      if (f.type === FRAME.keys && !current && tables.length === 0) keys = JSON.parse(f.payload.toString('utf8')) as BackupKeys;
      else if (f.type === FRAME.table && !current) current = { name: (JSON.parse(f.payload.toString('utf8')) as { name: string }).name, rows: 0, hash: crypto.createHash('sha256') };
      else if (f.type === FRAME.data && current) {
        current.hash.update(f.payload);
        for (let i = f.payload.indexOf(10); i !== -1; i = f.payload.indexOf(10, i + 1)) current.rows++;
      } else if (f.type === FRAME.tableEnd && current) {
        const expected = JSON.parse(f.payload.toString('utf8')) as { rows: number; sha256: string };
        const sha256 = current.hash.digest('hex');
        if (expected.rows !== current.rows || expected.sha256 !== sha256) throw new BackupFileError('DAMAGED', `The backup file is damaged: table ${current.name} does not match its checksum.`);
        tables.push({ name: current.name, rows: current.rows, sha256 });
        current = undefined;
      } else if (f.type === FRAME.end && !current) break;
      else throw new BackupFileError('DAMAGED', 'The backup file is out of order: it was changed or damaged.');
    }
    if (!(await frames.rest())) throw new BackupFileError('DAMAGED', 'The backup file has data after its end: it was changed or damaged.');
    return { manifest, keys, tables };
  } finally {
    frames.close();
  }
}

/** Restores `file` into the (empty) database at `url`. */
export async function restoreBackup(file: string, url: string, options: RestoreOptions): Promise<RestoreReport> {
  const started = performance.now();
  // The whole file is checked before the target is touched: a bad file changes nothing.
  const { manifest, keys } = await verifyBackup(file, options.passphrase);
  const schema = schemaVersionOf(manifest);
  const database = connect(url, { max: 2, applicationName: 'balint-hub-restore' });
  const frames = framesOf(file, options.passphrase);
  try {
    const full = await tablesWithRows(database.pool);
    if (full.length && !options.force) {
      throw new RestoreError(
        'TARGET_NOT_EMPTY',
        `The target database is not empty (${full.length} tables hold rows, e.g. ${full.slice(0, 3).join(', ')}). Restore into an empty one, or add --force to replace what it holds.`,
      );
    }
    await options.beforeWrite?.(manifest, keys);

    // Start from nothing: the schema comes from the migrations, as it would on a first start.
    await database.pool.query('drop schema if exists public cascade');
    await database.pool.query('create schema public');
    await database.pool.query('drop schema if exists drizzle cascade');
    await database.pool.query('drop schema if exists pgboss cascade');
    await migrateTo(database.pool, schema.count);

    const client = await database.pool.connect();
    const tables: { name: string; rows: number }[] = [];
    try {
      await client.query('begin');
      // Any foreign key that can wait does so until commit; today none has to.
      await client.query('set constraints all deferred');
      let frameNow = await frames.next();
      while (frameNow.type === FRAME.manifest || frameNow.type === FRAME.keys) frameNow = await frames.next();
      for (;;) {
        if (frameNow.type === FRAME.end) break;
        if (frameNow.type !== FRAME.table) throw new BackupFileError('DAMAGED', 'The backup file is out of order: it was changed or damaged.');
        const table = JSON.parse(frameNow.payload.toString('utf8')) as { name: string; columns: string[] };
        const copy = client.query(copyFrom(`copy ${ident(table.name)} (${table.columns.map(ident).join(', ')}) from stdin`));
        const copied = new Promise<void>((resolve, reject) => {
          copy.on('finish', resolve);
          copy.on('error', reject);
        });
        copied.catch(() => undefined);
        for (;;) {
          frameNow = await frames.next();
          if (frameNow.type !== FRAME.data) break;
          await write(copy, frameNow.payload);
        }
        if (frameNow.type !== FRAME.tableEnd) {
          copy.destroy();
          throw new BackupFileError('DAMAGED', 'The backup file is out of order: it was changed or damaged.');
        }
        copy.end();
        await copied;
        const expected = JSON.parse(frameNow.payload.toString('utf8')) as { rows: number };
        if (copy.rowCount !== expected.rows) throw new BackupFileError('DAMAGED', `Table ${table.name}: ${copy.rowCount} rows read, the backup says ${expected.rows}.`);
        tables.push({ name: table.name, rows: copy.rowCount });
        frameNow = await frames.next();
      }
      for (const s of manifest.sequences) await client.query('select setval($1, $2::bigint, $3)', [ident(s.name), s.value, s.isCalled]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw asFileError(error);
    } finally {
      client.release();
    }

    // The restored schema brought up to this code's version, as `npm start` would.
    await migrateDatabase(database.pool);
    const orgs = await database.pool.query<{ id: string; slug: string }>('select id, slug from organizations order by slug');
    const violations: RestoreReport['violations'] = [];
    for (const org of orgs.rows) {
      for (const v of await reconcile(database.db, org.id)) violations.push({ ...v, organization: org.slug });
    }
    return {
      manifest,
      keys,
      schema,
      tables,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      violations,
      organizations: orgs.rows.length,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    frames.close();
    await database.close();
  }
}

function asFileError(error: unknown): unknown {
  if (error instanceof BackupFileError || error instanceof RestoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR') return truncated();
  if (typeof code === 'string' && code.startsWith('Z_')) return new BackupFileError('DAMAGED', 'The backup file is damaged: its compressed content does not decompress.');
  return error;
}
