import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { formValues, parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { getPriceTable } from '#domain/courses/get-staff-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { disableDiscountCode, findDiscountCodes, issueDiscountCode } from '#domain/registration/discount-codes.server.ts';
import { dateProblem } from '#lib/dates.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { amountMessage, formatMoney, parseAmount } from '#lib/money.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { SelectField } from '#app/components/choices.tsx';
import type { Route } from './+types/discount-codes.ts';

/** The issue form; a fixed amount is read in the course's currency. */
const issueSchema = (currency: string) => z
  .object({
    intent: z.literal('issue'),
    code: z
      .string()
      .trim()
      .min(1)
      .refine((v) => /^[A-Za-z0-9-]{3,40}$/.test(v.replace(/\s+/g, '')), { message: t('staffDiscounts.invalidCode') }),
    kind: z.enum(['fixed', 'percent']),
    amount: z.string().trim().min(1),
    maxUses: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^\d{1,6}$/.test(v), { message: t('staffCourses.invalidNumber') }),
    // Empty is "no expiry"; anything else must be a real date, or the director is told which way it is not.
    expiresOn: z
      .string()
      .trim()
      .default('')
      .superRefine((v, ctx) => {
        const problem = v === '' ? null : dateProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: t(problem === 'DATE_FORMAT' ? 'form.dateFormat' : 'form.dateNotReal') });
      }),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'percent' && !(/^\d{1,3}$/.test(v.amount) && Number(v.amount) >= 1 && Number(v.amount) <= 100))
      ctx.addIssue({ code: 'custom', path: ['amount'], message: t('staffDiscounts.percentRange') });
    const fixed = v.kind === 'fixed' ? parseAmount(v.amount, currency) : undefined;
    if (fixed && !fixed.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: amountMessage(fixed.problem, currency) });
  })
  .transform((v) => {
    const fixed = v.kind === 'fixed' ? parseAmount(v.amount, currency) : undefined;
    return { ...v, fixedMinor: fixed?.ok ? fixed.minor : 0 };
  });

/** What was typed into the issue form, shown back after an error (the categories ticked too). */
interface IssueTyped {
  values: Record<string, string>;
  categoryKeys: string[];
}

