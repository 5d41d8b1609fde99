// The fields of "record a payment": date received, method and reference (the amount is
// asked for where it is not implied by an invoice).
import { DateField, Field } from '#app/components/field.tsx';
import { SelectField } from '#app/components/choices.tsx';
import { BILLING_ERRORS } from '#domain/billing/error-codes.ts';
import { RECORDABLE_METHODS_LIST } from '#domain/billing/methods.ts';
import { t } from '#lib/i18n.ts';

export function PaymentFields({ today, values, errors }: { today: string; values?: Record<string, string>; errors: Record<string, string> }) {
  return (
    <>
      <DateField name="receivedOn" label={t('billingAccount.receivedOn')} hint={t('billingAccount.receivedOnHint')} defaultValue={values?.receivedOn ?? today} error={errors.receivedOn} required />
      <SelectField
        name="method"
        label={t('billingAccount.method')}
        defaultValue={values?.method ?? 'check'}
        options={RECORDABLE_METHODS_LIST.map((m) => ({ value: m, label: t(`money.method_${m}`) }))}
        error={errors.method}
      />
      <Field name="reference" label={t('billingAccount.reference')} hint={t('billingAccount.referenceHint')} defaultValue={values?.reference ?? ''} error={errors.reference} />
    </>
  );
}

/** The labels of PaymentFields in their order, by name: the error summary links to those in error. */
export function paymentFieldLabels(): Record<string, string> {
  return { receivedOn: t('billingAccount.receivedOn'), method: t('billingAccount.method'), reference: t('billingAccount.reference') };
}

/** Field problem codes → words. */
export function fieldWords(problems: Record<string, string>, message: (code: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([field, code]) => [field, message(code)]));
}

/** Problems that carry values (limits) → words. */
export function problemWords(problems: Record<string, { code: string; values?: Record<string, number> }>, message: (code: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(problems).map(([field, p]) => [field, p.code in BILLING_ERRORS ? t(BILLING_ERRORS[p.code as keyof typeof BILLING_ERRORS], p.values) : message(p.code)]),
  );
}
