// A person pays for their own registration: what is due, an optional gift to the financial
// aid fund in the same payment, and how to pay (card only when card payments are on). Works
// without JavaScript: a plain POST, then a redirect to Stripe's page or to the invoice.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { CheckboxField } from '#app/components/choices.tsx';
import { Field } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services, requireIds } from '#app/lib/guards.server.ts';
import { giftMessage, parseGift } from '#domain/payments/gifts.ts';
import type { LineInput } from '#domain/payments/line-kinds.server.ts';
import { findPayableRegistration } from '#domain/payments/find-payable-registration.server.ts';
import { joinOfferForRegistration } from '#domain/membership/self-service.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { RadioGroup } from './parts.tsx';
import { startCheckout } from './start-checkout.server.ts';
import type { Route } from './+types/pay.ts';

const schema = z.object({ method: z.enum(['card', 'invoice']), donation: z.string().max(20).optional().default(''), join: z.string().optional() });

async function load({ request, context, params }: Route.LoaderArgs | Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  requireIds(params.registrationId);
  const { db } = services(context);
  const page = await findPayableRegistration(db, org.id, user.id, params.registrationId);
  if (!page) throw data(null, { status: 404 });
  // A member rate chosen without a membership on record: joining now, in the same payment, makes it count (ADR 0068).
  const joinOffer = await joinOfferForRegistration(db, org, { userId: user.id, email: user.email }, params.registrationId);
  return { org, user, page, joinOffer };
}

export async function loader(args: Route.LoaderArgs) {
  const { org, page, joinOffer } = await load(args);
  return {
    slug: org.slug,
    orgName: org.name,
    page,
    cardEnabled: services(args.context).payments !== null,
    joinOffer: joinOffer ? { typeName: joinOffer.typeName, amount: formatMoney(joinOffer.quote.duesMinor, org.currency) } : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { org, user, page, joinOffer } = await load(args);
  const parsed = parseForm(schema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const typedGift = parseGift(parsed.data.donation, page.currency, { optional: true });
  if (!typedGift.ok) return data({ errors: { donation: giftMessage(typedGift.problem, page.currency) }, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const gift = typedGift.minor;
  const lines: LineInput[] = [{ kind: 'registration', registrationId: page.registrationId }];
  if (gift > 0) lines.push({ kind: 'donation', amountMinor: gift, fund: 'financial_aid' });
  if (joinOffer && parsed.data.join === 'on') lines.push({ kind: 'membership_dues', membershipTypeId: joinOffer.typeId });
  return startCheckout(args.context, { org, user, lines, method: parsed.data.method, values: parsed.values });
}

export default function Pay({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { page, cardEnabled, slug } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const canPay = page.holdsPlace && page.dueMinor > 0;
  const methods = [
    ...(cardEnabled ? [{ value: 'card', label: t('payments.method_card') }] : []),
    ...(page.invoicesAvailable ? [{ value: 'invoice', label: t('payments.method_invoice') }] : []),
  ];
  return (
    <main id="main" className="page narrow">
      <title>{t('payments.payTitle', { course: page.courseTitle })}</title>
      <h1>{t('payments.payTitle', { course: page.courseTitle })}</h1>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ donation: t('payments.donationLabel', { currency: page.currency }), method: t('payments.methodLegend') }} attempt={actionData} />
      {!page.holdsPlace ? <p>{t('payments.holdsNoPlace')}</p> : page.dueMinor > 0 ? <p>{t('payments.dueNow', { amount: formatMoney(page.dueMinor, page.currency) })}</p> : <p>{t('payments.nothingDue')}</p>}
      {page.invoices.length > 0 ? (
        <section aria-labelledby="open-invoices">
          <h2 id="open-invoices">{t('payments.openInvoices')}</h2>
          <ul>
            {page.invoices.map((i) => (
              <li key={i.id}>
                <Link to={`/o/${slug}/checkouts/${i.id}`}>
                  {t('payments.openInvoice', { number: i.number, amount: formatMoney(i.totalMinor, page.currency), date: i.dueOn ? formatDate(i.dueOn) : '' })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canPay && methods.length === 0 ? <p>{t('payments.noWayToPayRegistration')}</p> : null}
      {canPay && methods.length > 0 ? (
        <Form method="post" className="stack" noValidate>
          <fieldset className="field">
            <legend>{t('payments.donationLegend')}</legend>
            <Field
              name="donation"
              label={t('payments.donationLabel', { currency: page.currency })}
              hint={t('payments.donationHint', { min: formatMoney(page.minGiftMinor, page.currency) })}
              defaultValue={values.donation ?? ''}
              error={errors.donation}
            />
          </fieldset>
          {loaderData.joinOffer ? (
            <CheckboxField
              name="join"
              label={t('membershipSelf.joinWithRegistration', { org: loaderData.orgName, type: loaderData.joinOffer.typeName, amount: loaderData.joinOffer.amount })}
              hint={t('membershipSelf.joinWithRegistrationHint')}
              defaultChecked={values.join === 'on'}
            />
          ) : null}
          {cardEnabled ? null : <p className="hint">{t('payments.cardOff')}</p>}
          {page.invoicesAvailable ? null : <p className="hint">{t('payments.invoiceOff')}</p>}
          <RadioGroup name="method" legend={t('payments.methodLegend')} options={methods} defaultValue={values.method ?? methods[0]!.value} error={errors.method} />
          <button type="submit" disabled={busy}>
            {t('payments.continue')}
          </button>
          {page.invoices.length > 0 ? <p className="hint">{t('payments.replacesInvoice')}</p> : null}
        </Form>
      ) : null}
      <p>
        <Link to={`/o/${slug}/registrations`}>{t('payments.backToRegistrations')}</Link>
      </p>
    </main>
  );
}
