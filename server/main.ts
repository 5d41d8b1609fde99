// `npm start` / `npm run serve`: parse configuration, start the database (embedded unless
// DATABASE_URL), migrate, seed demo data on first start, run jobs and the HTTP server.
import { DataDirectoryInUseError, EmbeddedPostgresError } from '#db/embedded.server.ts';
import { createLogger } from '#lib/log.server.ts';
import { startApp } from './app.server.ts';
import { parseConfigOrExit } from './config.server.ts';

function fail(message: string): never {
  process.stderr.write(`\nBalint Hub could not start:\n${message}\n\n`);
  process.exit(1);
}

const config = parseConfigOrExit();

const log = createLogger(config.LOG_LEVEL);
const dev = process.argv.includes('--dev');

let app;
try {
  app = await startApp(config, log, { dev });
} catch (error) {
  if (error instanceof DataDirectoryInUseError || error instanceof EmbeddedPostgresError) fail(error.message);
  log.fatal({ err: error }, 'start failed');
  fail((error as Error).message);
}

const lines = [``, `Balint Hub is running at ${app.url}`];
if (app.demoAccounts.length > 0) {
  lines.push('', 'Demo sign-ins (shown once; the passwords are random and not stored anywhere else):');
  for (const a of app.demoAccounts) lines.push(`  ${a.email.padEnd(31)} ${a.password}   ${a.role} of ${a.organization}`);
}
lines.push('');
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}
