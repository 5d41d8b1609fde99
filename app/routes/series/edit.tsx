// /o/:org/series/:seriesId/edit — change an open series (never its maximum below the places
// taken, nor its price once anyone signed up).
import { data, Form, redirect, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { seriesSchema } from '#domain/series/series-form.ts';
import { updateSeries } from '#domain/series/series.server.ts';
import { t } from '#lib/i18n.ts';
import { formatAmountInput } from '#lib/money.ts';
import { requireSeriesToManage } from './access.server.ts';
import { SERIES_FIELD_LABELS, SeriesFormFields } from './series-form-fields.tsx';
import type { Route } from './+types/edit.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, series } = await requireSeriesToManage(request, context, params);
  return {
    slug: org.slug,
    id: series.id,
    title: series.title,
    currency: series.currency,
    values: {
      listingId: series.listingId,
      title: series.title,
      firstSessionOn: series.firstSessionOn,
      sessionCount: String(series.sessionCount),
      price: formatAmountInput(series.priceMinor, series.currency),
      minimum: String(series.minimum),
      maximum: String(series.maximum),
      closesAfterSession: String(series.closesAfterSession),
      decideBy: series.decideBy,
    },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, roles, actor, series } = await requireSeriesToManage(request, context, params);
  const form = await request.formData();
  form.set('listingId', series.listingId);
  const parsed = parseForm(seriesSchema(series.currency), form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors') }, { status: 400 });
  try {
    await updateSeries(services(context).db, { organizationId: org.id, seriesId: series.id, roles, ...parsed.data }, actor);
    return redirect(`/o/${org.slug}/series/${series.id}/manage?saved=1`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return data({ errors, values: parsed.values, alert: errorMessage(error.code) }, { status: 422 });
  }
}

export default function EditSeries({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? loaderData.values;
  const heading = t('seriesAdmin.editTitle', { title: loaderData.title });
  return (
    <main id="main" className="page">
      <title>{heading}</title>
      <h1>{heading}</h1>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={SERIES_FIELD_LABELS()} attempt={actionData} />
      <Form method="post" className="stack" noValidate>
        <SeriesFormFields listings={null} values={values} errors={errors} currency={loaderData.currency} />
        <div>
          <button type="submit" disabled={busy}>
            {t('seriesForm.submitEdit')}
          </button>
        </div>
      </Form>
    </main>
  );
}
