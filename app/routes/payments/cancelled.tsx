// Stripe's cancel_url: the person left the card page without paying. Nothing was charged; the
// session expires on its own (its webhook then closes the checkout and voids any gift).
import { data, Link } from 'react-router';
import { requireOrganization, requireUser, services, requireIds } from '#app/lib/guards.server.ts';
import { guestKeyMatches } from '#domain/payments/guest-links.server.ts';
import { findPayerCheckout } from '#domain/payments/find-payer-checkout.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/cancelled.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  requireIds(params.checkoutId);
  // A visitor's gift (no account) comes back here with its signed key.
  const guest = guestKeyMatches(services(context).encryptionKey, params.checkoutId, new URL(request.url).searchParams.get('key'));
  const userId = guest ? null : (await requireUser(request, context, org.slug)).id;
  const checkout = await findPayerCheckout(services(context).db, org.id, userId, params.checkoutId);
  if (!checkout) throw data(null, { status: 404 });
  const registrationId = checkout.lines.find((l) => l.registrationId)?.registrationId ?? null;
  return { slug: org.slug, registrationId, payUrl: checkout.payUrl, guest: checkout.guest };
}

export default function Cancelled({ loaderData }: Route.ComponentProps) {
  const { slug, registrationId, payUrl, guest } = loaderData;
  return (
    <main id="main" className="page narrow">
      <title>{t('payments.cancelledTitle')}</title>
      <h1>{t('payments.cancelledTitle')}</h1>
      <p>{t('payments.cancelledBody')}</p>
      <ul className="link-row">
        {payUrl ? (
          <li>
            <a href={payUrl}>{t('payments.continueToCard')}</a>
          </li>
        ) : null}
        <li>
          <Link to={registrationId ? `/o/${slug}/registrations/${registrationId}/pay` : `/o/${slug}/donate`}>{t('payments.tryAgain')}</Link>
        </li>
        {guest ? null : (
          <li>
            <Link to={`/o/${slug}/registrations`}>{t('payments.backToRegistrations')}</Link>
          </li>
        )}
      </ul>
    </main>
  );
}
