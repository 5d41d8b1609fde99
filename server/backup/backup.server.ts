// A logical backup of the database while the app runs (ADR 0071): one REPEATABLE READ READ ONLY
// transaction, so every table is read as of one moment; the schema version (the migrations
// applied), each sequence's value, then every table's rows as COPY text, parents before
// children. Written to `<file>.partial` and renamed when complete, so a file with the final name
// is always a whole backup.
import { backupSnapshotDisabledForTest } from '#db/test-hooks.server.ts';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { encryptionFor, FORMAT_VERSION, frame, FRAME } from './archive.server.ts';

export interface BackupKeys {
  /** The data-encryption key, base64 (sealed financial-aid applications). */
  dataEncryptionKey?: string;
  /** The session-signing secret (sessions survive the restore when it comes along). */
  authSecret?: string;
}

export interface Manifest {
  app: 'balint-hub';
  format: number;
  createdAt: string;
  /** The migrations applied to the database, oldest first: the schema version. */
  migrations: { hash: string; createdAt: number }[];
  sequences: { name: string; value: string; isCalled: boolean }[];
  tables: { name: string; columns: string[] }[];
  keysIncluded: boolean;
  /** SHA-256 of the data-encryption key in use, first 16 hex digits: tells which key the data needs. */
  keyFingerprint: string | null;
}

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
  keysIncluded: boolean;
  keyFingerprint: string | null;
  migrations: number;
  tables: TableSummary[];
  rows: number;
  ms: number;
}

export interface BackupOptions {
  /** Encrypts with a key derived from it; undefined: written unencrypted. */
  passphrase: string | undefined;
  /** Put in the archive only when given (--include-keys). */
  keys?: BackupKeys;
  /** The data-encryption key in use, to record its fingerprint. */
  keyInUse?: Buffer | undefined;
  /**
   * Called once the snapshot is taken, before any row is read, with its id
   * (pg_export_snapshot): a checker can read the same moment from another connection.
   */
  onSnapshot?: (snapshotId: string) => Promise<void>;
  /** Called after each table is read (a test commits writes between two tables' reads). */
  onTableRead?: (table: string) => Promise<void>;
}

export const keyFingerprint = (key: Buffer) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the public schema, each after the tables its foreign keys point to. */
async function tablesInOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const tables = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind = 'r'
      group by c.relname
      order by c.relname`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `select distinct c.relname as child, p.relname as parent
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const parents = new Map<string, Set<string>>(tables.rows.map((t) => [t.name, new Set<string>()]));
  for (const e of edges.rows) parents.get(e.child)?.add(e.parent);
  const ordered: { name: string; columns: string[] }[] = [];
  const done = new Set<string>();
  let remaining = tables.rows;
  while (remaining.length) {
    const ready = remaining.filter((t) => [...parents.get(t.name)!].every((p) => done.has(p) || !parents.has(p)));
    // A cycle of foreign keys (none today): the rest in name order; restore checks at commit.
    const next = ready.length ? ready : remaining;
    for (const t of next) {
      ordered.push(t);
      done.add(t.name);
    }
    remaining = remaining.filter((t) => !done.has(t.name));
  }
  return ordered;
}

async function write(stream: Writable, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Writes a backup of the database behind `pool` to `file`. */
export async function createBackup(pool: pg.Pool, file: string, options: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const { header, transform } = encryptionFor(options.passphrase);
  const hash = crypto.createHash('sha256').update(header);
  let bytes = header.length;
  const counter = new PassThrough();
  counter.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  out.write(header);
  const gzip = zlib.createGzip({ level: 6 });
  const written = pipeline(transform ? [gzip, transform, counter, out] : [gzip, counter, out]);
  // Surface a write error while frames are being written, not only at the end.
  let failure: unknown;
  written.catch((error: unknown) => (failure = error));

  const client = await pool.connect();
  const tables: TableSummary[] = [];
  let migrationCount = 0;
  try {
    await client.query(backupSnapshotDisabledForTest() ? 'begin isolation level read committed read only' : 'begin isolation level repeatable read read only');
    // The snapshot is taken by the first statement: everything below reads this one moment.
    const snapshot = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const ordered = await tablesInOrder(client);
    // Keep migrations (DDL) out while reading; never wait long behind one.
    await client.query(`set local lock_timeout = '10s'`);
    for (const t of ordered) await client.query(`lock table ${ident(t.name)} in access share mode`);
    await options.onSnapshot?.(snapshot.rows[0]!.id);
    const migrations = await client
      .query<{ hash: string; created_at: string }>('select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id')
      .catch(() => ({ rows: [] as { hash: string; created_at: string }[] }));
    migrationCount = migrations.rows.length;
    const sequenceNames = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
    );
    const sequences: Manifest['sequences'] = [];
    for (const { name } of sequenceNames.rows) {
      const v = await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${ident(name)}`);
      sequences.push({ name, value: v.rows[0]!.last_value, isCalled: v.rows[0]!.is_called });
    }
    const manifest: Manifest = {
      app: 'balint-hub',
      format: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      migrations: migrations.rows.map((m) => ({ hash: m.hash, createdAt: Number(m.created_at) })),
      sequences,
      tables: ordered,
      keysIncluded: options.keys !== undefined,
      keyFingerprint: options.keyInUse ? keyFingerprint(options.keyInUse) : null,
    };
    await write(gzip, frame(FRAME.manifest, manifest));
    if (options.keys) await write(gzip, frame(FRAME.keys, options.keys));

    for (const t of ordered) {
      if (failure) throw failure;
      await write(gzip, frame(FRAME.table, t));
      const tableHash = crypto.createHash('sha256');
      const copy = client.query(copyTo(`copy ${ident(t.name)} (${t.columns.map(ident).join(', ')}) to stdout`));
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      // COPY text ends every row with a newline (one inside a value is written \n): rows are
      // counted here, as the stream ends before the server's row count arrives.
      let rowCount = 0;
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        tableHash.update(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rowCount++;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= 256 * 1024) {
          await write(gzip, frame(FRAME.data, Buffer.concat(pending)));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes) await write(gzip, frame(FRAME.data, Buffer.concat(pending)));
      const summary = { name: t.name, rows: rowCount, sha256: tableHash.digest('hex') };
      tables.push(summary);
      await write(gzip, frame(FRAME.tableEnd, { rows: summary.rows, sha256: summary.sha256 }));
      await options.onTableRead?.(t.name);
    }
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    await write(gzip, frame(FRAME.end, { tables: tables.length, rows }));
    await client.query('commit');
    gzip.end();
    await written;
    if (failure) throw failure;
    fs.renameSync(partial, target);
    return {
      file: target,
      bytes,
      sha256: hash.digest('hex'),
      encrypted: options.passphrase !== undefined,
      keysIncluded: options.keys !== undefined,
      keyFingerprint: manifest.keyFingerprint,
      migrations: migrationCount,
      tables,
      rows,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    gzip.destroy();
    await written.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}
