import { Form, Link, useActionData, useNavigation } from 'react-router';
import { TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { generalContactSchema } from '#domain/inquiries/inquiry-form.ts';
import { t } from '#lib/i18n.ts';
import { SentNotice, SpamGuardFields, typed, type InquiryActionData } from './form-parts.tsx';
import { loadInquiryForm, submitInquiryForm } from './submit-inquiry.server.ts';
import type { Route } from './+types/contact.ts';

// Public: general contact, and the way to the two forms of their own (a speaker or
// demonstration, an Intensive on the Road).
/** The page's meta description, through the framework's <Meta /> (a child's replaces a parent's). */
export const meta: Route.MetaFunction = () => [{ name: 'description', content: t('inquiriesForm.contactIntro') }];

export async function loader(args: Route.LoaderArgs) {
  return loadInquiryForm(args);
}

export async function action(args: Route.ActionArgs) {
  return submitInquiryForm('general', 'contact', args);
}

export default function Contact({ loaderData }: Route.ComponentProps) {
  const { org } = loaderData;
  const actionData = useActionData<typeof action>() as InquiryActionData | undefined;
  const { errors, onSubmit, message } = useSchemaForm(generalContactSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  const value = typed(actionData);
  const title = t('inquiriesForm.contactTitle', { org: org.name });
  const base = `/o/${org.slug}/contact`;
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      {loaderData.sent ? (
        <SentNotice org={org} again={base} />
      ) : (
        <>
          <h1>{title}</h1>
          <p>{t('inquiriesForm.contactIntro')}</p>
          <ul>
            <li>
              <Link to={`${base}/speaker`}>{t('inquiriesForm.speakerLink')}</Link>
            </li>
            <li>
              <Link to={`${base}/intensive-on-the-road`}>{t('inquiriesForm.roadLink')}</Link>
            </li>
          </ul>
          <p className="notice">{t('inquiriesForm.confidentiality')}</p>
          <ErrorSummary
            message={message}
            errors={errors}
            labels={{ name: t('inquiriesForm.name'), email: t('inquiriesForm.email'), subject: t('inquiriesForm.subject'), message: t('inquiriesForm.message') }}
            attempt={actionData}
          />
          <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
            <SpamGuardFields formToken={actionData?.formToken ?? loaderData.formToken} honeypot={value('website')} />
            <Field name="name" label={t('inquiriesForm.name')} autoComplete="name" required defaultValue={value('name')} error={errors.name} />
            <Field name="email" type="email" label={t('inquiriesForm.email')} hint={t('inquiriesForm.emailHint')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
            <Field name="subject" label={t('inquiriesForm.subject')} defaultValue={value('subject')} error={errors.subject} />
            <TextAreaField name="message" label={t('inquiriesForm.message')} rows={6} defaultValue={value('message')} error={errors.message} />
            <div>
              <button type="submit" disabled={busy}>
                {t('inquiriesForm.send')}
              </button>
            </div>
          </Form>
        </>
      )}
    </main>
  );
}
