// The applications list as a CSV download, with the same filters as the page.
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { getPriceTable } from '#domain/courses/get-staff-course.server.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';
import { applicationFiltersFrom, findApplications } from '#domain/registration/find-applications.server.ts';
import { applicationsCsv, EXPORT_COLUMNS, type ExportColumn } from '#domain/registration/export-applications.ts';
import { t } from '#lib/i18n.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import type { Route } from './+types/applications-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const filters = applicationFiltersFrom(new URL(request.url).searchParams);
  const [applications, categories] = await Promise.all([findApplications(db, { organizationId: org.id, courseId: course.id, ...filters }), getPriceTable(db, org.id, course.id)]);
  const accounts = await registrationBalances(db, applications.map((a) => a.id));
  const csv = applicationsCsv(
    applications,
    {
      headers: Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`staffExport.${c}`)])) as Record<ExportColumn, string>,
      status: (status) => t(`staffApplications.status_${status}`),
      tier: (tier) => t(`staffPrices.${tier}`),
      membershipCheck: (check) => t(`staffApplications.membership_${check}`),
      yes: t('staffApplications.yes'),
      no: t('staffApplications.no'),
    },
    { accounts, traineeCategories: new Set(categories.filter((c) => c.requiresTraineeStatus).map((c) => c.key)), customQuestions: course.customQuestions },
  );
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${course.slug.replace(/[^a-z0-9-]/gi, '')}-applications.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
