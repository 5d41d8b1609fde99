// One email template (ADR 0069): its subject and body with the placeholders its message offers,
// a preview with sample values (both parts: plain text and HTML), save (a new version, audited)
// and reset to the default.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { MailText } from '#app/components/mail-text.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { EmailTemplateInvalid, getEmailTemplate, resetEmailTemplate, saveEmailTemplate } from '#domain/email-templates/manage-templates.server.ts';
import { previewEmailTemplate } from '#domain/email-templates/preview.ts';
import { findTemplateDefinition, PLACEHOLDERS, templateNameKey } from '#domain/email-templates/registry.ts';
import { validateTemplate, type TemplateProblem } from '#domain/email-templates/validate-template.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/edit.ts';

const EXAMPLE = '{{course}}';

function definitionOr404(kind: string | undefined) {
  const definition = findTemplateDefinition(kind ?? '');
  if (!definition) throw data(null, { status: 404 });
  return definition;
}

function problemMessage(field: 'subject' | 'body', problem: TemplateProblem, offered: readonly string[]): string {
  switch (problem.problem) {
    case 'required':
      return t('emailTemplates.required', { field: t(`emailTemplates.${field}`).toLowerCase() });
    case 'too_long':
      return t('emailTemplates.tooLong', { max: problem.max });
    case 'line_break':
      return t('emailTemplates.lineBreak');
    case 'broken_placeholder':
      return t('emailTemplates.brokenPlaceholder', { example: EXAMPLE });
    case 'unknown_placeholder':
      return t('emailTemplates.unknownPlaceholder', { names: problem.names.map((n) => `{{${n}}}`).join(', '), offered: offered.map((n) => `{{${n}}}`).join(', ') });
  }
}

