// A gift on its own: one donation line in a checkout, by card or by invoice. Signed in, so the
// receipt and the gift are the person's own.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { Field, FormAlert } from '#app/components/field.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { maxGiftMinor, minorPerUnit, parseAmount } from '#domain/payments/amounts.ts';
import { formatMoney, t } from '#lib/i18n.ts';
import { RadioGroup } from './parts.tsx';
import { startCheckout } from './start-checkout.server.ts';
import type { Route } from './+types/donate.ts';

const schema = z.object({ amount: z.string().trim().min(1).max(20), fund: z.enum(['financial_aid', 'general']), method: z.enum(['card', 'invoice']) });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  await requireUser(request, context, org.slug);
  return { orgName: org.name, currency: org.currency, minMinor: minorPerUnit(org.currency), cardEnabled: services(context).payments !== null };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  const amount = parseAmount(parsed.data.amount, org.currency);
  if (amount === null || amount === 0) return data({ errors: { amount: t('payments.invalidAmount') }, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  if (amount > maxGiftMinor(org.currency)) {
    return data({ errors: { amount: t('payments.giftTooLarge', { max: formatMoney(maxGiftMinor(org.currency), org.currency) }) }, alert: t('form.fixErrors'), values: parsed.values }, { status: 400 });
  }
  const result = await startCheckout(context, { org, user, lines: [{ kind: 'donation', amountMinor: amount, fund: parsed.data.fund }], method: parsed.data.method, values: parsed.values });
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
  const methods = [...(loaderData.cardEnabled ? [{ value: 'card', label: t('payments.method_card') }] : []), { value: 'invoice', label: t('payments.method_invoice') }];
  return (
    <main id="main" className="page narrow">
      <title>{t('payments.donateTitle', { org: loaderData.orgName })}</title>
      <h1>{t('payments.donateTitle', { org: loaderData.orgName })}</h1>
      <p>{t('payments.donateIntro')}</p>
      <FormAlert message={actionData?.alert} />
      <Form method="post" className="stack" noValidate>
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
        {loaderData.cardEnabled ? null : <p className="hint">{t('payments.cardOff')}</p>}
        <RadioGroup name="method" legend={t('payments.methodLegend')} options={methods} defaultValue={values.method ?? methods[0]!.value} error={errors.method} />
        <button type="submit" disabled={busy}>
          {t('payments.give')}
        </button>
      </Form>
    </main>
  );
}
