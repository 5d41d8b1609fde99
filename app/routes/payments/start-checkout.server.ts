// The end of a payment form's action: make the checkout, then send the person to Stripe's
// page (card) or to the invoice (check or transfer). Domain refusals become field errors or an
// alert (409), never a 500. A visitor giving without an account (`user` null) names themselves
// in the form and is sent to their checkout's signed link.
import { data, redirect } from 'react-router';
import type { RouterContextProvider } from 'react-router';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { services, type SessionUser } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { guestCheckoutPath } from '#domain/payments/guest-links.server.ts';
import type { LineInput } from '#domain/payments/line-kinds.server.ts';

export async function startCheckout(
  context: Readonly<RouterContextProvider>,
  input: {
    org: { id: string; slug: string };
    user: SessionUser | null;
    /** The visitor's name and email, when there is no signed-in user. */
    payer?: { name: string; email: string };
    lines: LineInput[];
    method: 'card' | 'invoice';
    values: Record<string, string>;
  },
) {
  const { db, jobs, publicUrl, requestId, payments, encryptionKey } = services(context);
  const payer = input.user ? { name: input.user.name, email: input.user.email } : input.payer!;
  try {
    const created = await createCheckout(
      db,
      { organizationId: input.org.id, userId: input.user?.id ?? null, payer, lines: input.lines, method: input.method },
      { userId: input.user?.id ?? null, requestId },
      { publicUrl, payments, guestLinkSecret: encryptionKey },
    );
    if (created.emailIds.length) await jobs.deliverEmails(created.emailIds);
    const page = input.user ? `/o/${input.org.slug}/checkouts/${created.checkout.id}` : guestCheckoutPath(input.org.slug, created.checkout.id, encryptionKey);
    return redirect(created.redirectUrl ?? page);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.fields)) errors[field] = fieldMessage(code);
    if (error.code === 'CARD_PAYMENTS_OFF' || error.code === 'INVOICE_INSTRUCTIONS_MISSING') errors.method = errorMessage(error.code);
    const alert = Object.keys(errors).length ? undefined : errorMessage(error.code);
    return data({ errors, alert, values: input.values }, { status: error.code === 'PAYMENT_PROVIDER_UNAVAILABLE' ? 503 : 409 });
  }
}
