import type { Db } from '#db/client.server.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import type { Logger } from '#lib/log.server.ts';

export interface TaskContext {
  db: Db;
  log: Logger;
  publicUrl: string;
  payments: PaymentSettings | null;
  /** Course message recipients handed to the outbox per minute (COURSE_MESSAGES_PER_MINUTE). */
  courseMessagesPerMinute: number;
  /** The deployment's root secret (DATA_ENCRYPTION_KEY): signs unsubscribe links (ADR 0069). */
  secretKey: Buffer;
}

/** A job pg-boss runs on a cron schedule (in the app, or in `npm run worker`). */
export interface PeriodicTask {
  /** pg-boss queue name, e.g. 'refunds.remind'. */
  queue: string;
  /** Cron expression (minute resolution). */
  cron: string;
  /** Does the work; returns the ids of outbox messages to deliver. */
  run(context: TaskContext): Promise<string[]>;
}
