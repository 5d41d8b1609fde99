// npm run worker: a process that only runs background jobs (email delivery and the outbox
// sweeper). Run it beside app processes started with JOBS_IN_PROCESS=0, or as extra capacity.
import { createAccountsAuth } from '#domain/accounts/auth.server.ts';
import { createSmtpTransport } from '#lib/email/deliver.server.ts';
import { createLogger } from '#lib/log.server.ts';
import { parseConfigOrExit } from './config.server.ts';
import { openDatabase } from './database.server.ts';
import { startJobs } from './jobs.server.ts';
import { backupTasks } from './jobs/backup.jobs.ts';
import { authSecret, dataEncryptionKey } from './secrets.server.ts';

const config = parseConfigOrExit();
const log = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config, { attach: true, applicationName: 'balint-hub-worker', poolSize: 5 });
const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
// Reset links are mailed by a job: the worker signs them with the same secret as the app.
let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
const auth = createAccountsAuth({
  db: database.db,
  baseUrl: publicUrl,
  secret: authSecret(config),
  sessionDays: config.SESSION_DAYS,
  onEmailQueued: async (ids) => jobs?.deliverEmails(ids),
});
jobs = await startJobs({
  url: database.url,
  db: database.db,
  log,
  transport: config.SMTP_URL ? createSmtpTransport(config.SMTP_URL) : undefined,
  mailFrom: config.MAIL_FROM,
  work: true,
  publicUrl,
  courseMessagesPerMinute: config.COURSE_MESSAGES_PER_MINUTE,
  secretKey: dataEncryptionKey(config),
  sendPasswordReset: async ({ email, redirectTo }) => {
    await auth.api.requestPasswordReset({ body: { email, redirectTo } });
  },
  configuredTasks: backupTasks(config),
  payments: config.STRIPE_SECRET_KEY ? { secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET!, apiUrl: config.STRIPE_API_URL } : null,
});
log.info('worker started');
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void jobs!
      .stop()
      .then(() => database.stop())
      .then(() => process.exit(0));
  });
}
