// Registration's periodic work beyond waitlist offers: unpaid holds after acceptance lapse, and
// so do applications whose address was not confirmed in time (ADR 0047).
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { expirePaymentHolds, expireUnconfirmedApplications } from '#domain/registration/lapse-holds.server.ts';
import type { PeriodicTask } from './task.ts';

export const registrationTasks: PeriodicTask[] = [
  {
    queue: 'registration.expire-payment-holds',
    cron: '* * * * *',
    run: ({ db, publicUrl }) => expirePaymentHolds(db, systemActor, { publicUrl }),
  },
  {
    queue: 'registration.expire-unconfirmed',
    cron: '* * * * *',
    run: ({ db, publicUrl }) => expireUnconfirmedApplications(db, systemActor, { publicUrl }),
  },
];
