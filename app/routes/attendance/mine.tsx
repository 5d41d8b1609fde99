// A participant's own attendance, session by session (read only).
import { formatInstant } from '#app/lib/instants.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findMyAttendance } from '#domain/attendance/find-roster.server.ts';
import { t } from '#lib/i18n.ts';
import { statusText } from './status-text.ts';
import type { Route } from './+types/mine.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const courses = await findMyAttendance(services(context).db, { organizationId: org.id, userId: user.id });
  return {
    courses: courses.map((c) => ({
      id: c.course.id,
      title: c.course.title,
      sessions: c.sessions.map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        when: formatInstant(s.startsAt, c.course.timeZone),
        status: s.attendance ? statusText(s.attendance) : t('attendance.notMarked'),
      })),
    })),
  };
}

export default function MyAttendance({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main" className="page attendance-page">
      <title>{t('attendance.mineTitle')}</title>
      <h1>{t('attendance.mineTitle')}</h1>
      {loaderData.courses.length === 0 ? <p>{t('attendance.mineEmpty')}</p> : null}
      {loaderData.courses.map((c) => (
        <section key={c.id} aria-labelledby={`course-${c.id}`}>
          <h2 id={`course-${c.id}`}>{c.title}</h2>
          <ul className="session-list">
            {c.sessions.map((s) => (
              <li key={s.id}>
                <span className="line">
                  <strong>{s.title}</strong> <span className="muted">· {t(`attendance.kind_${s.kind}`)} · {s.when}</span>
                </span>
                <span className="line" data-testid="my-status">
                  {t('attendance.mineStatus')}: {s.status}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
