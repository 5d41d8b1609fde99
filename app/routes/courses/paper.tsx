// The paper for a course: name badges, sign-in sheets, the faculty's participant list and
// table tents, each a PDF download (GET forms: they work without JavaScript).
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { loadCoursePeople } from '#domain/course-paper/course-paper.server.ts';
import { t } from '#lib/i18n.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import type { Route } from './+types/paper.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const people = await loadCoursePeople(db, org.id, course.id);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    participants: people.participants.length,
    hasGroups: people.groups.length > 0,
    sessions: people.sessions,
  };
}

export default function CoursePaper({ loaderData }: Route.ComponentProps) {
  const { base, title, sessions, hasGroups } = loaderData;
  const pdf = `${base}/paper.pdf`;
  return (
    <main id="main">
      <title>{`${t('coursePaper.title')}: ${title}`}</title>
      <h1>{t('coursePaper.title')}</h1>
      <p className="muted">{title}</p>
      <CourseNav base={base} title={title} />
      <p>{t('coursePaper.intro', { count: loaderData.participants })}</p>
      {(['badges', 'participants', 'table-tents'] as const).map((kind) => {
        const key = kind === 'table-tents' ? 'tableTents' : kind;
        return (
          <section key={kind} aria-labelledby={`paper-${kind}`}>
            <h2 id={`paper-${kind}`}>{t(`coursePaper.${key}`)}</h2>
            <p>{t(`coursePaper.${key}Hint`)}</p>
            <p>
              <a href={`${pdf}?kind=${kind}`} download>
                {t('coursePaper.download')}
                <span className="visually-hidden">: {t(`coursePaper.${key}`)}</span>
              </a>
            </p>
          </section>
        );
      })}
      <section aria-labelledby="paper-sign-in">
        <h2 id="paper-sign-in">{t('coursePaper.signIn')}</h2>
        <p>{t('coursePaper.signInHint')}</p>
        {sessions.length === 0 ? (
          <p>{t('coursePaper.noSessions')}</p>
        ) : (
          <form method="get" action={pdf} className="stack">
            <input type="hidden" name="kind" value="sign-in" />
            <div className="field">
              <label htmlFor="paper-session">{t('coursePaper.session')}</label>
              <select id="paper-session" name="session">
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            {hasGroups ? (
              <span className="choice">
                <input type="checkbox" id="paper-by-group" name="byGroup" value="on" defaultChecked /> <label htmlFor="paper-by-group">{t('coursePaper.byGroup')}</label>
              </span>
            ) : null}
            <div>
              <button type="submit">{t('coursePaper.downloadSignIn')}</button>
            </div>
          </form>
        )}
      </section>
    </main>
  );
}
