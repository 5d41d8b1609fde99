// Payments' periodic work: the safety net for missed Stripe webhooks. Card checkouts still open
// an hour after they were made are re-read from Stripe: paid → applied once (as the webhook
// would), expired → closed and their gifts voided. Nothing runs when card payments are off,
// and nothing calls Stripe at start: only when such a checkout exists.
import { reconcileOpenCheckouts } from '#domain/payments/provider-events.server.ts';
import { createStripe } from '#lib/stripe.server.ts';
import type { PeriodicTask } from './task.ts';

export const paymentsTasks: PeriodicTask[] = [
  {
    queue: 'payments.reconcile-open-checkouts',
    cron: '*/15 * * * *',
    async run({ db, publicUrl, payments, log }) {
      if (!payments) return [];
      const result = await reconcileOpenCheckouts(db, createStripe(payments), { publicUrl });
      if (result.outcomes.length) log.info({ outcomes: result.outcomes }, 'payments: reconciled open card checkouts');
      return result.emailIds;
    },
  },
];
