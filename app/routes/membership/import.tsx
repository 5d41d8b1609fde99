import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { importMemberships, MembershipImportError } from '#domain/membership/memberships.server.ts';
import { parseMembershipCsv, type RowProblem } from '#domain/membership/parse-membership-csv.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/import.ts';

const MAX_BYTES = 2_000_000;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'membership:manage');
  return { base: `/o/${org.slug}/admin/memberships` };
}

function describe(problems: RowProblem[]) {
  return problems.map((p) => ({ line: p.line, text: t('staffMemberships.problemLine', { line: p.line, field: p.field, problem: t(`staffMemberships.problem_${p.code}`) }) }));
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'membership:manage');
  const formData = await request.formData();
  const file = formData.get('file');
  const pasted = formData.get('csv');
  let csv = typeof pasted === 'string' ? pasted : '';
  if (file instanceof File && file.size > 0) csv = file.size > MAX_BYTES ? '' : await file.text();
  if (csv.trim() === '') return data({ step: 'error' as const, csv: '', rows: [], problems: [], alert: t('staffMemberships.emptyFile'), done: undefined }, { status: 400 });
  const parsed = parseMembershipCsv(csv);
  const rows = parsed.rows.map((r) => ({ line: r.line, email: r.email, name: r.name, type: r.type, validFrom: r.validFrom, validTo: r.validTo }));
  if (parsed.problems.length > 0 || rows.length === 0) {
    return data(
      { step: 'error' as const, csv, rows, problems: describe(parsed.problems), alert: parsed.problems.length > 0 ? t('staffMemberships.problems') : t('staffMemberships.noRows'), done: undefined },
      { status: 400 },
    );
  }
  if (formData.get('intent') !== 'import') return { step: 'preview' as const, csv, rows, problems: [], alert: undefined, done: undefined };
  try {
    const count = await importMemberships(services(context).db, { organizationId: org.id, csv }, actor);
    return { step: 'done' as const, csv: '', rows: [], problems: [], alert: undefined, done: t('staffMemberships.imported', { count }) };
  } catch (error) {
    if (!(error instanceof MembershipImportError)) throw error;
    return data({ step: 'error' as const, csv, rows, problems: describe(error.problems), alert: t('staffMemberships.problems'), done: undefined }, { status: 400 });
  }
}

export default function ImportMemberships({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const preview = actionData?.step === 'preview';
  return (
    <main id="main">
      <title>{t('staffMemberships.importTitle')}</title>
      <p>
        <Link to={loaderData.base}>{t('staffMemberships.title')}</Link>
      </p>
      <h1>{t('staffMemberships.importTitle')}</h1>
      <p>{t('staffMemberships.importIntro')}</p>
      <FormAlert message={actionData?.done} tone="success" />
      <ErrorSummary message={actionData?.alert} attempt={actionData}>
        {actionData?.problems.length ? (
          <ul>
            {actionData.problems.map((p, i) => (
              <li key={i}>{p.text}</li>
            ))}
          </ul>
        ) : null}
      </ErrorSummary>
      {preview ? (
        <>
          <h2>{t('staffMemberships.previewTitle')}</h2>
          <p role="status">{t('staffMemberships.previewReady', { count: actionData.rows.length })}</p>
          <DataTable caption={t('staffMemberships.previewTitle')} captionHidden><thead>
                <tr>
                  <th scope="col">{t('staffMemberships.line')}</th>
                  <th scope="col">{t('staffMemberships.email')}</th>
                  <th scope="col">{t('staffMemberships.name')}</th>
                  <th scope="col">{t('staffMemberships.type')}</th>
                  <th scope="col">{t('staffMemberships.validFrom')}</th>
                  <th scope="col">{t('staffMemberships.validTo')}</th>
                </tr>
              </thead>
              <tbody>
                {actionData.rows.map((r) => (
                  <tr key={r.line}>
                    <th scope="row">{r.line}</th>
                    <td>{r.email}</td>
                    <td>{r.name}</td>
                    <td>{r.type}</td>
                    <td>{r.validFrom}</td>
                    <td>{r.validTo}</td>
                  </tr>
                ))}
              </tbody>
          </DataTable>
          <Form method="post">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="csv" value={actionData.csv} />
            <button type="submit" disabled={busy}>
              {t('staffMemberships.confirm', { count: actionData.rows.length })}
            </button>
          </Form>
        </>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="import-file">{t('staffMemberships.file')}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{t('staffMemberships.text')}</label>
          <textarea id="import-csv" name="csv" rows={8} defaultValue={actionData?.step === 'error' ? actionData.csv : ''} />
        </div>
        <div>
          <button type="submit" className={preview ? 'secondary' : undefined} disabled={busy}>
            {t('staffMemberships.preview')}
          </button>
        </div>
      </Form>
    </main>
  );
}
