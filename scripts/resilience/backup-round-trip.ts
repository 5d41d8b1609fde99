// Figure 5 of the resilience figures (issue 16, ADR 0071): a backup taken while a burst of
// applications and payments runs, restored elsewhere; the restored data must equal the source
// as of the backup's snapshot — every table's row count and content checksum, the ledger's
// checksum and sum — and the money reconcile report must be clean.
//
//   node scripts/resilience/backup-round-trip.ts [--quick]
//
// The source is an embedded PostgreSQL in a temporary DATA_DIR with the demo data (this process
// plays the app); the backup runs in this process with a hook that reads the same snapshot from
// another connection; the restore runs as `npm run restore` would, a child process into a fresh
// DATA_DIR.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect, type Db } from '../../db/client.server.ts';
import { startEmbeddedPostgres } from '../../db/embedded.server.ts';
import { migrateDatabase } from '../../db/migrate.server.ts';
import { reconcile } from '../../domain/billing/reconcile.server.ts';
import { createBackup } from '../../server/backup/backup.server.ts';
import { seedDemo } from '../../server/demo.server.ts';
import { fingerprint, ledgerFigures, type TableFingerprint } from '../../tests/helpers/database-fingerprint.ts';
import { payRegistration, setupCourse } from '../../tests/helpers/money-fixtures.ts';

const root = path.resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'round-trip passphrase, not a secret';

export interface FigureResult {
  name: string;
  ok: boolean;
  figures: Record<string, string | number>;
  details?: string;
}

