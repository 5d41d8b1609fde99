// Membership (ADR 0068): renewal reminders 30 and 7 days before a membership ends, on expiry
// and at the end of grace, each once per term, on each organization's local date.
import { sendMembershipReminders } from '#domain/membership/send-reminders.server.ts';
import type { PeriodicTask } from './task.ts';

export const membershipTasks: PeriodicTask[] = [
  {
    // Hourly, so every zone's morning is covered; a reminder already sent is never sent again.
    queue: 'membership.reminders',
    cron: '41 * * * *',
    run: async ({ db, publicUrl, secretKey, log }) => {
      const result = await sendMembershipReminders(db, { publicUrl, secretKey });
      if (result.sent) log.info({ sent: result.sent }, 'membership reminders sent');
      return result.emailIds;
    },
  },
];
