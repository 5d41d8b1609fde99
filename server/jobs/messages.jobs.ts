// Course messages (ADR 0067): scheduled messages frozen when due, then one batch of recipients
// handed to the outbox, within COURSE_MESSAGES_PER_MINUTE. Every minute, and at once when staff
// send a message (JobQueue.runCourseMessages).
import { runCourseMessages } from '#domain/messages/send-batch.server.ts';
import type { PeriodicTask } from './task.ts';

export const COURSE_MESSAGES_QUEUE = 'course-messages.send';

export const messagesTasks: PeriodicTask[] = [
  {
    queue: COURSE_MESSAGES_QUEUE,
    cron: '* * * * *',
    run: async ({ db, publicUrl, log, courseMessagesPerMinute }) => {
      const ids = await runCourseMessages(db, { publicUrl, perMinute: courseMessagesPerMinute });
      if (ids.length) log.info({ handedOver: ids.length }, 'course messages handed to the outbox');
      return ids;
    },
  },
];
