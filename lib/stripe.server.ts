// The one place a Stripe client is made. Constructing it calls nothing; calls happen only
// when a person pays, a webhook is re-checked or a refund is issued. STRIPE_API_URL points it
// at a local fake server (tests, offline development) speaking the same protocol.
import Stripe from 'stripe';

/** Card payments: present only when STRIPE_SECRET_KEY is set. */
export interface PaymentSettings {
  secretKey: string;
  webhookSecret: string;
  /** Stripe's API base URL; a local fake server in tests. */
  apiUrl: string | undefined;
}

export function createStripe(settings: PaymentSettings): Stripe {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    telemetry: false,
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(api
      ? { host: api.hostname, port: api.port || (api.protocol === 'https:' ? 443 : 80), protocol: api.protocol === 'https:' ? 'https' : 'http' }
      : {}),
  });
}

export type { Stripe };
