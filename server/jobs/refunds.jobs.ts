// The refunds helper: card refunds nobody has to decide on are paid out through Stripe, card
// refunds stuck waiting on Stripe are resumed, and the organization is reminded daily of
// refunds due within three days or overdue.
import { issueAutomaticRefunds, resumeStalledRefunds } from '#domain/refunds/auto-refunds.server.ts';
import { remindRefunds } from '#domain/refunds/remind-refunds.server.ts';
import type { PeriodicTask } from './task.ts';

export const refundsTasks: PeriodicTask[] = [
  {
    queue: 'refunds.issue-card-refunds',
    cron: '*/10 * * * *',
    run: async ({ db, log, payments }) => {
      const tally = await issueAutomaticRefunds(db, payments, { log });
      if (tally.issued || tally.failed) log.info(tally, 'automatic card refunds');
      const resumed = await resumeStalledRefunds(db, payments, { log });
      if (resumed.done || resumed.failed || resumed.waiting) log.info(resumed, 'stalled card refunds resumed');
      return [];
    },
  },
  {
    // Hourly, so every time zone gets its reminder early in its own day; each refund once a day.
    queue: 'refunds.remind',
    cron: '5 * * * *',
    run: ({ db, publicUrl, log }) => remindRefunds(db, { publicUrl, log }),
  },
];
