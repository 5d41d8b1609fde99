// Open invoices of the organization: awaiting payment, overdue flagged, and a payment of
// everything an invoice still needs recorded in one step. An invoice whose registration no
// longer holds a place (and nothing was paid against) is closed as void before the list is
// read, so it is never offered for recording; staff can void an unpaid invoice themselves.
import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { documentNumber } from '#domain/billing/document-numbers.ts';
import { readPaymentForm } from '#domain/billing/payment-form.ts';
import { voidInvoice } from '#domain/billing/invoice-lifecycle.server.ts';
import { findOpenInvoices } from '#domain/billing/find-open-invoices.server.ts';
import { recordInvoicePayment } from '#domain/billing/record-invoice-payment.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { localDate } from '#domain/money/policy.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { UUID_PATTERN } from '#lib/ids.ts';
import { fieldWords, paymentFieldLabels, PaymentFields } from './payment-fields.tsx';
import type { Route } from './+types/invoices.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'payments:record');
  const { db } = services(context);
  const today = localDate(new Date(), org.timeZone);
  const invoices = await findOpenInvoices(db, org.id);
  return {
    slug: org.slug,
    today,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: documentNumber(org.shortName, i.number),
      payer: i.payerName,
      email: i.payerEmail,
      total: formatMoney(i.totalMinor, i.currency),
      paid: formatMoney(i.paidMinor, i.currency),
      balance: formatMoney(i.balanceMinor, i.currency),
      /** What the invoice asks for now is derived from the ledger: nothing left, nothing to record against it. */
      recordable: i.balanceMinor > 0,
      dueOn: i.dueOn ? formatDate(i.dueOn, 'en-US', 'medium') : '—',
      overdue: i.dueOn !== null && i.dueOn < today,
      voidable: i.paidMinor === 0,
      /** The payer's account page, when the invoice pays exactly one registration. */
      accountHref: i.registrations.length === 1 ? `/o/${org.slug}/admin/courses/${i.registrations[0]!.courseId}/applications/${i.registrations[0]!.id}/account` : null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'payments:record');
  const { db, jobs, publicUrl } = services(context);
  const values = formValues(await request.formData());
  const checkoutId = values.checkoutId ?? '';
  if (values.intent === 'void') return voidAction(db, org, actor, checkoutId);
  const parsed = readPaymentForm(values, 'USD', localDate(new Date(), org.timeZone), { amountRequired: false });
  if (!parsed.ok || !parsed.data.checkoutId) {
    const errors = parsed.ok ? { checkoutId: 'INVOICE_NOT_FOUND' } : parsed.errors;
    return data({ checkoutId, values, errors: fieldWords(errors, fieldMessage), alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  }
  const invoice = (await findOpenInvoices(db, org.id)).find((i) => i.id === parsed.data.checkoutId);
  try {
    const result = await recordInvoicePayment(
      db,
      { organizationId: org.id, checkoutId: parsed.data.checkoutId, receivedOn: parsed.data.receivedOn, method: parsed.data.method, reference: parsed.data.reference },
      actor,
      { publicUrl },
    );
    await jobs.deliverEmails(result.emailIds);
    return {
      checkoutId,
      values: undefined as Record<string, string> | undefined,
      errors: {} as Record<string, string>,
      alert: undefined,
      done: t('billingInvoices.recorded', {
        amount: formatMoney(result.payment.amountMinor, result.payment.currency),
        number: invoice ? documentNumber(org.shortName, invoice.number) : '',
        email: invoice?.payerEmail ?? '',
      }),
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ checkoutId, values, errors: fieldWords(error.fields, fieldMessage), alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

async function voidAction(db: ReturnType<typeof services>['db'], org: { id: string; shortName: string }, actor: Actor, checkoutId: string) {
  const invoice = (await findOpenInvoices(db, org.id)).find((i) => i.id === checkoutId);
  try {
    if (!UUID_PATTERN.test(checkoutId)) throw new DomainError('INVOICE_NOT_FOUND', checkoutId);
    await voidInvoice(db, { organizationId: org.id, checkoutId }, actor);
    return {
      checkoutId,
      values: undefined as Record<string, string> | undefined,
      errors: {} as Record<string, string>,
      alert: undefined,
      done: t('billingInvoices.voided', { number: invoice ? documentNumber(org.shortName, invoice.number) : '' }),
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ checkoutId, values: undefined, errors: {} as Record<string, string>, alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

export default function Invoices({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const d = loaderData;
  return (
    // minWidth 0: the admin grid column may shrink below the table, so the table scrolls in its region instead of widening the page.
    <main id="main" style={{ minWidth: 0 }}>
      <title>{t('billingInvoices.title')}</title>
      <p>
        <Link to={`/o/${d.slug}/admin/money`}>{t('billingReports.title')}</Link>
      </p>
      <h1>{t('billingInvoices.title')}</h1>
      <p>{t('billingInvoices.intro')}</p>
      <ErrorSummary message={actionData?.alert} errors={actionData?.errors} labels={paymentFieldLabels()} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {d.invoices.length === 0 ? <p>{t('billingInvoices.empty')}</p> : null}
      {d.invoices.length > 0 ? (
        <DataTable caption={t('billingInvoices.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('billingInvoices.number')}</th>
                <th scope="col">{t('billingInvoices.payer')}</th>
                <th scope="col" className="numeric">
                  {t('billingInvoices.total')}
                </th>
                <th scope="col" className="numeric">
                  {t('billingInvoices.paid')}
                </th>
                <th scope="col" className="numeric">
                  {t('billingInvoices.balance')}
                </th>
                <th scope="col">{t('billingInvoices.dueOn')}</th>
              </tr>
            </thead>
            <tbody>
              {d.invoices.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <a href={`/o/${d.slug}/documents/invoices/${i.id}.pdf`} download>
                      {t('billingInvoices.numberPdf', { number: i.number })}
                    </a>
                  </th>
                  <td>
                    {i.accountHref ? <Link to={i.accountHref}>{i.payer}</Link> : i.payer}
                    <br />
                    {i.email}
                  </td>
                  <td className="numeric">{i.total}</td>
                  <td className="numeric">{i.paid}</td>
                  <td className="numeric">{i.balance}</td>
                  <td>
                    {i.dueOn}
                    {i.overdue ? <strong className="badge warning"> {t('billingInvoices.overdue')}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      ) : null}
      {d.invoices.map((i) => {
        const mine = actionData?.checkoutId === i.id;
        const errors: Record<string, string> = mine ? actionData.errors : {};
        const values = mine ? actionData.values : undefined;
        return (
          <section key={i.id} aria-labelledby={`record-${i.id}`}>
            <h2 id={`record-${i.id}`}>{t('billingInvoices.recordFor', { number: i.number })}</h2>
            {i.recordable ? (
              <Form method="post" noValidate>
                <input type="hidden" name="checkoutId" value={i.id} />
                <PaymentFields today={d.today} values={values} errors={errors} />
                <button type="submit" name="intent" value="record" disabled={busy}>
                  {t('billingInvoices.submit', { amount: i.balance })}
                </button>
              </Form>
            ) : (
              <p>{t('billingInvoices.nothingDue')}</p>
            )}
            {i.voidable ? (
              <Form method="post">
                <input type="hidden" name="checkoutId" value={i.id} />
                <p className="hint">{t('billingInvoices.voidHint')}</p>
                <button type="submit" name="intent" value="void" className="secondary" disabled={busy}>
                  {t('billingInvoices.void', { number: i.number })}
                </button>
              </Form>
            ) : null}
          </section>
        );
      })}
    </main>
  );
}
