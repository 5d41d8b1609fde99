// The financial-aid helper: once a program's deadline has passed, the committee is told that
// applications await its decision (once per course; hourly, so each time zone hears early).
import { notifyCommitteeAfterDeadline } from '#domain/aid/notify-committee.server.ts';
import type { PeriodicTask } from './task.ts';

export const aidTasks: PeriodicTask[] = [
  {
    queue: 'aid.notify-committee',
    cron: '15 * * * *',
    run: ({ db, publicUrl }) => notifyCommitteeAfterDeadline(db, { publicUrl }),
  },
];
