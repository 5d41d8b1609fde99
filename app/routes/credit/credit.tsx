// /o/:org/admin/courses/:courseId/credit — CE credit and certificates of one course: how each
// accrediting body grants credit, the director's signature, each participant's credit computed
// from attendance, issuing, the issued certificates (download, revoke) and evaluation reminders.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { CheckboxField, Outcomes, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findCourseCertificate, findCourseCertificates } from '#domain/certificates/find-course-certificates.server.ts';
import { issueCertificates } from '#domain/certificates/issue-certificates.server.ts';
import { revokeCertificate } from '#domain/certificates/revoke-certificate.server.ts';
import { findSignature, saveSignature } from '#domain/certificates/save-signature.server.ts';
import { findCourseCredit, findCreditPolicies } from '#domain/credit/course-credit.server.ts';
import { accreditingBodies, CREDIT_RULES, CREDIT_UNITS, POLICY_FIELDS, policyFormValues, ROUNDING_STEPS, ROUNDINGS } from '#domain/credit/credit-policy-form.ts';
import { saveCreditPolicies } from '#domain/credit/save-credit-policies.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findEvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { sendEvaluationReminders } from '#domain/evaluations/remind-evaluation.server.ts';
import { localToday } from '#domain/registration/rules.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatCredit } from '#lib/credit-format.ts';
import { CourseNav } from '../courses/course-nav.tsx';
import { requireCreditCourse } from './course.server.ts';
import type { Route } from './+types/credit.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const where = { organizationId: org.id, courseId: course.id };
  const bodies = accreditingBodies(course.accreditation);
  const policies = await findCreditPolicies(db, where);
  const credit = policies.length ? await findCourseCredit(db, where) : [];
  const certificates = await findCourseCertificates(db, where);
  const signature = await findSignature(db, where);
  const evaluation = await findEvaluationResults(db, course);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    ended: localToday(course.timeZone) > course.endsOn,
    bodies: bodies.map((body) => ({
      body,
      values: policyFormValues(
        policies.find((p) => p.body === body),
        course.accreditation.find((a) => a.body === body)?.credits,
        policies.length > 0,
      ),
    })),
    hasPolicies: policies.length > 0,
    signature: signature ? { signerName: signature.signerName, signerTitle: signature.signerTitle, uploadedOn: signature.uploadedAt.toISOString().slice(0, 10) } : null,
    participants: credit.map((p) => ({
      registrationId: p.registrationId,
      name: p.name,
      evaluationCompleted: p.evaluationCompleted,
      results: p.results.map((r) => ({ body: r.body, unit: r.unit, credit: r.credit, outcome: r.outcome, reason: r.reason })),
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      name: c.recipientName,
      body: c.body,
      kind: c.kind,
      credit: c.creditHundredths / 100,
      unit: c.unit,
      code: c.code,
      status: c.status,
      retired: c.recordsRetiredAt !== null,
      issuedOn: c.issuedAt.toISOString().slice(0, 10),
      revokedOn: c.revokedAt?.toISOString().slice(0, 10) ?? null,
      revokeReason: c.revokeReason,
      supersededOn: c.supersededAt?.toISOString().slice(0, 10) ?? null,
    })),
    evaluation: { participants: evaluation.participants, completed: evaluation.completed },
  };
}

type Intent = 'policies' | 'signature' | 'issue' | 'revoke' | 'remind';

interface ActionResult {
  intent: Intent | undefined;
  errors: Record<string, string>;
  values?: Record<string, string>;
  alert?: string;
  done?: string;
  issued?: { issued: number; reissued: number; unchanged: number; waiting: { name: string; body: string; reason: string }[] };
  certificateId?: string;
}

