import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestListener } from '@remix-run/node-fetch-server';
import type { ServerBuild } from 'react-router';
import { createAccountsAuth } from '#domain/accounts/auth.server.ts';
import { createSmtpTransport } from '#lib/email/deliver.server.ts';
import type { Logger } from '#lib/log.server.ts';
import type { Config } from './config.server.ts';
import { openDatabase } from './database.server.ts';
import { seedDemo, type DemoAccount } from './demo.server.ts';
import { createFetchHandler } from './http.server.ts';
import { startJobs, type JobQueue, type PasswordResetRequest } from './jobs.server.ts';
import { backupTasks } from './jobs/backup.jobs.ts';
import { createGroupingRunner } from './grouping-runner.server.ts';
import { authSecret, dataEncryptionKey } from './secrets.server.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface RunningApp {
  url: string;
  demoAccounts: DemoAccount[];
  stop(): Promise<void>;
}

export async function startApp(config: Config, log: Logger, options: { dev?: boolean } = {}): Promise<RunningApp> {
  // Demo data on the first start of an empty database: always for the embedded one, with
  // DATABASE_URL only when SEED_DEMO=1.
  const database = await openDatabase(config, {
    seedIfEmpty: (db, embedded) => (embedded || config.SEED_DEMO ? seedDemo(db, undefined, dataEncryptionKey(config)) : Promise.resolve(undefined)),
  });
  const cleanups: (() => Promise<void>)[] = [() => database.stop()];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const demoAccounts = database.seeded ?? [];

    const transport = config.SMTP_URL ? createSmtpTransport(config.SMTP_URL) : undefined;
    const port = config.PORT;
    const publicUrl = config.PUBLIC_URL ?? `http://localhost:${port}`;
    const payments = config.STRIPE_SECRET_KEY
      ? { secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET!, apiUrl: config.STRIPE_API_URL }
      : null;
    const encryptionKey = dataEncryptionKey(config);
    // Optimizer runs left 'running' by a process that died are marked failed (ADR 0055).
    const groupingRunner = await createGroupingRunner(database.db, log);
    // Auth's mail is delivered by the jobs, and the jobs mail reset links through auth.
    let jobs: JobQueue | undefined;
    const auth = createAccountsAuth({
      db: database.db,
      baseUrl: publicUrl,
      secret: authSecret(config),
      sessionDays: config.SESSION_DAYS,
      onEmailQueued: async (ids) => jobs?.deliverEmails(ids),
    });
    const sendPasswordReset = async ({ email, redirectTo }: PasswordResetRequest) => {
      await auth.api.requestPasswordReset({ body: { email, redirectTo } });
    };
    const queue = await startJobs({ url: database.url, db: database.db, log, transport, mailFrom: config.MAIL_FROM, work: config.JOBS_IN_PROCESS, publicUrl, payments, sendPasswordReset, configuredTasks: backupTasks(config), courseMessagesPerMinute: config.COURSE_MESSAGES_PER_MINUTE, secretKey: encryptionKey });
    jobs = queue;
    cleanups.push(() => queue.stop());

    let build: ServerBuild | (() => Promise<ServerBuild>);
    let clientRoot: string | undefined;
    let devMiddleware: ((req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void) | undefined;
    if (options.dev) {
      const vite = await import('vite');
      const devServer = await vite.createServer({ server: { middlewareMode: true }, appType: 'custom' });
      cleanups.push(() => devServer.close());
      build = () => devServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>;
      devMiddleware = devServer.middlewares;
    } else {
      const serverBuild = path.join(root, 'build/server/index.js');
      build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
      clientRoot = path.join(root, 'build/client');
    }

    const handler = createFetchHandler({
      build,
      clientRoot,
      mode: options.dev ? 'development' : 'production',
      pool: database.pool,
      trustProxy: config.TRUST_PROXY,
      services: { db: database.db, auth, jobs: queue, log, publicUrl, smtpConfigured: transport !== undefined, payments, encryptionKey, groupingRunner },
    });
    const listener = createRequestListener(handler);
    const server = http.createServer((req, res) => (devMiddleware ? devMiddleware(req, res, () => listener(req, res)) : listener(req, res)));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.HOST, resolve);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => {
            server.closeAllConnections();
            resolve();
          }, 10_000).unref();
        }),
    );
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    return { url: config.PUBLIC_URL ?? `http://localhost:${actualPort}`, demoAccounts, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
