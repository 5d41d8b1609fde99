// Periodic tasks, one file per capability, each owning its queues.
import { aidTasks } from './aid.jobs.ts';
import { billingTasks } from './billing.jobs.ts';
import { messagesTasks } from './messages.jobs.ts';
import { certificatesTasks } from './certificates.jobs.ts';
import { membershipTasks } from './membership.jobs.ts';
import { paymentsTasks } from './payments.jobs.ts';
import { refundsTasks } from './refunds.jobs.ts';
import { registrationTasks } from './registration.jobs.ts';
import { seriesTasks } from './series.jobs.ts';
import type { PeriodicTask } from './task.ts';

export const PERIODIC_TASKS: PeriodicTask[] = [...registrationTasks, ...paymentsTasks, ...refundsTasks, ...aidTasks, ...billingTasks, ...certificatesTasks, ...seriesTasks, ...messagesTasks, ...membershipTasks];
