// A gift on its own: one donation line in a checkout, by card or by invoice. A signed-in person
// gives as themselves; a visitor gives with a name and an email, no account needed: the
// invoice (or, once paid, the receipt and the gift receipt) goes to that email, and their
// checkout page is reached through a signed link. Visitors' gifts are throttled per address
// and per email, since each one sends an email.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { Field } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { getSessionUser, requireOrganization, services } from '#app/lib/guards.server.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';
import { giftMessage, minGiftMinor, parseGift } from '#domain/payments/gifts.ts';
import { invoicesAvailable } from '#domain/payments/checkout-records.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { RadioGroup } from './parts.tsx';
import { startCheckout } from './start-checkout.server.ts';
import type { Route } from './+types/donate.ts';

const schema = z.object({ amount: z.string().trim().min(1).max(20), fund: z.enum(['financial_aid', 'general']), method: z.enum(['card', 'invoice']) });
const visitorSchema = schema.extend({ name: z.string().trim().min(1).max(200), email: z.string().trim().min(1).max(254).pipe(z.email()) });

/** Gifts from visitors without an account: each sends an email, so they are limited. */
const VISITOR_LIMITS = { perAddress: 10, perEmail: 5, windowMinutes: 60 };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await getSessionUser(request, context);
  return {
    orgName: org.name,
    currency: org.currency,
    minMinor: minGiftMinor(org.currency),
    cardEnabled: services(context).payments !== null,
    invoiceEnabled: invoicesAvailable(org),
    signedInAs: user ? { name: user.name, email: user.email } : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await getSessionUser(request, context);
  const parsed = parseForm(user ? schema : visitorSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const gift = parseGift(parsed.data.amount, org.currency);
  if (!gift.ok) return data({ errors: { amount: giftMessage(gift.problem, org.currency) }, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const amount = gift.minor;
  let payer: { name: string; email: string } | undefined;
  if (!user) {
    const visitor = parsed.data as z.output<typeof visitorSchema>;
    payer = { name: visitor.name, email: visitor.email };
    const { db, clientAddress } = services(context);
    const throttle = await takeThrottle(db, [
      { scope: 'donate:address', key: clientAddress ?? 'unknown', max: VISITOR_LIMITS.perAddress, windowMinutes: VISITOR_LIMITS.windowMinutes },
      { scope: 'donate:email', key: visitor.email, max: VISITOR_LIMITS.perEmail, windowMinutes: VISITOR_LIMITS.windowMinutes },
    ]);
    if (!throttle.allowed) return data({ errors: {} as Record<string, string>, alert: t('payments.giftThrottled', { minutes: throttle.retryAfterMinutes }), values: parsed.values }, { status: 429 });
  }
  const result = await startCheckout(context, { org, user, payer, lines: [{ kind: 'donation', amountMinor: amount, fund: parsed.data.fund }], method: parsed.data.method, values: parsed.values });
  // The gift's field is called "amount" on this page.
  if (!(result instanceof Response) && 'data' in result && result.data.errors.donation) {
    result.data.errors.amount = result.data.errors.donation;
    delete result.data.errors.donation;
  }
  return result;
}

export default function Donate({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const methods = [
    ...(loaderData.cardEnabled ? [{ value: 'card', label: t('payments.method_card') }] : []),
    ...(loaderData.invoiceEnabled ? [{ value: 'invoice', label: t('payments.method_invoice') }] : []),
  ];
  return (
    <main id="main" className="page narrow">
      <title>{t('payments.donateTitle', { org: loaderData.orgName })}</title>
      <MetaDescription content={t('meta.donate', { org: loaderData.orgName })} />
      <h1>{t('payments.donateTitle', { org: loaderData.orgName })}</h1>
      <p>{t('payments.donateIntro')}</p>
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{
          name: t('payments.donorName'),
          email: t('payments.donorEmail'),
          amount: t('payments.amountLabel', { currency: loaderData.currency }),
          fund: t('payments.fundLegend'),
          method: t('payments.methodLegend'),
        }}
        attempt={actionData}
      />
      {methods.length === 0 ? (
        <p>{t('payments.noWayToPay', { org: loaderData.orgName })}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          {loaderData.signedInAs ? (
            <p>{t('payments.givingAs', { name: loaderData.signedInAs.name, email: loaderData.signedInAs.email })}</p>
          ) : (
            <>
              <p className="hint">{t('payments.visitorIntro')}</p>
              <Field name="name" label={t('payments.donorName')} autoComplete="name" defaultValue={values.name ?? ''} error={errors.name} required />
              <Field name="email" type="email" label={t('payments.donorEmail')} hint={t('payments.donorEmailHint')} autoComplete="email" defaultValue={values.email ?? ''} error={errors.email} required />
            </>
          )}
          <Field
            name="amount"
            label={t('payments.amountLabel', { currency: loaderData.currency })}
            hint={t('payments.amountHint', { min: formatMoney(loaderData.minMinor, loaderData.currency) })}
            defaultValue={values.amount ?? ''}
            error={errors.amount}
            required
          />
          <RadioGroup
            name="fund"
            legend={t('payments.fundLegend')}
            options={[
              { value: 'financial_aid', label: t('payments.fund_financial_aid') },
              { value: 'general', label: t('payments.fund_general') },
            ]}
            defaultValue={values.fund ?? 'financial_aid'}
            error={errors.fund}
          />
          {loaderData.cardEnabled ? null : <p className="hint">{t(loaderData.invoiceEnabled ? 'payments.cardOff' : 'payments.cardOffNoInvoice')}</p>}
          {loaderData.invoiceEnabled ? null : <p className="hint">{t('payments.invoiceOff')}</p>}
          <RadioGroup name="method" legend={t('payments.methodLegend')} options={methods} defaultValue={values.method ?? methods[0]!.value} error={errors.method} />
          <button type="submit" disabled={busy}>
            {t('payments.give')}
          </button>
        </Form>
      )}
    </main>
  );
}
