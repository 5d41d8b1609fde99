// Staff view of one registration's account: the statement, its open invoices and documents,
// and the form to record money received by check, transfer or cash.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage, fieldMessageIn } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { SelectField } from '#app/components/choices.tsx';
import { documentNumber } from '#domain/billing/document-numbers.ts';
import { readPaymentForm } from '#domain/billing/payment-form.ts';
import { findOpenInvoices } from '#domain/billing/find-open-invoices.server.ts';
import { recordRegistrationPayment } from '#domain/billing/record-registration-payment.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { DomainError } from '#domain/errors.ts';
import { findRegistration } from '#domain/registration/get-registration.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { amountExample, formatMoney } from '#lib/money.ts';
import { LedgerTable } from './ledger-table.tsx';
import { ledgerView } from './ledger-view.server.ts';
import { fieldWords, paymentFieldLabels, PaymentFields } from './payment-fields.tsx';
import type { Route } from './+types/account.ts';
import { DocumentList } from './document-list.tsx';

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor, roles } = await requirePermission(request, context, params.org, 'payments:record');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const registration = await findRegistration(db, { organizationId: org.id, registrationId: params.registrationId, courseId: course.id });
  if (!registration) throw data(null, { status: 404 });
  return { org, actor, roles, course, registration };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles, course, registration } = await load(request, context, params);
  const { db } = services(context);
  const view = await ledgerView(db, org, registration);
  const invoices = await findOpenInvoices(db, org.id, { registrationId: registration.id });
  return {
    slug: org.slug,
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title },
    // A treasurer cannot open the application or the course pages: no links to a 403.
    canReview: rolesGrant(roles, 'registration:review'),
    canManageCourse: rolesGrant(roles, 'course:manage') && rolesGrant(roles, 'registration:review'),
    registration: { id: registration.id, name: registration.name, email: registration.email, status: registration.status, currency: registration.currency },
    today: localDate(new Date(), course.timeZone),
    invoices: invoices.map((i) => ({
      id: i.id,
      number: documentNumber(org.shortName, i.number),
      total: formatMoney(i.totalMinor, i.currency),
      balance: formatMoney(i.balanceMinor, i.currency),
      dueOn: i.dueOn ? formatDate(i.dueOn) : null,
    })),
    ...view,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course, registration } = await load(request, context, params);
  const { db, jobs, publicUrl } = services(context);
  const values = formValues(await request.formData());
  const parsed = readPaymentForm(values, registration.currency, localDate(new Date(), course.timeZone));
  if (!parsed.ok) return data({ errors: fieldWords(parsed.errors, fieldMessageIn(registration.currency)), values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    const result = await recordRegistrationPayment(
      db,
      { organizationId: org.id, registrationId: registration.id, ...parsed.data },
      actor,
      { publicUrl },
    );
    await jobs.deliverEmails(result.emailIds);
    const amount = formatMoney(result.payment.amountMinor, result.payment.currency);
    const done = [
      t('billingAccount.recorded', { amount, email: registration.email }),
      result.confirmed.length > 0 ? t('billingAccount.confirmed') : '',
      result.invoicePaid ? t('billingAccount.invoicePaid') : '',
      ...result.refunds.map((r) => t('billingAccount.refundDue', { amount: formatMoney(r.amountMinor, r.currency) })),
    ]
      .filter(Boolean)
      .join(' ');
    return { errors: {} as Record<string, string>, values: undefined, alert: undefined, done };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: fieldWords(error.fields, fieldMessage), values, alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const d = loaderData;
  const r = d.registration;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values;
  return (
    <main id="main">
      <title>{t('billingAccount.title', { name: r.name })}</title>
      <p>
        {d.canReview ? <Link to={`${d.base}/applications/${r.id}`}>{t('billingAccount.back')}</Link> : <Link to={`/o/${d.slug}/admin/money/invoices`}>{t('billingAccount.backToInvoices')}</Link>}
      </p>
      <h1>{t('billingAccount.title', { name: r.name })}</h1>
      {d.canManageCourse ? <CourseNav base={d.base} title={d.course.title} /> : <p>{t('billingAccount.course', { title: d.course.title })}</p>}
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{ amount: t('billingAccount.amount', { currency: r.currency }), ...paymentFieldLabels(), checkoutId: t('billingAccount.againstInvoice') }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <dl className="facts">
        <dt>{t('billingAccount.status')}</dt>
        <dd>{t(`staffApplications.status_${r.status}`)}</dd>
        <dt>{t('billingAccount.balance')}</dt>
        <dd>{d.balance}</dd>
      </dl>
      <h2>{t('billingAccount.statement')}</h2>
      <LedgerTable caption={t('billingAccount.caption', { name: r.name, title: d.course.title })} rows={d.rows} />

      <h2>{t('billingAccount.openInvoices')}</h2>
      {d.invoices.length === 0 ? (
        <p>{t('billingAccount.noOpenInvoices')}</p>
      ) : (
        <ul>
          {d.invoices.map((i) => (
            <li key={i.id}>
              <a href={`/o/${d.slug}/documents/invoices/${i.id}.pdf`} download>
                {t('billingInvoices.numberPdf', { number: i.number })}
              </a>
              {': '}
              {i.dueOn ? t('billingAccount.invoiceSummary', { total: i.total, owed: i.balance, date: i.dueOn }) : t('billingAccount.invoiceSummaryNoDate', { total: i.total, owed: i.balance })}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('billingAccount.documents')}</h2>
      <DocumentList statementPdf={d.statementPdf} documents={d.documents} />

      <h2 id="record-payment">{t('billingAccount.record')}</h2>
      <p>{t('billingAccount.recordHint')}</p>
      <Form method="post" noValidate aria-labelledby="record-payment">
        <Field
          name="amount"
          label={t('billingAccount.amount', { currency: r.currency })}
          hint={t('billingAccount.amountHint', { example: amountExample(r.currency) })}
          defaultValue={values?.amount ?? ''}
          error={errors.amount}
          required
        />
        <PaymentFields today={d.today} values={values} errors={errors} />
        {d.invoices.length > 0 ? (
          <SelectField
            name="checkoutId"
            label={t('billingAccount.againstInvoice')}
            defaultValue={values?.checkoutId ?? ''}
            options={[{ value: '', label: t('billingAccount.noInvoice') }, ...d.invoices.map((i) => ({ value: i.id, label: t('billingAccount.invoiceOption', { number: i.number, owed: i.balance }) }))]}
            error={errors.checkoutId}
          />
        ) : null}
        <button type="submit" disabled={busy}>
          {t('billingAccount.submit')}
        </button>
      </Form>
      <p>
        <Link to={`/o/${d.slug}/admin/refunds`}>{t('billingAccount.refunds')}</Link>
      </p>
    </main>
  );
}

