// Registration's periodic work beyond waitlist offers: unpaid holds after acceptance lapse.
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { expirePaymentHolds } from '#domain/registration/change-status.server.ts';
import type { PeriodicTask } from './task.ts';

export const registrationTasks: PeriodicTask[] = [
  {
    queue: 'registration.expire-payment-holds',
    cron: '* * * * *',
    run: ({ db, publicUrl }) => expirePaymentHolds(db, systemActor, { publicUrl }),
  },
];
