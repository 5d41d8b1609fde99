// The services every loader, action and API handler receives, and the job queue's face: a
// neutral module, so the app (app/lib/context.ts), the capabilities and the process entry
// (server/) share one description without importing each other.
import type { Db } from '#db/client.server.ts';
import type { Auth } from '#lib/auth.server.ts';
import type { Logger } from '#lib/log.server.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';

export type { PaymentSettings };

export interface PasswordResetRequest {
  email: string;
  /** Where the emailed link leads, e.g. `/o/abs/reset-password`. */
  redirectTo: string;
}

export interface JobQueue {
  /** Ask for delivery of outbox messages already committed. Never throws: the sweeper catches up. */
  deliverEmails(ids: string[]): Promise<void>;
  /** Hand the next batch of course messages to the outbox now (not waiting for the minute's run). Never throws. */
  runCourseMessages?(): Promise<void>;
  /**
   * Ask for a password-reset (or set-up) link to be mailed, later, by a worker: the request
   * answers in the same time whether or not the address has an account.
   */
  requestPasswordReset(input: PasswordResetRequest): Promise<void>;
  stop(): Promise<void>;
}

/** Runs small-group optimizer runs in worker threads of this process (server/grouping-runner.server.ts). */
export interface GroupingRunner {
  /** Starts a run already recorded (grouping_runs) and returns at once; the run writes its own progress. */
  start(runId: string, mode: 'fresh' | 'reoptimize'): void;
}

export interface AppServices {
  db: Db;
  auth: Auth;
  jobs: JobQueue;
  log: Logger;
  requestId: string;
  clientAddress: string | null;
  publicUrl: string;
  smtpConfigured: boolean;
  /** Stripe settings, or null when card payments are off (invoices only). */
  payments: PaymentSettings | null;
  /** AES-256 key sealing financial-aid applications (lib/crypto/sealed.server.ts). */
  encryptionKey: Buffer;
  /** The small-group optimizer's runner (issue 12). */
  groupingRunner: GroupingRunner;
}
