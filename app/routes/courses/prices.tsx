import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, useActionData, useNavigation, useSearchParams } from 'react-router';
import { fieldAnchor, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { parsePriceRows, postedRowCount } from '#domain/courses/course-schema.ts';
import { getPriceTable } from '#domain/courses/get-staff-course.server.ts';
import { savePriceTable } from '#domain/courses/save-price-table.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { formatAmountInput, formatMoney } from '#lib/money.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import type { Route } from './+types/prices.ts';

/** The categories every society starts from (the seed's four); staff add others. */
const STARTER_ROWS = [
  { key: 'non_member', label: 'Non-member', requiresMembership: false, requiresTraineeStatus: false },
  { key: 'member', label: 'Member', requiresMembership: true, requiresTraineeStatus: false },
  { key: 'trainee', label: 'Resident, student or fellow', requiresMembership: false, requiresTraineeStatus: true },
  { key: 'member_trainee', label: 'Member resident, student or fellow', requiresMembership: true, requiresTraineeStatus: true },
];
const BLANK_ROWS = 2;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const table = await getPriceTable(db, org.id, course.id);
  const rows = (table.length > 0 ? table : STARTER_ROWS.map((r) => ({ ...r, early: null, regular: null }))).map((r) => ({
    key: r.key,
    label: r.label,
    early: r.early === null ? '' : formatAmountInput(r.early, course.currency),
    regular: r.regular === null ? '' : formatAmountInput(r.regular, course.currency),
    requiresMembership: r.requiresMembership,
    requiresTraineeStatus: r.requiresTraineeStatus,
  }));
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    currency: course.currency,
    hasEarly: course.earlyPlaceLimit !== null || course.earlyRateUntil !== null,
    table,
    rows,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const values = formValues(await request.formData());
  const parsed = parsePriceRows(values, course.earlyPlaceLimit !== null || course.earlyRateUntil !== null, course.currency);
  if (!parsed.ok) return data({ errors: parsed.errors, values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    await savePriceTable(db, { organizationId: org.id, courseId: course.id, rows: parsed.rows }, actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: {}, values, alert: errorMessage(error.code), done: undefined }, { status: 422 });
  }
  return { errors: {}, values: undefined, alert: undefined, done: t('staffPrices.saved') };
}

/** The typed cells of a price row, in their order on the page. */
const PRICE_CELLS = ['label', 'key', 'early', 'regular'] as const;

export default function Prices({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const posted: Record<string, string> | undefined = actionData?.values;
  const count = posted ? postedRowCount(posted.rowCount, 50) : loaderData.rows.length + BLANK_ROWS;
  const row = (i: number) => {
    if (posted) {
      const get = (f: string) => posted[`rows.${i}.${f}`] ?? '';
      return { key: get('key'), label: get('label'), early: get('early'), regular: get('regular'), requiresMembership: get('requiresMembership') === 'on', requiresTraineeStatus: get('requiresTraineeStatus') === 'on' };
    }
    return loaderData.rows[i] ?? { key: '', label: '', early: '', regular: '', requiresMembership: false, requiresTraineeStatus: false };
  };
  const cell = (i: number, f: string, label: string, value: string, hint?: string) => {
    const name = `rows.${i}.${f}`;
    const id = errors[name] ? fieldAnchor(name) : `price-${i}-${f}`;
    const error = errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        <input
          id={id}
          name={name}
          defaultValue={value}
          inputMode={f === 'early' || f === 'regular' ? 'decimal' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        {error ? (
          <span className="error" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <main id="main">
      <title>{`${t('staffPrices.title')}: ${loaderData.title}`}</title>
      <h1>{t('staffPrices.title')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      {search.get('created') ? <FormAlert message={t('staffCourses.created')} tone="success" /> : null}
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={Object.fromEntries(Array.from({ length: count }, (_, i) => PRICE_CELLS.map((f) => [`rows.${i}.${f}`, `${t('staffPrices.category', { n: i + 1 })}, ${t(`staffPrices.${f}`)}`])).flat())}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.table.length > 0 ? (
        <DataTable caption={t('staffPrices.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('staffPrices.label')}</th>
                <th scope="col">{t('staffPrices.early')}</th>
                <th scope="col">{t('staffPrices.regular')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.table.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{r.early === null ? '—' : formatMoney(r.early, loaderData.currency)}</td>
                  <td>{r.regular === null ? '—' : formatMoney(r.regular, loaderData.currency)}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      ) : null}
      <p>{t('staffPrices.intro')}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="rowCount" value={count} />
        {Array.from({ length: count }, (_, i) => {
          const r = row(i);
          return (
            <fieldset key={i} className="price-row">
              <legend>{t('staffPrices.category', { n: i + 1 })}</legend>
              {cell(i, 'label', t('staffPrices.label'), r.label)}
              {cell(i, 'key', t('staffPrices.key'), r.key, t('staffPrices.keyHint'))}
              {cell(i, 'early', `${t('staffPrices.early')} (${loaderData.currency})`, r.early)}
              {cell(i, 'regular', `${t('staffPrices.regular')} (${loaderData.currency})`, r.regular)}
              <span className="choice">
                <input id={`price-${i}-member`} type="checkbox" name={`rows.${i}.requiresMembership`} defaultChecked={r.requiresMembership} />{' '}
                <label htmlFor={`price-${i}-member`}>{t('staffPrices.requiresMembership')}</label>
              </span>
              <span className="choice">
                <input id={`price-${i}-trainee`} type="checkbox" name={`rows.${i}.requiresTraineeStatus`} defaultChecked={r.requiresTraineeStatus} />{' '}
                <label htmlFor={`price-${i}-trainee`}>{t('staffPrices.requiresTraineeStatus')}</label>
              </span>
            </fieldset>
          );
        })}
        <div>
          <button type="submit" disabled={busy}>
            {t('staffPrices.save')}
          </button>
        </div>
      </Form>
    </main>
  );
}
