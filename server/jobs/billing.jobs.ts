// Billing's periodic work: invoices are voided in the transaction that ends their
// registration's place; this nightly sweep closes any left open from before that was so (or
// from a registration ended outside the application), never during a page load.
import { closeEndedInvoicesEverywhere } from '#domain/billing/invoice-lifecycle.server.ts';
import type { PeriodicTask } from './task.ts';

export const billingTasks: PeriodicTask[] = [
  {
    queue: 'billing.close-ended-invoices',
    cron: '40 3 * * *',
    async run({ db, log }) {
      const closed = await closeEndedInvoicesEverywhere(db);
      if (closed.length) log.info({ closed: closed.length }, 'billing: closed invoices of ended registrations');
      return [];
    },
  },
];
