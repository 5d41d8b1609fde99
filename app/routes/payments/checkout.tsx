// One checkout of the signed-in person: the return page from Stripe ("payment received" or
// "being confirmed", read from the checkout's status, which only the webhook sets), and the
// invoice page (how to pay, by when). A visitor who gave without an account reaches theirs
// through the signed link they were sent (`?key=`, domain/payments/guest-links.server.ts).
import { data, Link } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { requireOrganization, requireUser, services, requireIds } from '#app/lib/guards.server.ts';
import { partnerOfferFor } from '#domain/membership/partner.server.ts';
import { guestKeyMatches } from '#domain/payments/guest-links.server.ts';
import { findPayerCheckout } from '#domain/payments/find-payer-checkout.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/checkout.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  requireIds(params.checkoutId);
  const { db, encryptionKey } = services(context);
  const url = new URL(request.url);
  const key = url.searchParams.get('key');
  // A visitor's checkout: the signed key names this checkout and no other; otherwise the owner signs in.
  const guest = guestKeyMatches(encryptionKey, params.checkoutId, key);
  const user = guest ? null : await requireUser(request, context, org.slug);
  const checkout = await findPayerCheckout(db, org.id, user?.id ?? null, params.checkoutId);
  if (!checkout) throw data(null, { status: 404 });
  const returned = url.searchParams.has('session_id');
  // Joining both (ADR 0068): once this organization's dues are paid or invoiced, step 2 is the
  // partner's own membership page, its type pre-selected; its dues are the partner's checkout.
  const duesSettled = checkout.status === 'paid' || checkout.status === 'awaiting_payment';
  const offer = user && duesSettled && checkout.lines.some((l) => l.kind === 'membership_dues') ? await partnerOfferFor(db, org.id, { userId: user.id, email: user.email }) : null;
  const partnerNext = offer ? { name: offer.partner.name, href: `/o/${offer.partner.slug}/membership?type=${offer.typeId}&step=2` } : null;
  return { slug: org.slug, checkout, returned, key: checkout.guest && key ? key : null, partnerNext, both: url.searchParams.get('both') === '1' };
}

export default function CheckoutPage({ loaderData }: Route.ComponentProps) {
  const { checkout: c, slug, returned, key, partnerNext, both } = loaderData;
  const money = (minor: number) => formatMoney(minor, c.currency);
  const invoice = c.method === 'invoice';
  const title = invoice ? t('payments.invoiceTitle', { number: c.number }) : t('payments.checkoutTitle', { number: c.number });
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      <h1>{title}</h1>
      {c.status === 'paid' ? <FormAlert tone="success" message={t('payments.paidNotice', { email: c.payerEmail })} /> : null}
      {c.status === 'open' && returned ? <FormAlert tone="success" message={t('payments.confirmingNotice')} /> : null}
      {c.status === 'awaiting_payment' && c.dueOn ? <FormAlert tone="success" message={t('payments.invoiceNotice', { email: c.payerEmail, amount: money(c.dueNowMinor), date: formatDate(c.dueOn) })} /> : null}
      {c.status === 'awaiting_payment' && c.dueNowMinor < c.totalMinor ? <p>{t('payments.invoiceLowered', { total: money(c.totalMinor), amount: money(c.dueNowMinor) })}</p> : null}
      {c.status === 'expired' || (c.status === 'cancelled' && !invoice) ? <p>{t('payments.expiredNotice')}</p> : null}
      {c.status === 'cancelled' && invoice ? <p>{t('payments.invoiceVoidNotice')}</p> : null}
      {c.replacement ? (
        <p>
          <Link to={`/o/${slug}/checkouts/${c.replacement.id}`}>{t('payments.replacedBy', { number: c.replacement.number })}</Link>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('payments.status')}</dt>
        <dd>
          <span className="status-badge">{invoice && c.status === 'cancelled' ? t('payments.status_void') : t(`payments.status_${c.status}`)}</span>
        </dd>
        <dt>{t('payments.total')}</dt>
        <dd>{money(c.totalMinor)}</dd>
        {c.dueOn && c.status === 'awaiting_payment' ? (
          <>
            <dt>{t('payments.dueBy')}</dt>
            <dd>{formatDate(c.dueOn)}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('payments.lines')}</h2>
      <ul>
        {c.lines.map((l) => (
          <li key={l.id}>
            {l.description} — {money(l.amountMinor)}
          </li>
        ))}
      </ul>
      {c.registrations.length > 0 ? (
        <ul>
          {c.registrations.map((r) => (
            <li key={r.id}>{t('payments.registrationNow', { course: r.courseTitle, status: t(`registration.status_${r.status}`) })}</li>
          ))}
        </ul>
      ) : null}
      {c.status === 'awaiting_payment' ? (
        <section aria-labelledby="how-to-pay">
          <h2 id="how-to-pay">{t('payments.howToPay')}</h2>
          {/* New invoices need instructions (createCheckout); older ones say plainly how to get them. */}
          <p className="preserve-lines">{c.instructions || t('payments.noInstructions')}</p>
          <p>{t('payments.reference', { number: c.number })}</p>
          {c.postalAddress ? (
            <>
              <h3>{t('payments.mailTo')}</h3>
              <p className="preserve-lines">{c.postalAddress}</p>
            </>
          ) : null}
        </section>
      ) : null}
      {partnerNext ? (
        <section aria-labelledby="partner-next">
          <h2 id="partner-next">{both ? t('membershipSelf.partnerNext', { partner: partnerNext.name }) : t('membershipSelf.partnerAlso', { partner: partnerNext.name })}</h2>
          <p>{t('membershipSelf.partnerNextBody', { org: c.orgName, partner: partnerNext.name })}</p>
          <p>
            <Link to={partnerNext.href}>{t('membershipSelf.partnerContinue', { partner: partnerNext.name })}</Link>
          </p>
        </section>
      ) : null}
      <ul className="link-row">
        {c.payUrl && !returned ? (
          <li>
            <a href={c.payUrl}>{t('payments.continueToCard')}</a>
          </li>
        ) : null}
        {c.status === 'open' && returned ? (
          <li>
            <Link to={`/o/${slug}/checkouts/${c.id}?${key ? `key=${encodeURIComponent(key)}&` : ''}session_id=1`} reloadDocument>
              {t('payments.refresh')}
            </Link>
          </li>
        ) : null}
        <li>{c.guest ? <Link to={`/o/${slug}`}>{t('payments.backToOrganization', { org: c.orgName })}</Link> : <Link to={`/o/${slug}/registrations`}>{t('payments.backToRegistrations')}</Link>}</li>
      </ul>
    </main>
  );
}
