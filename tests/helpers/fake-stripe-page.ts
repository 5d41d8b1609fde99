// The fake Stripe server's hosted checkout page: a small accessible HTML form whose "Pay"
// completes the session (see fake-stripe.ts).
import type { Obj } from './fake-stripe-protocol.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function formatAmount(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

export function hostedPage(session: Obj, lineItems: readonly Obj[]): string {
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

