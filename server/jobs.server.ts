// Background work on pg-boss, in the same PostgreSQL: email delivery with retries and
// backoff, and a sweeper that re-enqueues anything a crash left undelivered. Started with the
// app (JOBS_IN_PROCESS=1, the default) and by `npm run worker` for a separate process.
import { randomBytes } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { Db } from '#db/client.server.ts';
import { deliverOutboxMessage, type MailTransport } from '#lib/email/deliver.server.ts';
import { findUndeliveredIds } from '#lib/email/outbox.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { attachmentRenderer } from './attachments.server.ts';
import { pruneThrottleEvents, takeThrottle } from '#domain/accounts/throttle.server.ts';
import { expireOffers } from '#domain/registration/lapse-holds.server.ts';
import type { Logger } from '#lib/log.server.ts';
import type { JobQueue, PasswordResetRequest } from '#lib/services.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import { PERIODIC_TASKS } from './jobs/index.ts';
import type { PeriodicTask } from './jobs/task.ts';
import { COURSE_MESSAGES_QUEUE } from './jobs/messages.jobs.ts';

export const QUEUES = {
  deliverEmail: 'email.deliver',
  sweepOutbox: 'email.sweep',
  expireOffers: 'registration.expire-offers',
  passwordReset: 'account.password-reset',
  pruneThrottle: 'account.prune-throttle',
} as const;

export type { JobQueue, PasswordResetRequest } from '#lib/services.ts';

/** Limits on reset mail per address asked for: with the per-client limit in the form. */
export const RESET_MAILS_PER_EMAIL = { max: 3, windowMinutes: 60 };

export interface JobOptions {
  url: string;
  db: Db;
  log: Logger;
  transport: MailTransport | undefined;
  mailFrom: string;
  /** Run workers in this process (false: only enqueue; a separate `npm run worker` works). */
  work: boolean;
  /** First retry delay of a failed delivery, doubled on each retry (tests shorten it). */
  retryDelaySeconds?: number;
  /** Base URL for links in emails sent by jobs (waitlist offers). */
  publicUrl?: string;
  /** Stripe settings for jobs that call the provider (card refunds); null: card payments off. */
  payments?: PaymentSettings | null;
  /** Mails a reset link (better-auth); without it, reset requests wait for a worker that has it. */
  sendPasswordReset?: (input: PasswordResetRequest) => Promise<void>;
  /** Periodic tasks that depend on the configuration (the scheduled backup, ADR 0071). */
  configuredTasks?: PeriodicTask[];
  /** Course message recipients handed to the outbox per minute (COURSE_MESSAGES_PER_MINUTE; default 60). */
  courseMessagesPerMinute?: number;
  /**
   * The deployment's root secret (DATA_ENCRYPTION_KEY), which signs the unsubscribe links in
   * reminders sent by jobs (ADR 0069). The app and the worker pass it; without it (tests) a key
   * of this process's own is used, whose links the app would not accept.
   */
  secretKey?: Buffer;
}

export async function startJobs(options: JobOptions): Promise<JobQueue> {
  const { db, log } = options;
  const boss = new PgBoss({ connectionString: options.url, max: 5, application_name: 'balint-hub-jobs' });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(QUEUES.deliverEmail, { retryLimit: 7, retryDelay: options.retryDelaySeconds ?? 15, retryBackoff: true, retryDelayMax: 3600 });
  await boss.createQueue(QUEUES.sweepOutbox, {});
  await boss.createQueue(QUEUES.expireOffers, {});
  await boss.createQueue(QUEUES.passwordReset, { retryLimit: 3, retryDelay: 10 });
  await boss.createQueue(QUEUES.pruneThrottle, {});
  const periodic = [...PERIODIC_TASKS, ...(options.configuredTasks ?? [])];
  for (const task of periodic) await boss.createQueue(task.queue, {});

  if (options.work) {
    await boss.work<{ id: string }>(QUEUES.deliverEmail, { localConcurrency: 2, pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) {
        const outcome = await deliverOutboxMessage(db, job.data.id, options.transport, options.mailFrom, attachmentRenderer(options.publicUrl ?? 'http://localhost:3000'));
        log.info({ outboxId: job.data.id, outcome, attempt: job.retryCount + 1 }, 'email delivery');
      }
    });
    await boss.work(QUEUES.sweepOutbox, async () => {
      const ids = await findUndeliveredIds(db, 60);
      await enqueue(ids);
    });
    await boss.schedule(QUEUES.sweepOutbox, '* * * * *');
    // Waitlist offers not answered in time pass to the next person.
    await boss.work(QUEUES.expireOffers, async () => {
      const ids = await expireOffers(db, systemActor, { publicUrl: options.publicUrl ?? 'http://localhost:3000' });
      await enqueue(ids);
    });
    await boss.schedule(QUEUES.expireOffers, '* * * * *');
    const sendPasswordReset = options.sendPasswordReset;
    if (sendPasswordReset) {
      await boss.work<PasswordResetRequest>(QUEUES.passwordReset, { batchSize: 10, pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) {
          // At most a few mails per address an hour, however many requests came in.
          const verdict = await takeThrottle(db, [{ scope: 'reset:email', key: job.data.email, ...RESET_MAILS_PER_EMAIL }]);
          if (verdict.allowed) await sendPasswordReset(job.data);
          else log.info('password reset mail skipped: too many for one address');
        }
      });
    }
    await boss.work(QUEUES.pruneThrottle, async () => {
      await pruneThrottleEvents(db);
    });
    await boss.schedule(QUEUES.pruneThrottle, '17 * * * *');
    // The other capabilities' periodic work (server/jobs/*.jobs.ts): each returns emails to deliver.
    const taskContext = { db, log, publicUrl: options.publicUrl ?? 'http://localhost:3000', payments: options.payments ?? null, courseMessagesPerMinute: options.courseMessagesPerMinute ?? 60, secretKey: options.secretKey ?? randomBytes(32) };
    for (const task of periodic) {
      await boss.work(task.queue, async () => {
        await enqueue(await task.run(taskContext));
      });
      await boss.schedule(task.queue, task.cron);
    }
  }

  async function enqueue(ids: string[]) {
    for (const id of ids) {
      // The singleton key collapses duplicate requests for one message into one job.
      await boss.send(QUEUES.deliverEmail, { id }, { singletonKey: id });
    }
  }

  return {
    async deliverEmails(ids) {
      try {
        await enqueue(ids);
      } catch (error) {
        log.warn({ err: error }, 'could not enqueue email delivery; the sweeper will retry');
      }
    },
    async runCourseMessages() {
      try {
        // One waiting run is enough: the singleton key collapses a burst of sends into it.
        await boss.send(COURSE_MESSAGES_QUEUE, {}, { singletonKey: 'now' });
      } catch (error) {
        log.warn({ err: error }, 'could not start the course message job; it runs every minute');
      }
    },
    async requestPasswordReset(input) {
      await boss.send(QUEUES.passwordReset, input);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