function runChild(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Applications and payments through the domain functions, from `workers` at once, until stopped. */
function burst(db: Db, workers: number) {
  let stopped = false;
  let acknowledged = 0;
  let refused = 0;
  const done = (async () => {
    const { apply } = await setupCourse(db, { capacity: 1_000_000, earlyPlaceLimit: 0 }, { publicUrl: 'http://localhost:3000' });
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!stopped) {
          try {
            const registration = await apply();
            acknowledged++;
            await payRegistration(db, registration, 25_00, { reference: 'burst' });
            acknowledged++;
          } catch {
            refused++;
          }
        }
      }),
    );
  })();
  return {
    get acknowledged() {
      return acknowledged;
    },
    get refused() {
      return refused;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<FigureResult> {
  const { log } = opts;
  const name = 'Backup round trip under load';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-backup-round-trip-'));
  // Reachable by the postgres user when running as root, so the clusters stay inside it.
  fs.chmodSync(tmp, 0o711);
  const sourceDir = path.join(tmp, 'source');
  const targetDir = path.join(tmp, 'target');
  const file = path.join(tmp, 'backup.bhb');
  const settings = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
  const source = await startEmbeddedPostgres({ dataDir: sourceDir, settings });
  const database = connect(source.url, { max: 12, applicationName: 'balint-round-trip' });
  let target: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  try {
    await migrateDatabase(database.pool);
    await seedDemo(database.db);
    log('demo data seeded; starting the burst of applications and payments');
    const load = burst(database.db, opts.quick ? 3 : 6);
    await new Promise((r) => setTimeout(r, opts.quick ? 1_000 : 3_000));
    const beforeBackup = load.acknowledged;

    const checker = new pg.Client({ connectionString: source.url });
    await checker.connect();
    let reading: Promise<[Map<string, TableFingerprint>, string]> | undefined;
    const summary = await createBackup(database.pool, file, {
      passphrase: PASSPHRASE,
      async onSnapshot(id) {
        // The same moment, imported by another connection and read independently of the
        // backup's COPY, beside it, while the burst goes on.
        await checker.query('begin isolation level repeatable read read only');
        await checker.query(`set transaction snapshot '${id.replace(/'/g, "''")}'`);
        reading = (async () => [await fingerprint(checker), await ledgerFigures(checker)] as [Map<string, TableFingerprint>, string])();
        reading.catch(() => undefined);
      },
    });
    const duringBackup = load.acknowledged - beforeBackup;
    const [atSnapshot, ledgerAtSnapshot] = await reading!;
    await checker.query('commit');
    await checker.end();
    await new Promise((r) => setTimeout(r, opts.quick ? 300 : 1_000));
    await load.stop();
    log(`backup: ${summary.rows} rows in ${summary.tables.length} tables, ${summary.bytes} bytes in ${summary.ms} ms; ${duringBackup} writes acknowledged meanwhile`);
    const sourceClient = await database.pool.connect();
    const sourceAfter = await fingerprint(sourceClient).finally(() => sourceClient.release());

    const restore = await runChild(['server/cli/restore.ts', file], { DATA_DIR: targetDir, BACKUP_PASSPHRASE: PASSPHRASE, EMBEDDED_PG_PORT: '0' });
    log(`restore exited ${restore.code}`);
    target = await startEmbeddedPostgres({ dataDir: targetDir, settings });
    const restoredPool = new pg.Pool({ connectionString: target.url, max: 2 });
    const restoredClient = await restoredPool.connect();
    const restored = await fingerprint(restoredClient);
    const ledgerRestored = await ledgerFigures(restoredClient);
    restoredClient.release();
    const restoredDb = connect(target.url, { max: 2 });
    const orgs = await restoredPool.query<{ id: string }>('select id from organizations');
    let violations = 0;
    for (const o of orgs.rows) violations += (await reconcile(restoredDb.db, o.id)).length;
    await restoredDb.close();
    await restoredPool.end();

    const differing = [...atSnapshot.keys()].filter((t) => {
      const a = atSnapshot.get(t)!;
      const b = restored.get(t);
      return !b || a.rows !== b.rows || a.md5 !== b.md5;
    });
    const missing = [...restored.keys()].filter((t) => !atSnapshot.has(t));
    const snapshotRows = [...atSnapshot.values()].reduce((s, t) => s + t.rows, 0);
    const sourceRowsAfter = [...sourceAfter.values()].reduce((s, t) => s + t.rows, 0);
    const ledgerEqual = ledgerAtSnapshot === ledgerRestored && atSnapshot.get('ledger_entries')?.md5 === restored.get('ledger_entries')?.md5;
    const problems = [
      restore.code !== 0 ? `restore exited ${restore.code}` : '',
      differing.length ? `tables differing from the snapshot: ${differing.join(', ')}` : '',
      missing.length ? `tables not in the snapshot: ${missing.join(', ')}` : '',
      ledgerEqual ? '' : 'the ledger differs from the snapshot',
      violations ? `${violations} reconcile violations after the restore` : '',
      duringBackup === 0 ? 'no write was acknowledged during the backup' : '',
      sourceRowsAfter <= snapshotRows ? 'the source did not change after the snapshot (the burst wrote nothing)' : '',
      !/reconcile report.*clean/i.test(restore.output) ? 'the restore did not print a clean reconcile report' : '',
    ].filter(Boolean);
    return {
      name,
      ok: problems.length === 0,
      figures: {
        'backup time (ms)': summary.ms,
        'backup size (bytes)': summary.bytes,
        tables: summary.tables.length,
        'rows at the snapshot': snapshotRows,
        'writes acknowledged during the backup': duringBackup,
        'rows in the source afterwards': sourceRowsAfter,
        'tables equal to the snapshot': `${atSnapshot.size - differing.length}/${atSnapshot.size}`,
        'ledger equal to the snapshot': ledgerEqual ? 'yes' : 'no',
        'reconcile violations after restore': violations,
        'restore exit code': restore.code ?? -1,
      },
      details: problems.length ? `${problems.join('; ')}\n${restore.output}` : undefined,
    };
  } finally {
    await database.close().catch(() => undefined);
    await source.stop();
    await target?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const result = await run({ quick, log: (line) => process.stdout.write(`  ${line}\n`) });
  process.stdout.write(`${result.ok ? 'PASS' : 'FAIL'} ${result.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  for (const [k, v] of Object.entries(result.figures)) process.stdout.write(`  ${k}: ${v}\n`);
  if (result.details) process.stdout.write(`${result.details}\n`);
  process.exit(result.ok ? 0 : 1);
}