const disableSchema = z.object({ intent: z.literal('disable'), codeId: z.uuid() });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const [codes, categories] = await Promise.all([findDiscountCodes(db, org.id, course.id), getPriceTable(db, org.id, course.id)]);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    currency: course.currency,
    categories: categories.map((c) => ({ key: c.key, label: c.label })),
    codes: codes.map((c) => ({
      id: c.id,
      code: c.code,
      kind: c.kind,
      amount: c.amount,
      maxUses: c.maxUses,
      expiresOn: c.expiresOn,
      categoryKeys: c.categoryKeys,
      note: c.note,
      uses: c.uses,
      disabledAt: c.disabledAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const formData = await request.formData();
  let typed: IssueTyped | undefined;
  try {
    if (formData.get('intent') === 'disable') {
      const parsed = parseForm(disableSchema, formData);
      if (!parsed.ok) return data({ errors: {}, typed: undefined, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
      const code = await disableDiscountCode(db, { organizationId: org.id, courseId: course.id, codeId: parsed.data.codeId }, actor);
      return { errors: {}, typed: undefined, alert: undefined, done: t('staffDiscounts.disabledDone', { code: code.code }) };
    }
    const parsed = parseForm(issueSchema(course.currency), formData);
    const known = new Set((await getPriceTable(db, org.id, course.id)).map((c) => c.key));
    const categoryKeys = formData.getAll('categoryKeys').filter((v): v is string => typeof v === 'string' && known.has(v));
    typed = { values: formValues(formData), categoryKeys };
    if (!parsed.ok) return data({ errors: parsed.errors, typed, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    const d = parsed.data;
    const code = await issueDiscountCode(
      db,
      {
        organizationId: org.id,
        courseId: course.id,
        code: d.code,
        kind: d.kind,
        amount: d.kind === 'percent' ? Number(d.amount) : d.fixedMinor,
        maxUses: d.maxUses === '' ? null : Number(d.maxUses),
        expiresOn: d.expiresOn || null,
        categoryKeys,
        note: d.note,
      },
      actor,
    );
    return { errors: {}, typed: undefined, alert: undefined, done: t('staffDiscounts.issued', { code: code.code }) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return data({ errors, typed, alert: errorMessage(error.code), done: undefined }, { status: 422 });
  }
}

export default function DiscountCodes({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const typed: Record<string, string> = actionData?.typed?.values ?? {};
  const ticked = new Set(actionData?.typed?.categoryKeys);
  const label = (key: string) => loaderData.categories.find((c) => c.key === key)?.label ?? key;
  return (
    <main id="main">
      <title>{`${t('staffDiscounts.title')}: ${loaderData.title}`}</title>
      <h1>{t('staffDiscounts.title')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{ code: t('staffDiscounts.code'), kind: t('staffDiscounts.kind'), amount: t('staffDiscounts.amount'), maxUses: t('staffDiscounts.maxUses'), expiresOn: t('staffDiscounts.expiresOn'), note: t('staffDiscounts.note') }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <p>{t('staffDiscounts.intro')}</p>
      {loaderData.codes.length === 0 ? (
        <p>{t('staffDiscounts.none')}</p>
      ) : (
        <DataTable caption={t('staffDiscounts.title')} captionHidden><thead>
              <tr>
                <th scope="col">{t('staffDiscounts.code')}</th>
                <th scope="col">{t('staffDiscounts.amount')}</th>
                <th scope="col">{t('staffDiscounts.uses')}</th>
                <th scope="col">{t('staffDiscounts.limitsCol')}</th>
                <th scope="col">{t('staffDiscounts.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staffDiscounts.disable')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaderData.codes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <code>{c.code}</code>
                  </th>
                  <td>{c.kind === 'percent' ? `${c.amount}%` : formatMoney(c.amount, loaderData.currency)}</td>
                  <td>{c.maxUses === null ? c.uses : t('staffDiscounts.usesOf', { uses: c.uses, max: c.maxUses })}</td>
                  <td>
                    {c.expiresOn ? t('staffDiscounts.through', { date: formatDate(c.expiresOn, 'en-US', 'medium') }) : t('staffDiscounts.noExpiry')}
                    <br />
                    {c.categoryKeys.length === 0 ? t('staffDiscounts.allCategories') : c.categoryKeys.map(label).join(', ')}
                  </td>
                  <td>{c.note}</td>
                  <td>
                    {c.disabledAt ? (
                      t('staffDiscounts.disabled')
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="disable" />
                        <input type="hidden" name="codeId" value={c.id} />
                        <button type="submit" className="secondary" aria-label={t('staffDiscounts.disableLabel', { code: c.code })} disabled={busy}>
                          {t('staffDiscounts.disable')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <h2>{t('staffDiscounts.issue')}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="issue" />
        <Field name="code" label={t('staffDiscounts.code')} defaultValue={typed.code} error={errors.code} required />
        <SelectField
          name="kind"
          label={t('staffDiscounts.kind')}
          defaultValue={typed.kind ?? 'fixed'}
          options={(['fixed', 'percent'] as const).map((k) => ({ value: k, label: t(`staffDiscounts.kind_${k}`) }))}
          error={errors.kind}
        />
        <Field name="amount" label={t('staffDiscounts.amount')} hint={t('staffDiscounts.amountHint')} defaultValue={typed.amount} error={errors.amount} required />
        <Field name="maxUses" type="number" label={t('staffDiscounts.maxUses')} hint={t('staffDiscounts.maxUsesHint')} defaultValue={typed.maxUses} error={errors.maxUses} />
        <DateField name="expiresOn" label={t('staffDiscounts.expiresOn')} hint={t('staffDiscounts.expiresHint')} defaultValue={typed.expiresOn} error={errors.expiresOn} />
        {loaderData.categories.length > 0 ? (
          <fieldset>
            <legend>{t('staffDiscounts.categories')}</legend>
            <p className="hint">{t('staffDiscounts.categoriesHint')}</p>
            {loaderData.categories.map((c) => (
              <span className="choice" key={c.key}>
                <input type="checkbox" id={`code-cat-${c.key}`} name="categoryKeys" value={c.key} defaultChecked={ticked.has(c.key)} /> <label htmlFor={`code-cat-${c.key}`}>{c.label}</label>
              </span>
            ))}
          </fieldset>
        ) : null}
        <Field name="note" label={t('staffDiscounts.note')} defaultValue={typed.note} error={errors.note} />
        <div>
          <button type="submit" disabled={busy}>
            {t('staffDiscounts.issue')}
          </button>
        </div>
      </Form>
    </main>
  );
}
