// Stripe's cancel_url: the person left the card page without paying. Nothing was charged; the
// session expires on its own (its webhook then closes the checkout and voids any gift).
import { data, Link } from 'react-router';
import { requireOrganization, requireUser, services, requireIds } from '#app/lib/guards.server.ts';
import { checkoutPageData } from '#domain/payments/pages.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/cancelled.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  requireIds(params.checkoutId);
  const checkout = await checkoutPageData(services(context).db, org.id, user.id, params.checkoutId);
  if (!checkout) throw data(null, { status: 404 });
  const registrationId = checkout.lines.find((l) => l.registrationId)?.registrationId ?? null;
  return { slug: org.slug, registrationId, payUrl: checkout.payUrl };
}

export default function Cancelled({ loaderData }: Route.ComponentProps) {
  const { slug, registrationId, payUrl } = loaderData;
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
        <li>
          <Link to={`/o/${slug}/registrations`}>{t('payments.backToRegistrations')}</Link>
        </li>
      </ul>
    </main>
  );
}
