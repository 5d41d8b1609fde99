// Group series (ADR 0063): the minimum-to-run decision once a series' decide-by date has ended
// in its group's zone — confirmed, or cancelled with everyone told and every payment refunded.
import { decideDueSeries } from '#domain/series/decide.server.ts';
import type { PeriodicTask } from './task.ts';

export const seriesTasks: PeriodicTask[] = [
  {
    // Hourly: each zone's series is decided early in the day after its decide-by date.
    queue: 'series.decide',
    cron: '23 * * * *',
    run: async ({ db, publicUrl, log }) => {
      const result = await decideDueSeries(db, { publicUrl, log });
      if (result.decided) log.info({ decided: result.decided }, 'series decided');
      return result.emailIds;
    },
  },
];
