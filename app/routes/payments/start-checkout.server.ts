// The end of a payment form's action: make the checkout, then send the person to Stripe's
// page (card) or to the invoice (check or transfer). Domain refusals become field errors or an
// alert (409), never a 500.
import { data, redirect } from 'react-router';
import type { RouterContextProvider } from 'react-router';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { services, type SessionUser } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { createCheckout } from '#domain/payments/checkouts.server.ts';
import type { LineInput } from '#domain/payments/line-kinds.server.ts';

export async function startCheckout(
  context: Readonly<RouterContextProvider>,
  input: { org: { id: string; slug: string }; user: SessionUser; lines: LineInput[]; method: 'card' | 'invoice'; values: Record<string, string> },
) {
  const { db, jobs, publicUrl, requestId, payments } = services(context);
  try {
    const created = await createCheckout(
      db,
      { organizationId: input.org.id, userId: input.user.id, payer: { name: input.user.name, email: input.user.email }, lines: input.lines, method: input.method },
      { userId: input.user.id, requestId },
      { publicUrl, payments },
    );
    if (created.emailIds.length) await jobs.deliverEmails(created.emailIds);
    return redirect(created.redirectUrl ?? `/o/${input.org.slug}/checkouts/${created.checkout.id}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.fields)) errors[field] = fieldMessage(code);
    if (error.code === 'CARD_PAYMENTS_OFF') errors.method = errorMessage(error.code);
    const alert = Object.keys(errors).length ? undefined : errorMessage(error.code);
    return data({ errors, alert, values: input.values }, { status: error.code === 'PAYMENT_PROVIDER_UNAVAILABLE' ? 503 : 409 });
  }
}