function previewOf(kind: string, template: { subject: string; body: string }, orgName: string) {
  const mail = previewEmailTemplate(kind, template, orgName);
  // Our own composer escaped every value: the body's inner HTML is safe to show as it is.
  const inner = /<body[^>]*>([\s\S]*)<\/body>/.exec(mail.html)?.[1] ?? '';
  return { subject: mail.subject, text: mail.text, html: inner };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'email_templates:manage');
  const definition = definitionOr404(params.kind);
  const view = await getEmailTemplate(services(context).db, org.id, definition.kind);
  return {
    slug: org.slug,
    kind: definition.kind,
    name: t(templateNameKey(definition.kind)),
    essential: definition.essential,
    credential: definition.credential ?? false,
    subject: view.subject,
    body: view.body,
    defaults: view.defaults,
    version: view.override?.version ?? null,
    placeholders: definition.placeholders.map((name) => ({ name, description: t(`emailTemplates.placeholder_${name}`), sample: PLACEHOLDERS[name]?.sample ?? '' })),
    preview: previewOf(definition.kind, view, org.name),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'email_templates:manage');
  const definition = definitionOr404(params.kind);
  const { db } = services(context);
  const form = await request.formData().catch(() => new FormData());
  const rawIntent = String(form.get('intent') ?? '');
  const intent = rawIntent === 'reset' || rawIntent === 'preview' ? rawIntent : 'save';
  const values = { subject: String(form.get('subject') ?? ''), body: String(form.get('body') ?? '') };
  const answer = (status: number, body: { errors?: Record<string, string>; alert?: string; done?: string; preview?: ReturnType<typeof previewOf> }) =>
    data({ intent, values, errors: body.errors ?? {}, alert: body.alert, done: body.done, preview: body.preview }, { status });
  const fieldErrors = (problems: Partial<Record<'subject' | 'body', TemplateProblem>>) =>
    Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, problemMessage(field as 'subject' | 'body', p, definition.placeholders)]));

  if (intent === 'reset') {
    const { reset } = await resetEmailTemplate(db, { organizationId: org.id, kind: definition.kind }, actor);
    return answer(200, { done: reset ? t('emailTemplates.resetDone') : t('emailTemplates.resetNothing') });
  }
  if (intent === 'preview') {
    const problems = validateTemplate(definition, values);
    if (Object.keys(problems).length > 0) return answer(400, { errors: fieldErrors(problems), alert: t('form.fixErrors') });
    return answer(200, { preview: previewOf(definition.kind, values, org.name) });
  }
  try {
    const { version } = await saveEmailTemplate(db, { organizationId: org.id, kind: definition.kind, ...values }, actor);
    return answer(200, { done: t('emailTemplates.saved', { version }) });
  } catch (error) {
    if (error instanceof EmailTemplateInvalid) return answer(400, { errors: fieldErrors(error.problems), alert: t('form.fixErrors') });
    if (error instanceof DomainError && error.code === 'EMAIL_TEMPLATE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export default function EditEmailTemplate({ loaderData }: Route.ComponentProps) {
  const { slug, kind, name, essential, credential, placeholders, defaults, version } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  // After a refused save or a preview, the form keeps what was typed; after a save or reset, the stored wording.
  const typed = actionData && (actionData.intent === 'preview' || Object.keys(errors).length > 0) ? actionData.values : undefined;
  const preview = actionData?.preview ?? loaderData.preview;
  const title = t('emailTemplates.editTitle', { name });
  return (
    <main id="main">
      <title>{title}</title>
      <p>
        <Link to={`/o/${slug}/admin/email-templates`}>{t('emailTemplates.title')}</Link>
      </p>
      <h1>{title}</h1>
      <p>{essential ? t('emailTemplates.essentialNote') : t('emailTemplates.nonEssentialNote')}</p>
      {credential ? (
        <div className="notice" role="note">
          <p>{t('emailTemplates.credentialNote')}</p>
        </div>
      ) : null}
      <p>{version === null ? t('emailTemplates.defaultWording') : t('emailTemplates.own', { version })}</p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ subject: t('emailTemplates.subject'), body: t('emailTemplates.body') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {/* A new key per answer, so the fields show the stored wording after a save or reset. */}
      <Form method="post" className="stack" key={`${version ?? 'default'}-${actionData?.done ?? ''}`}>
        <Field name="subject" label={t('emailTemplates.subject')} defaultValue={typed?.subject ?? loaderData.subject} error={errors.subject} />
        <TextAreaField name="body" label={t('emailTemplates.body')} hint={t('emailTemplates.bodyHint', { example: EXAMPLE })} rows={8} defaultValue={typed?.body ?? loaderData.body} error={errors.body} />
        <div className="inline-form">
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t('emailTemplates.save')}
          </button>
          <button type="submit" name="intent" value="preview" className="secondary" disabled={busy}>
            {t('emailTemplates.preview')}
          </button>
        </div>
      </Form>
      {version !== null ? (
        <Form method="post">
          <input type="hidden" name="intent" value="reset" />
          <button type="submit" className="secondary" disabled={busy}>
            {t('emailTemplates.reset')}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="placeholders">
        <h2 id="placeholders">{t('emailTemplates.placeholders')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('emailTemplates.placeholder')}</th>
              <th scope="col">{t('emailTemplates.description')}</th>
              <th scope="col">{t('emailTemplates.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {placeholders.map((p) => (
              <tr key={p.name}>
                <th scope="row">
                  <code>{`{{${p.name}}}`}</code>
                </th>
                <td>{p.description}</td>
                <td>{p.sample}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="preview">
        <h2 id="preview">{t('emailTemplates.previewTitle')}</h2>
        <dl className="facts">
          <dt>{t('emailTemplates.previewSubject')}</dt>
          <dd data-testid="preview-subject">{preview.subject}</dd>
        </dl>
        <h3>{t('emailTemplates.previewHtml')}</h3>
        <div className="email-preview" data-testid="preview-html" dangerouslySetInnerHTML={{ __html: preview.html }} />
        <h3>{t('emailTemplates.previewText')}</h3>
        <MailText text={preview.text} />
      </section>
      <section aria-labelledby="defaults">
        <h2 id="defaults">{t('emailTemplates.defaultTitle')}</h2>
        <dl className="facts">
          <dt>{t('emailTemplates.subject')}</dt>
          <dd>{defaults.subject}</dd>
          <dt>{t('emailTemplates.body')}</dt>
          <dd>
            <MailText text={defaults.body} />
          </dd>
        </dl>
      </section>
      <p className="muted">{kind}</p>
    </main>
  );
}