const fail = (result: ActionResult, status: number) => data(result, { status });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db, jobs, publicUrl, encryptionKey } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = values.intent as Intent | undefined;
  const where = { organizationId: org.id, courseId: course.id };
  try {
    switch (intent) {
      case 'policies': {
        const saved = await saveCreditPolicies(db, actor, { ...where, values });
        if (!saved.ok) return fail({ intent, errors: saved.errors, values, alert: saved.errors.policies }, 400);
        return { intent, errors: {}, done: t('creditPage.policiesSaved') } satisfies ActionResult;
      }
      case 'signature': {
        const file = formData.get('image');
        const image = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
        const saved = await saveSignature(db, actor, { ...where, signerName: values.signerName ?? '', signerTitle: values.signerTitle ?? '', image });
        if (!saved.ok) return fail({ intent, errors: saved.errors, values }, 400);
        return { intent, errors: {}, done: t('creditPage.signatureSaved') } satisfies ActionResult;
      }
      case 'issue': {
        const outcome = await issueCertificates(db, actor, { ...where, publicUrl });
        await jobs.deliverEmails(outcome.emailIds);
        return {
          intent,
          errors: {},
          issued: { issued: outcome.issued, reissued: outcome.reissued, unchanged: outcome.unchanged, waiting: outcome.waiting.map(({ name, body, reason }) => ({ name, body, reason })) },
        } satisfies ActionResult;
      }
      case 'revoke': {
        const certificateId = values.certificateId ?? '';
        const reason = (values.reason ?? '').trim();
        if (!reason) return fail({ intent, certificateId, errors: { reason: t('creditPage.reasonRequired') }, values }, 400);
        if (reason.length > 500) return fail({ intent, certificateId, errors: { reason: t('form.tooLong', { max: 500 }) }, values }, 400);
        // Only a certificate of this course, from this course's page.
        if (!(await findCourseCertificate(db, { ...where, certificateId }))) return fail({ intent, errors: {}, alert: errorMessage('CERTIFICATE_NOT_FOUND') }, 409);
        await revokeCertificate(db, actor, { organizationId: org.id, certificateId, reason });
        return { intent, errors: {}, done: t('creditPage.revoked') } satisfies ActionResult;
      }
      case 'remind': {
        const sent = await sendEvaluationReminders(db, actor, { ...where, publicUrl, secretKey: encryptionKey });
        await jobs.deliverEmails(sent.outboxIds);
        return { intent, errors: {}, done: sent.tooSoon ? t('creditPage.remindedToday') : t('creditPage.reminded', { count: sent.reminded }) } satisfies ActionResult;
      }
      default:
        return fail({ intent: undefined, errors: {}, alert: t('form.fixErrors') }, 400);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return fail({ intent, errors: {}, alert: errorMessage(error.code) }, 409);
  }
}

const OUTCOMES = { credit: 'outcomeCredit', awaiting_evaluation: 'outcomeAwaiting', attendance_only: 'outcomeAttendance', none: 'outcomeNone' } as const;

function creditText(c: { kind?: string; credit: number; unit: string }) {
  return c.kind === 'attendance' ? t('creditPage.attendanceOnly') : `${formatCredit(c.credit)} ${t(`certificatePdf.units.${c.unit}`)}`;
}

