// /o/:org/membership — a person's memberships of the organization: their status today (in the
// organization's zone), their terms, and joining or renewing: choose a type, pay by card
// (Stripe Checkout) or by invoice, through the checkout as a membership_dues line (ADR 0068).
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { RadioGroup } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { getSessionUser, requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { startCheckout } from '#app/routes/payments/start-checkout.server.ts';
import { findPartner, partnerOfferFor } from '#domain/membership/partner.server.ts';
import { getMembershipPage } from '#domain/membership/self-service.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/self.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await getSessionUser(request, context);
  const { db, payments } = services(context);
  const person = user ? { userId: user.id, email: user.email } : null;
  const page = await getMembershipPage(db, org, person);
  // The combined offer (ADR 0068): the partner, to a person who is not a member of it yet.
  const partner = person ? ((await partnerOfferFor(db, org.id, person))?.partner ?? null) : await findPartner(db, org.id);
  // Step 2 of joining both, arriving from the partner's checkout: the type chosen for them.
  const url = new URL(request.url);
  const preselected = url.searchParams.get('type');
  const methods = [...(payments ? ['card'] : []), ...(org.paymentInstructions.trim() ? ['invoice'] : [])];
  return {
    slug: org.slug,
    orgName: org.name,
    signedIn: user !== null,
    standing: page.standing ? { status: page.standing.status, validTo: page.standing.validTo, typeName: page.standing.typeName } : null,
    terms: page.terms.map(({ term, typeName }) => ({ id: term.id, typeName, startsOn: term.startsOn, endsOn: term.endsOn, status: term.status, source: term.source })),
    offers: page.offers.map(({ type, quote }) => ({
      id: type.id,
      name: type.name,
      eligibility: type.eligibility,
      benefits: type.benefits,
      price: formatMoney(type.dues[org.currency]!, org.currency),
      quote: quote ? { amount: formatMoney(quote.duesMinor, org.currency), startsOn: quote.startsOn, endsOn: quote.endsOn, renewal: quote.renewal } : null,
    })),
    methods,
    partnerName: partner?.name ?? null,
    step2: url.searchParams.get('step') === '2',
    preselected: page.offers.some((o) => o.type.id === preselected && o.quote) ? preselected : null,
  };
}

const schema = z.object({ typeId: z.uuid(), method: z.enum(['card', 'invoice']), intent: z.enum(['one', 'both']).optional() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const response = await startCheckout(context, { org, user, lines: [{ kind: 'membership_dues', membershipTypeId: parsed.data.typeId }], method: parsed.data.method, values: parsed.values });
  // Joining both: the checkout page (an invoice, or a card return) leads on to the partner's page.
  if (parsed.data.intent === 'both' && response instanceof Response) {
    const location = response.headers.get('Location');
    if (location?.startsWith(`/o/${org.slug}/checkouts/`)) response.headers.set('Location', `${location}${location.includes('?') ? '&' : '?'}both=1`);
  }
  return response;
}

export default function MyMembership({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string | undefined> = (actionData?.errors as Record<string, string>) ?? {};
  const values: Record<string, string | undefined> = (actionData?.values as Record<string, string>) ?? {};
  const { standing, offers, methods, slug, partnerName, step2, preselected } = loaderData;
  const renewing = offers.some((o) => o.quote?.renewal);
  const typeOptions = offers
    .filter((o) => o.quote)
    .map((o) => ({
      value: o.id,
      label: `${o.name}: ${t('membershipSelf.dues', { amount: o.quote!.amount, from: formatDate(o.quote!.startsOn), to: formatDate(o.quote!.endsOn) })}`,
      hint: o.eligibility ? t('membershipSelf.eligibility', { text: o.eligibility }) : undefined,
    }));
  const methodOptions = methods.map((m) => ({ value: m, label: t(m === 'card' ? 'membershipSelf.card' : 'membershipSelf.invoice') }));
  return (
    <main id="main" className="page narrow">
      <title>{t('membershipSelf.title')}</title>
      <h1>{t('membershipSelf.title')}</h1>
      <p>{t('membershipSelf.intro', { org: loaderData.orgName })}</p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ typeId: t('membershipSelf.choose'), method: t('membershipSelf.pay') }} attempt={actionData} />
      {loaderData.signedIn ? (
        <p>{standing ? t('membershipSelf.status', { status: t(`membershipTerm.status_${standing.status}`), date: formatDate(standing.validTo) }) : t('membershipSelf.notMember')}</p>
      ) : null}
      {loaderData.signedIn && standing ? (
        // Current members see the other members who chose to be listed (ADR 0070).
        <p>
          <Link to={`/o/${slug}/members`}>{t('membershipSelf.directory')}</Link>
        </p>
      ) : null}
      {loaderData.terms.length > 0 ? (
        <section aria-labelledby="terms">
          <h2 id="terms">{t('membershipSelf.history')}</h2>
          <ul>
            {loaderData.terms.map((term) => (
              <li key={term.id}>
                {term.typeName}: {formatDate(term.startsOn)} – {formatDate(term.endsOn)} ({t(`membershipTerm.status_${term.status}`)}, {t(`membershipTerm.source_${term.source}`)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="join">
        <h2 id="join">{step2 ? t('membershipSelf.stepTwo', { org: loaderData.orgName }) : renewing ? t('membershipSelf.renew') : t('membershipSelf.join')}</h2>
        {partnerName ? <p>{t('membershipSelf.bothHint', { org: loaderData.orgName, partner: partnerName })}</p> : null}
        {offers.length === 0 ? <p>{t('membershipSelf.noTypes')}</p> : null}
        {!loaderData.signedIn ? (
          <>
            <ul>
              {offers.map((o) => (
                <li key={o.id}>
                  {o.name}: {o.price}
                  {o.eligibility ? ` — ${t('membershipSelf.eligibility', { text: o.eligibility })}` : ''}
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/o/${slug}/sign-in?next=${encodeURIComponent(`/o/${slug}/membership`)}`}>{t('membershipSelf.signIn')}</Link>
            </p>
          </>
        ) : typeOptions.length > 0 && methodOptions.length > 0 ? (
          <Form method="post" className="stack" noValidate>
            <RadioGroup name="typeId" legend={t('membershipSelf.choose')} options={typeOptions} defaultValue={values.typeId ?? preselected ?? typeOptions[0]!.value} error={errors.typeId} required />
            <RadioGroup name="method" legend={t('membershipSelf.pay')} options={methodOptions} defaultValue={values.method ?? methodOptions[0]!.value} error={errors.method} required />
            <div className="button-row">
              <button type="submit" name="intent" value="one" disabled={busy}>
                {t('membershipSelf.submit')}
              </button>
              {partnerName ? (
                <button type="submit" name="intent" value="both" disabled={busy}>
                  {t('membershipSelf.submitBoth', { org: loaderData.orgName, partner: partnerName })}
                </button>
              ) : null}
            </div>
          </Form>
        ) : null}
      </section>
    </main>
  );
}
