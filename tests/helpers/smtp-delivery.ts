// Real email delivery for a test file: the job queue on the file's database, sending over SMTP
// to a local sink. Started before the file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { createSmtpTransport } from '#lib/email/deliver.server.ts';
import { createLogger } from '#lib/log.server.ts';
import { startJobs, type JobQueue } from '#server/jobs.server.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import type { TestDatabase } from './test-database.ts';

export interface SmtpDelivery {
  readonly sink: SmtpSink;
  readonly jobs: JobQueue;
}

export function useSmtpDelivery(testDb: TestDatabase): SmtpDelivery {
  let sink: SmtpSink | undefined;
  let jobs: JobQueue | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    jobs = await startJobs({
      url: testDb.url,
      db: testDb.db,
      log: createLogger('silent'),
      transport: createSmtpTransport(sink.url),
      mailFrom: 'Balint Hub <no-reply@example.org>',
      work: true,
      retryDelaySeconds: 1,
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    await sink?.close();
  });
  return {
    get sink() {
      if (!sink) throw new Error('useSmtpDelivery: used outside a test');
      return sink;
    },
    get jobs() {
      if (!jobs) throw new Error('useSmtpDelivery: used outside a test');
      return jobs;
    },
  };
}
