// A course's evaluation results for its faculty (and staff): aggregates only, from five
// answers, no CSV of comments beyond what the page shows, no person's answers.
import { data, Link } from 'react-router';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { findEvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { findResultsCourse } from '#domain/evaluations/faculty-results-access.server.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { EvaluationResultsView } from './evaluation-results-view.tsx';
import type { Route } from './+types/evaluation-results.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const roles = await findRoles(db, org.id, user.id);
  const found = await findResultsCourse(db, { organizationId: org.id, courseSlug: params.course, userId: user.id, roles });
  if (found.outcome === 'not_found') throw data(null, { status: 404 });
  if (found.outcome === 'refused') throw data(null, { status: 403 });
  return {
    title: found.course.title,
    dates: formatDateRange(found.course.startsOn, found.course.endsOn),
    coursePath: `/o/${org.slug}/courses/${found.course.slug}`,
    results: await findEvaluationResults(db, found.course),
  };
}

export default function EvaluationResultsForFaculty({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{`${t('evaluationResults.link')}: ${loaderData.title}`}</title>
      <h1>{t('evaluationResults.link')}</h1>
      <p>
        <Link to={loaderData.coursePath}>{loaderData.title}</Link>, {loaderData.dates}
      </p>
      <p>{t('evaluationResults.anonymous')}</p>
      <EvaluationResultsView results={loaderData.results} csvUrl={null} />
    </main>
  );
}
