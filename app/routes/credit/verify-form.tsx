// The code form of the verification pages (a GET to /verify, which forwards to /verify/<code>).
import { Form } from 'react-router';
import { Field } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

export function VerifyForm({ defaultValue }: { defaultValue?: string }) {
  return (
    <Form method="get" action="/verify" className="stack">
      <Field name="code" label={t('verify.codeLabel')} hint={t('verify.codeHint')} defaultValue={defaultValue} autoComplete="off" />
      <div>
        <button type="submit">{t('verify.submit')}</button>
      </div>
    </Form>
  );
}
