// A local HTTP server speaking the part of Stripe's REST protocol Balint Hub uses, so tests
// and offline development run card payments end to end without the network:
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/checkout/sessions/:id/expire,
//   GET /v1/payment_intents/:id, POST /v1/refunds, GET /v1/refunds (payment_intent filter), GET /v1/refunds/:id.
// Like Stripe it takes form-encoded bodies (`a[b][0][c]=x`), answers JSON, wants
// `Authorization: Bearer <secret key>`, honours `Idempotency-Key` (same key + same parameters →
// the same response, replayed; same key + other parameters → 400 idempotency_error) and answers
// errors as `{ error: { type, code, message, param } }`.
//
// It also serves a small hosted-checkout page at each session's `url`: pressing "Pay" completes
// the session, POSTs a signed `checkout.session.completed` event to the webhook URL and
// redirects to the session's success_url — a browser test pays by card through it.
//
// In tests:   const fake = await startFakeStripe({ webhookUrl });  … await fake.close();
// GET /__fake/requests answers the request log (for browser tests in another process).
// The protocol areas live in fake-stripe/ (server, api, checkout-sessions, payment-intents,
// refunds, events, page, protocol, store); this file is their public face and the CLI.
// Standalone: node tests/helpers/fake-stripe.ts --port 12111 --webhook http://localhost:3000/webhooks/stripe
//             (prints the URL and keys; set STRIPE_API_URL / STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET).
import { startFakeStripe } from './fake-stripe/server.ts';

export { startFakeStripe, type FakeStripe } from './fake-stripe/server.ts';
export type { FailureSpec, FakeStripeOptions, RequestLogEntry } from './fake-stripe/store.ts';
export type { FakeEvent } from './fake-stripe/events.ts';
export { parseStripeForm } from './fake-stripe/protocol.ts';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isMain = (import.meta as { main?: boolean }).main ?? process.argv[1]?.endsWith('fake-stripe.ts');
if (isMain) {
  const fake = await startFakeStripe({
    port: Number(argument('port') ?? process.env.PORT ?? 12111),
    host: argument('host') ?? '127.0.0.1',
    webhookUrl: argument('webhook'),
    secretKey: argument('secret-key') ?? process.env.STRIPE_SECRET_KEY ?? 'sk_test_fakelocal',
    webhookSecret: argument('webhook-secret') ?? process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_fakelocal',
  });
  process.stdout.write(
    `Fake Stripe listening at ${fake.url}\n` +
      `  STRIPE_API_URL=${fake.url}\n  STRIPE_SECRET_KEY=${fake.secretKey}\n  STRIPE_WEBHOOK_SECRET=${fake.webhookSecret}\n` +
      `  webhook: ${fake.webhookUrl ?? '(none: pass --webhook http://localhost:3000/webhooks/stripe)'}\n`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
