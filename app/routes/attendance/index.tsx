// Attendance: the sessions this person takes attendance at (staff: every course's; faculty:
// their groups' courses), and a link to their own record.
import { Link } from 'react-router';
import { formatInstant } from '#app/lib/instants.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { getAttendanceAccess } from '#domain/attendance/access.server.ts';
import { findAttendanceSessions } from '#domain/attendance/find-roster.server.ts';
import { findLedGroups, findMyGroups } from '#domain/rotation/rotation.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/index.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const access = await getAttendanceAccess(db, { organizationId: org.id, userId: user.id, roles: await findRoles(db, org.id, user.id) });
  const courses = await findAttendanceSessions(db, { organizationId: org.id, access });
  const groups = [...(await findLedGroups(db, org.id, user.id)), ...(await findMyGroups(db, org.id, user.id))];
  return {
    slug: org.slug,
    groups: groups.filter((g, i) => groups.findIndex((o) => o.id === g.id) === i),
    courses: courses.map((c) => ({
      id: c.course.id,
      title: c.course.title,
      resultsPath: `/o/${org.slug}/courses/${c.course.slug}/evaluation-results`,
      sessions: c.sessions.map((s) => ({ id: s.id, title: s.title, kind: s.kind, when: formatInstant(s.startsAt, c.course.timeZone) })),
    })),
  };
}

export default function AttendanceIndex({ loaderData }: Route.ComponentProps) {
  const base = `/o/${loaderData.slug}/attendance`;
  return (
    <main id="main" className="page attendance-page">
      <title>{t('attendance.title')}</title>
      <h1>{t('attendance.title')}</h1>
      <p>
        <Link to={`${base}/mine`}>{t('attendance.mineLink')}</Link>
      </p>
      {loaderData.groups.length > 0 ? (
        <>
          <h2>{t('rotation.courseTitle')}</h2>
          <ul className="session-list">
            {loaderData.groups.map((g) => (
              <li key={g.id}>
                <Link to={`/o/${loaderData.slug}/groups/${g.id}/rotation`}>{t('rotation.title', { group: g.name })}</Link>
                <span className="muted"> · {g.courseTitle}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('attendance.takeTitle')}</h2>
      {loaderData.courses.length === 0 ? (
        <p>{t('attendance.noSessions')}</p>
      ) : (
        <>
          <p className="hint">{t('attendance.takeIntro')}</p>
          {loaderData.courses.map((c) => (
            <section key={c.id} aria-labelledby={`course-${c.id}`}>
              <h3 id={`course-${c.id}`}>{c.title}</h3>
              <ul className="session-list">
                {c.sessions.map((s) => (
                  <li key={s.id}>
                    <Link to={`${base}/sessions/${s.id}`}>{s.title}</Link>
                    <span className="muted">
                      {' '}
                      · {t(`attendance.kind_${s.kind}`)} · {s.when}
                    </span>
                  </li>
                ))}
              </ul>
              <p>
                <Link to={c.resultsPath}>{t('evaluationResults.link')}</Link>
              </p>
            </section>
          ))}
        </>
      )}
    </main>
  );
}
