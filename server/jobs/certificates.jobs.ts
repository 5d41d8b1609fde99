// Certificates' periodic work: retire records older than each organization's retention
// period (attendance, evaluation completions, the person on each certificate), keeping a
// verification stub of every certificate.
import { retireOldRecords } from '#domain/certificates/retire-old-records.server.ts';
import type { PeriodicTask } from './task.ts';

export const certificatesTasks: PeriodicTask[] = [
  {
    queue: 'certificates.retire-old-records',
    cron: '20 4 * * *',
    async run({ db, log }) {
      const retired = await retireOldRecords(db);
      if (retired.courses) log.info(retired, 'certificates: retired records past the retention period');
      return [];
    },
  },
];
