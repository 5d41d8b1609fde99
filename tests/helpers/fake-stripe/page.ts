// The fake Stripe server's hosted checkout page at each session's `url`: a small accessible HTML
// form whose "Pay" completes the session, POSTs the signed `checkout.session.completed` to the
// webhook and redirects to the session's success_url — a browser test pays by card through it.
import type http from 'node:http';
import { completeSession } from './checkout-sessions.ts';
import { deliverEvent } from './events.ts';
import type { Obj } from './protocol.ts';
import type { FakeStripeStore } from './store.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Stripe's own currency rules, written out here rather than taken from the app's conversion
// (lib/stripe-amounts.ts), so a test through the fake checks the app against Stripe's rules.
const ZERO_DECIMAL = 'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' ');
const THREE_DECIMAL = 'bhd jod kwd omr tnd'.split(' ');

/** Decimals in Stripe's API amounts for a currency (JPY 0, KWD 3, ISK and the rest 2). */
export function stripeDecimals(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.includes(c) ? 0 : THREE_DECIMAL.includes(c) ? 3 : 2;
}

/** Why Stripe would refuse this amount in this currency, or undefined when it takes it. */
export function amountRefusal(amount: number, currency: string): string | undefined {
  const c = currency.toLowerCase();
  if (THREE_DECIMAL.includes(c) && amount % 10 !== 0) return `Invalid amount. ${c.toUpperCase()} amounts must end in 0 (the least-significant digit).`;
  if (c === 'isk' && amount % 100 !== 0) return 'Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100.';
  return undefined;
}

export function formatAmount(amount: number, currency: string): string {
  const decimals = stripeDecimals(currency);
  const value = amount / 10 ** decimals;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  } catch {
    return `${value.toFixed(decimals)} ${currency.toUpperCase()}`;
  }
}

function hostedPage(session: Obj, lineItems: readonly Obj[]): string {
  const items = lineItems
    .map((li) => `<li>${escapeHtml(li.description)}: ${escapeHtml(formatAmount(li.amount_total, li.currency))}</li>`)
    .join('');
  const total = escapeHtml(formatAmount(session.amount_total, session.currency));
  const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and return</a></p>` : '';
  const body =
    session.status === 'open'
      ? `<h2>Order</h2><ul>${items}</ul><p>Total: <strong>${total}</strong></p>
<form method="post" action="/pay/${escapeHtml(session.id)}">
<p><label for="card">Card number (test)</label><br><input id="card" name="card" value="4242 4242 4242 4242" autocomplete="off" inputmode="numeric"></p>
<button type="submit">Pay ${total}</button>
</form>${cancel}`
      : `<p>This checkout session is ${escapeHtml(session.status)}.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test checkout</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111}
button{font-size:1rem;padding:.5rem 1rem;background:#1f3a93;color:#fff;border:0;border-radius:4px}
button:focus,a:focus,input:focus{outline:3px solid #f59e0b;outline-offset:2px}a{color:#1f3a93}</style></head>
<body><main><h1>Test checkout</h1><p>This is a local stand-in for Stripe's hosted checkout. No real card is charged.</p>${body}</main></body></html>`;
}


/** GET /pay/:id shows the page; POST /pay/:id pays an open session. */
export async function serveHostedCheckout(store: FakeStripeStore, method: string, sessionId: string, res: http.ServerResponse): Promise<void> {
  const session = store.sessions.get(sessionId);
  if (!session) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('No such checkout session');
    return;
  }
  if (method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostedPage(session, store.lineItems.get(session.id) ?? []));
    return;
  }
  if (method === 'POST' && session.status === 'open') {
    const ev = completeSession(store, session.id);
    if (store.webhookUrl) {
      try {
        await deliverEvent(store, ev);
      } catch {
        // Stripe retries later; the app re-reads the session anyway.
      }
    }
    const target = String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id);
    res.writeHead(303, { location: target }).end();
    return;
  }
  res.writeHead(303, { location: `/pay/${session.id}` }).end();
}
