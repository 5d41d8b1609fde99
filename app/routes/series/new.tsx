// /o/:org/series/new — a leader (for their own groups) or staff create a series for a listing.
import { data, Form, redirect, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { seriesSchema } from '#domain/series/series-form.ts';
import { createSeries, manageableListings } from '#domain/series/series.server.ts';
import { t } from '#lib/i18n.ts';
import { requireSeriesManager } from './access.server.ts';
import { SERIES_FIELD_LABELS, SeriesFormFields } from './series-form-fields.tsx';
import type { Route } from './+types/new.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user, roles } = await requireSeriesManager(request, context, params.org);
  const listings = await manageableListings(services(context).db, org.id, user.id, roles);
  const wanted = new URL(request.url).searchParams.get('listing');
  return { slug: org.slug, currency: org.currency, listings: listings.map((l) => ({ id: l.id, title: l.title })), selected: listings.find((l) => l.id === wanted)?.id ?? listings[0]?.id ?? '' };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, roles, actor } = await requireSeriesManager(request, context, params.org);
  const parsed = parseForm(seriesSchema(org.currency), await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors') }, { status: 400 });
  try {
    const series = await createSeries(services(context).db, { organizationId: org.id, roles, ...parsed.data }, actor);
    return redirect(`/o/${org.slug}/series/${series.id}/manage?created=1`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    if (error.code === 'SERIES_NOT_YOURS' || error.code === 'SERIES_LISTING_NOT_FOUND') errors.listingId = errorMessage(error.code);
    return data({ errors, values: parsed.values, alert: errorMessage(error.code) }, { status: 422 });
  }
}

export default function NewSeries({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? { listingId: loaderData.selected };
  return (
    <main id="main" className="page">
      <title>{t('seriesAdmin.newTitle')}</title>
      <h1>{t('seriesAdmin.newTitle')}</h1>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={SERIES_FIELD_LABELS()} attempt={actionData} />
      {loaderData.listings.length === 0 ? (
        <p>{t('seriesAdmin.noListings')}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <SeriesFormFields listings={loaderData.listings} values={values} errors={errors} currency={loaderData.currency} />
          <div>
            <button type="submit" disabled={busy}>
              {t('seriesForm.submitCreate')}
            </button>
          </div>
        </Form>
      )}
    </main>
  );
}
