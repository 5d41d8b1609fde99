import { Form, Link, useActionData, useNavigation } from 'react-router';
import { TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { intensiveOnTheRoadSchema } from '#domain/inquiries/inquiry-form.ts';
import { t } from '#lib/i18n.ts';
import { SentNotice, SpamGuardFields, typed, type InquiryActionData } from './form-parts.tsx';
import { loadInquiryForm, submitInquiryForm } from './submit-inquiry.server.ts';
import type { Route } from './+types/intensive-on-the-road.ts';

// Public: an organization asks for an Intensive on the Road — up to twelve of its people trained
// as Balint group leaders where they work. More than twelve is refused beside the field.
/** The page's meta description, through the framework's <Meta /> (a child's replaces a parent's). */
export const meta: Route.MetaFunction = () => [{ name: 'description', content: t('inquiriesForm.roadIntro') }];

export async function loader(args: Route.LoaderArgs) {
  return loadInquiryForm(args);
}

export async function action(args: Route.ActionArgs) {
  return submitInquiryForm('intensive_on_the_road', 'contact/intensive-on-the-road', args);
}

export default function IntensiveOnTheRoad({ loaderData }: Route.ComponentProps) {
  const { org } = loaderData;
  const actionData = useActionData<typeof action>() as InquiryActionData | undefined;
  const { errors, onSubmit, message } = useSchemaForm(intensiveOnTheRoadSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  const value = typed(actionData);
  const title = t('inquiriesForm.roadTitle');
  const here = `/o/${org.slug}/contact/intensive-on-the-road`;
  return (
    <main id="main" className="page narrow">
      <title>{`${title} — ${org.name}`}</title>
      {loaderData.sent ? (
        <SentNotice org={org} again={here} />
      ) : (
        <>
          <h1>{title}</h1>
          <p>{t('inquiriesForm.roadIntro')}</p>
          <p>{t('inquiriesForm.roadIntro2')}</p>
          <p className="notice">{t('inquiriesForm.confidentiality')}</p>
          <ErrorSummary
            message={message}
            errors={errors}
            labels={{
              groupName: t('inquiriesForm.hostOrganization'),
              name: t('inquiriesForm.contactPerson'),
              email: t('inquiriesForm.email'),
              phone: t('inquiriesForm.phone'),
              location: t('inquiriesForm.roadLocation'),
              preferredDates: t('inquiriesForm.preferredDates'),
              leadersToTrain: t('inquiriesForm.leadersToTrain'),
              message: t('inquiriesForm.messageOptional'),
            }}
            attempt={actionData}
          />
          <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
            <SpamGuardFields formToken={actionData?.formToken ?? loaderData.formToken} honeypot={value('website')} />
            <Field name="groupName" label={t('inquiriesForm.hostOrganization')} hint={t('inquiriesForm.hostOrganizationHint')} autoComplete="organization" required defaultValue={value('groupName')} error={errors.groupName} />
            <Field name="name" label={t('inquiriesForm.contactPerson')} autoComplete="name" required defaultValue={value('name')} error={errors.name} />
            <Field name="email" type="email" label={t('inquiriesForm.email')} hint={t('inquiriesForm.emailHint')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
            <Field name="phone" type="tel" label={t('inquiriesForm.phone')} autoComplete="tel" defaultValue={value('phone')} error={errors.phone} />
            <Field name="location" label={t('inquiriesForm.roadLocation')} hint={t('inquiriesForm.roadLocationHint')} required defaultValue={value('location')} error={errors.location} />
            <Field name="preferredDates" label={t('inquiriesForm.preferredDates')} hint={t('inquiriesForm.preferredDatesHint')} required defaultValue={value('preferredDates')} error={errors.preferredDates} />
            <Field name="leadersToTrain" label={t('inquiriesForm.leadersToTrain')} hint={t('inquiriesForm.leadersHint')} required defaultValue={value('leadersToTrain')} error={errors.leadersToTrain} />
            <TextAreaField name="message" label={t('inquiriesForm.messageOptional')} rows={5} defaultValue={value('message')} error={errors.message} />
            <div>
              <button type="submit" disabled={busy}>
                {t('inquiriesForm.send')}
              </button>
            </div>
          </Form>
          <p>
            <Link to={`/o/${org.slug}/contact`}>{t('inquiriesForm.backToContact', { org: org.name })}</Link>
          </p>
        </>
      )}
    </main>
  );
}