export default function CreditPage({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === 'submitting';
  const errors = actionData?.errors ?? {};
  const sent = (intent: Intent) => actionData?.intent === intent;
  const posted = actionData?.values;
  const policyLabels: Record<string, string> = {};
  loaderData.bodies.forEach(({ body }, i) => {
    for (const f of POLICY_FIELDS) policyLabels[`policies.${i}.${f}`] = `${body}: ${t(`creditPage.field_${f}`, { body })}`;
  });
  const labels = {
    ...policyLabels,
    signerName: t('creditPage.signerName'),
    signerTitle: t('creditPage.signerTitle'),
    image: t('creditPage.signatureImage'),
    reason: t('creditPage.reason'),
  };
  const value = (i: number, f: (typeof POLICY_FIELDS)[number], fallback: string) => (sent('policies') && posted ? (posted[`policies.${i}.${f}`] ?? '') : fallback);
  return (
    <main id="main">
      <title>{`${t('creditPage.title')}: ${loaderData.title}`}</title>
      <h1>{t('creditPage.title')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      <ErrorSummary message={actionData?.alert} errors={errors} labels={labels} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {actionData?.issued ? (
        <Outcomes title={t('creditPage.issuedTitle')}>
          <ul>
            <li>{t('creditPage.countIssued', { count: actionData.issued.issued })}</li>
            <li>{t('creditPage.countReissued', { count: actionData.issued.reissued })}</li>
            <li>{t('creditPage.countUnchanged', { count: actionData.issued.unchanged })}</li>
            <li>{t('creditPage.countWaiting', { count: actionData.issued.waiting.length })}</li>
          </ul>
          {actionData.issued.waiting.length > 0 ? (
            <ul>
              {actionData.issued.waiting.map((w) => (
                <li key={`${w.name}-${w.body}`}>{t('creditPage.waitingLine', { name: w.name, body: w.body, reason: w.reason })}</li>
              ))}
            </ul>
          ) : null}
        </Outcomes>
      ) : null}

      <section aria-labelledby="policies-title">
        <h2 id="policies-title">{t('creditPage.policiesTitle')}</h2>
        {loaderData.bodies.length === 0 ? (
          <p>{t('creditPage.noBodies')}</p>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="policies" />
            <p>{t('creditPage.policiesIntro')}</p>
            {loaderData.bodies.map(({ body, values }, i) => {
              const err = (f: string) => (sent('policies') ? errors[`policies.${i}.${f}`] : undefined);
              return (
                <fieldset key={body} className="stack">
                  <legend>{t('creditPage.policyFor', { body })}</legend>
                  <CheckboxField
                    name={`policies.${i}.grants`}
                    label={t('creditPage.field_grants', { body })}
                    hint={t('creditPage.grantsHint')}
                    defaultChecked={value(i, 'grants', values.grants) === 'on'}
                  />
                  <SelectField
                    name={`policies.${i}.rule`}
                    label={t('creditPage.field_rule')}
                    options={CREDIT_RULES.map((r) => ({ value: r, label: t(`creditPage.rule_${r}`) }))}
                    defaultValue={value(i, 'rule', values.rule)}
                    error={err('rule')}
                  />
                  <Field name={`policies.${i}.maxCredit`} label={t('creditPage.field_maxCredit')} hint={t('creditPage.maxCreditHint')} defaultValue={value(i, 'maxCredit', values.maxCredit)} error={err('maxCredit')} />
                  <SelectField
                    name={`policies.${i}.unit`}
                    label={t('creditPage.field_unit')}
                    options={CREDIT_UNITS.map((u) => ({ value: u, label: t(`certificatePdf.units.${u}`) }))}
                    defaultValue={value(i, 'unit', values.unit)}
                    error={err('unit')}
                  />
                  <Field name={`policies.${i}.minutesPerCredit`} label={t('creditPage.field_minutesPerCredit')} defaultValue={value(i, 'minutesPerCredit', values.minutesPerCredit)} error={err('minutesPerCredit')} />
                  <SelectField
                    name={`policies.${i}.roundingStepMinutes`}
                    label={t('creditPage.field_roundingStepMinutes')}
                    options={ROUNDING_STEPS.map((s) => ({ value: String(s), label: t('creditPage.minutes', { count: s }) }))}
                    defaultValue={value(i, 'roundingStepMinutes', values.roundingStepMinutes)}
                    error={err('roundingStepMinutes')}
                  />
                  <SelectField
                    name={`policies.${i}.rounding`}
                    label={t('creditPage.field_rounding')}
                    options={ROUNDINGS.map((r) => ({ value: r, label: t(`creditPage.rounding_${r}`) }))}
                    defaultValue={value(i, 'rounding', values.rounding)}
                    error={err('rounding')}
                  />
                  <Field name={`policies.${i}.minimumCredit`} label={t('creditPage.field_minimumCredit')} hint={t('creditPage.minimumCreditHint')} defaultValue={value(i, 'minimumCredit', values.minimumCredit)} error={err('minimumCredit')} />
                  <CheckboxField
                    name={`policies.${i}.evaluationRequired`}
                    label={t('creditPage.field_evaluationRequired')}
                    defaultChecked={value(i, 'evaluationRequired', values.evaluationRequired) === 'on'}
                    error={err('evaluationRequired')}
                  />
                </fieldset>
              );
            })}
            <div>
              <button type="submit" disabled={busy}>
                {t('creditPage.savePolicies')}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="signature-title">
        <h2 id="signature-title">{t('creditPage.signatureTitle')}</h2>
        <p>
          {loaderData.signature
            ? t('creditPage.signatureCurrent', { name: loaderData.signature.signerName, date: formatDate(loaderData.signature.uploadedOn) })
            : t('creditPage.signatureNone')}
        </p>
        <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          <input type="hidden" name="intent" value="signature" />
          <Field
            name="signerName"
            label={t('creditPage.signerName')}
            defaultValue={sent('signature') ? posted?.signerName : loaderData.signature?.signerName}
            error={sent('signature') ? errors.signerName : undefined}
          />
          <Field
            name="signerTitle"
            label={t('creditPage.signerTitle')}
            hint={t('creditPage.signerTitleHint')}
            defaultValue={sent('signature') ? posted?.signerTitle : loaderData.signature?.signerTitle}
            error={sent('signature') ? errors.signerTitle : undefined}
          />
          <FileField name="image" label={t('creditPage.signatureImage')} hint={t('creditPage.signatureHint')} error={sent('signature') ? errors.image : undefined} />
          <div>
            <button type="submit" disabled={busy}>
              {t('creditPage.saveSignature')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="credit-title">
        <h2 id="credit-title">{t('creditPage.creditTitle')}</h2>
        {!loaderData.hasPolicies ? (
          <p>{t('creditPage.noPolicies')}</p>
        ) : loaderData.participants.length === 0 ? (
          <p>{t('creditPage.noParticipants')}</p>
        ) : (
          <DataTable caption={t('creditPage.creditCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('creditPage.colName')}</th>
                <th scope="col">{t('creditPage.colBody')}</th>
                <th scope="col">{t('creditPage.colCredit')}</th>
                <th scope="col">{t('creditPage.colOutcome')}</th>
                <th scope="col">{t('creditPage.colReason')}</th>
                <th scope="col">{t('creditPage.colEvaluation')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.participants.flatMap((p) =>
                p.results.map((r) => (
                  <tr key={`${p.registrationId}-${r.body}`}>
                    <th scope="row">{p.name}</th>
                    <td>{r.body}</td>
                    <td>{`${formatCredit(r.credit)} ${t(`certificatePdf.units.${r.unit}`)}`}</td>
                    <td>{t(`creditPage.${OUTCOMES[r.outcome]}`)}</td>
                    <td>{r.reason}</td>
                    <td>{p.evaluationCompleted ? t('creditPage.evaluationDone') : t('creditPage.evaluationNotDone')}</td>
                  </tr>
                )),
              )}
            </tbody>
          </DataTable>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="issue" />
          <p>{loaderData.ended ? t('creditPage.issueIntro') : t('creditPage.issueNotEnded')}</p>
          <div>
            <button type="submit" disabled={busy || !loaderData.hasPolicies}>
              {t('creditPage.issue')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="certificates-title">
        <h2 id="certificates-title">{t('creditPage.certificatesTitle')}</h2>
        {loaderData.certificates.length === 0 ? (
          <p>{t('creditPage.noCertificates')}</p>
        ) : (
          <DataTable caption={t('creditPage.certificatesCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('creditPage.colName')}</th>
                <th scope="col">{t('creditPage.colBody')}</th>
                <th scope="col">{t('creditPage.colCredit')}</th>
                <th scope="col">{t('creditPage.colCode')}</th>
                <th scope="col">{t('creditPage.colStatus')}</th>
                <th scope="col">{t('creditPage.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.certificates.map((c) => {
                const rowError = sent('revoke') && actionData?.certificateId === c.id ? errors.reason : undefined;
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.retired ? t('creditPage.retired') : c.name}</th>
                    <td>{c.body}</td>
                    <td>{creditText(c)}</td>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>
                      <span className="status-badge">{t(`creditPage.status_${c.status}`)}</span> {t('creditPage.issuedOn', { date: formatDate(c.issuedOn) })}
                      {c.revokedOn ? ` · ${t('creditPage.revokedOn', { date: formatDate(c.revokedOn), reason: c.revokeReason ?? '' })}` : null}
                      {c.supersededOn ? ` · ${t('creditPage.supersededOn', { date: formatDate(c.supersededOn) })}` : null}
                    </td>
                    <td>
                      {c.retired ? null : (
                        <a href={`${loaderData.base}/certificates/${c.id}.pdf`} download aria-label={t('creditPage.downloadFor', { name: c.name, body: c.body })}>
                          {t('creditPage.download')}
                        </a>
                      )}
                      {c.status === 'valid' ? (
                        <details open={rowError ? true : undefined}>
                          <summary>{t('creditPage.revokeFor', { name: c.name, body: c.body })}</summary>
                          <Form method="post" className="stack" noValidate>
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="certificateId" value={c.id} />
                            <TextAreaField name="reason" label={t('creditPage.reason')} rows={2} defaultValue={rowError ? posted?.reason : undefined} error={rowError} />
                            <div>
                              <button type="submit" className="secondary" disabled={busy}>
                                {t('creditPage.revoke')}
                              </button>
                            </div>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="evaluation-title">
        <h2 id="evaluation-title">{t('creditPage.evaluationTitle')}</h2>
        <p>{t('creditPage.evaluationCount', { completed: loaderData.evaluation.completed, participants: loaderData.evaluation.participants })}</p>
        <p>
          <a href={`${loaderData.base}/evaluation`}>{t('creditPage.evaluationLink')}</a>
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="remind" />
          <button type="submit" className="secondary" disabled={busy}>
            {t('creditPage.remind')}
          </button>
        </Form>
      </section>
    </main>
  );
}

function FileField({ name, label, hint, error }: { name: string; label: string; hint: string; error?: string }) {
  const id = error ? `field-${name}` : `upload-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input id={id} type="file" name={name} accept="image/png,image/jpeg" aria-invalid={error ? true : undefined} aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')} />
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
