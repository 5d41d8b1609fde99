import { Form, Link, useActionData, useNavigation } from 'react-router';
import { RadioGroup, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { ATTENDANCE_MODES, SPEAKER_FORMATS } from '#domain/inquiries/kinds.ts';
import { speakerSchema } from '#domain/inquiries/inquiry-form.ts';
import { t } from '#lib/i18n.ts';
import { SentNotice, SpamGuardFields, typed, type InquiryActionData } from './form-parts.tsx';
import { loadInquiryForm, submitInquiryForm } from './submit-inquiry.server.ts';
import type { Route } from './+types/speaker.ts';

// Public: a professional group or agency asks for a speaker, a Balint group demonstration or a workshop.
/** The page's meta description, through the framework's <Meta /> (a child's replaces a parent's). */
export const meta: Route.MetaFunction = () => [{ name: 'description', content: t('inquiriesForm.speakerIntro') }];

export async function loader(args: Route.LoaderArgs) {
  return loadInquiryForm(args);
}

export async function action(args: Route.ActionArgs) {
  return submitInquiryForm('speaker', 'contact/speaker', args);
}

export default function SpeakerRequest({ loaderData }: Route.ComponentProps) {
  const { org } = loaderData;
  const actionData = useActionData<typeof action>() as InquiryActionData | undefined;
  const { errors, onSubmit, message } = useSchemaForm(speakerSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  const value = typed(actionData);
  const title = t('inquiriesForm.speakerTitle');
  const here = `/o/${org.slug}/contact/speaker`;
  return (
    <main id="main" className="page narrow">
      <title>{`${title} — ${org.name}`}</title>
      {loaderData.sent ? (
        <SentNotice org={org} again={here} />
      ) : (
        <>
          <h1>{title}</h1>
          <p>{t('inquiriesForm.speakerIntro')}</p>
          <p>{t('inquiriesForm.speakerIntro2')}</p>
          <p className="notice">{t('inquiriesForm.confidentiality')}</p>
          <ErrorSummary
            message={message}
            errors={errors}
            labels={{
              name: t('inquiriesForm.name'),
              email: t('inquiriesForm.email'),
              groupName: t('inquiriesForm.groupName'),
              speakerFormat: t('inquiriesForm.speakerFormat'),
              audience: t('inquiriesForm.audience'),
              audienceSize: t('inquiriesForm.audienceSize'),
              preferredDates: t('inquiriesForm.preferredDates'),
              attendance: t('inquiriesForm.attendance'),
              location: t('inquiriesForm.location'),
              message: t('inquiriesForm.messageOptional'),
            }}
            attempt={actionData}
          />
          <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
            <SpamGuardFields formToken={actionData?.formToken ?? loaderData.formToken} honeypot={value('website')} />
            <fieldset className="field">
              <legend>{t('inquiriesForm.you')}</legend>
              <Field name="name" label={t('inquiriesForm.name')} autoComplete="name" required defaultValue={value('name')} error={errors.name} />
              <Field name="email" type="email" label={t('inquiriesForm.email')} hint={t('inquiriesForm.emailHint')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
              <Field name="groupName" label={t('inquiriesForm.groupName')} autoComplete="organization" required defaultValue={value('groupName')} error={errors.groupName} />
            </fieldset>
            <fieldset className="field">
              <legend>{t('inquiriesForm.yourRequest')}</legend>
              <RadioGroup
                name="speakerFormat"
                legend={t('inquiriesForm.speakerFormat')}
                options={SPEAKER_FORMATS.map((f) => ({ value: f, label: t(`inquiries.format_${f}`) }))}
                defaultValue={value('speakerFormat')}
                error={errors.speakerFormat}
              />
              <Field name="audience" label={t('inquiriesForm.audience')} hint={t('inquiriesForm.audienceHint')} required defaultValue={value('audience')} error={errors.audience} />
              <Field name="audienceSize" label={t('inquiriesForm.audienceSize')} defaultValue={value('audienceSize')} error={errors.audienceSize} />
              <Field name="preferredDates" label={t('inquiriesForm.preferredDates')} hint={t('inquiriesForm.preferredDatesHint')} required defaultValue={value('preferredDates')} error={errors.preferredDates} />
              <RadioGroup
                name="attendance"
                legend={t('inquiriesForm.attendance')}
                options={ATTENDANCE_MODES.map((m) => ({ value: m, label: t(`inquiries.attendance_${m}`) }))}
                defaultValue={value('attendance')}
                error={errors.attendance}
              />
              <Field name="location" label={t('inquiriesForm.location')} hint={t('inquiriesForm.locationHint')} defaultValue={value('location')} error={errors.location} />
              <TextAreaField name="message" label={t('inquiriesForm.messageOptional')} rows={5} defaultValue={value('message')} error={errors.message} />
            </fieldset>
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
