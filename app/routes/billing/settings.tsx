// The organization's money settings: what invoices and receipts print and how long an
// invoice gives to pay. Audited. The treasurer's and the admin's ('money:settings').
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { fieldMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { TextAreaField } from '#app/components/choices.tsx';
import { readOrganizationSettings } from '#domain/billing/settings-form.ts';
import { updateOrganizationMoneySettings } from '#domain/billing/settings.server.ts';
import { t } from '#lib/i18n.ts';
import { problemWords } from './payment-fields.tsx';
import type { Route } from './+types/settings.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'money:settings');
  return {
    slug: org.slug,
    values: {
      postalAddress: org.postalAddress,
      paymentInstructions: org.paymentInstructions,
      invoiceDueDays: String(org.invoiceDueDays),
      giftReceiptStatement: org.giftReceiptStatement,
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'money:settings');
  const values = formValues(await request.formData());
  const parsed = readOrganizationSettings(values);
  if (!parsed.ok) return data({ errors: problemWords(parsed.errors, fieldMessage), values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  await updateOrganizationMoneySettings(services(context).db, org.id, parsed.data, actor);
  return { errors: {} as Record<string, string>, values: undefined, alert: undefined, done: t('billingSettings.saved') };
}

export default function MoneySettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? loaderData.values;
  return (
    <main id="main">
      <title>{t('billingSettings.title')}</title>
      <p>
        <Link to={`/o/${loaderData.slug}/admin/money`}>{t('billingReports.title')}</Link>
      </p>
      <h1>{t('billingSettings.title')}</h1>
      <p>{t('billingSettings.intro')}</p>
      {(loaderData.values.paymentInstructions ?? '').trim() === '' ? <p role="status">{t('billingSettings.invoicesBlocked')}</p> : null}
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{
          postalAddress: t('billingSettings.postalAddress'),
          paymentInstructions: t('billingSettings.paymentInstructions'),
          invoiceDueDays: t('billingSettings.invoiceDueDays'),
          giftReceiptStatement: t('billingSettings.giftReceiptStatement'),
        }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="post" noValidate>
        <TextAreaField name="postalAddress" label={t('billingSettings.postalAddress')} hint={t('billingSettings.postalAddressHint')} defaultValue={values.postalAddress} error={errors.postalAddress} rows={3} />
        <TextAreaField name="paymentInstructions" label={t('billingSettings.paymentInstructions')} hint={t('billingSettings.paymentInstructionsHint')} defaultValue={values.paymentInstructions} error={errors.paymentInstructions} rows={5} />
        <Field name="invoiceDueDays" type="text" label={t('billingSettings.invoiceDueDays')} hint={t('billingSettings.invoiceDueDaysHint')} defaultValue={values.invoiceDueDays} error={errors.invoiceDueDays} required />
        <TextAreaField name="giftReceiptStatement" label={t('billingSettings.giftReceiptStatement')} hint={t('billingSettings.giftReceiptStatementHint')} defaultValue={values.giftReceiptStatement} error={errors.giftReceiptStatement} rows={3} />
        <button type="submit" disabled={busy}>
          {t('billingSettings.save')}
        </button>
      </Form>
    </main>
  );
}
