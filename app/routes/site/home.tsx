import { Link } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { findContentSections, findPublicCourses } from '#domain/organizations/organizations.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { formatDateRange, t } from '#lib/i18n.ts';
import type { Route } from './+types/home.ts';

// Public: an organization's home page.

/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db } = services(context);
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  const [sections, courses] = await Promise.all([findContentSections(db, org.id, 'home'), findPublicCourses(db, org.id, today)]);
  const summary = (c: (typeof courses.upcoming)[number]) => ({ slug: c.slug, title: c.title, kind: c.kind, startsOn: c.startsOn, endsOn: c.endsOn, city: c.city, region: c.region });
  return {
    org: { name: org.name, slug: org.slug, kind: org.kind, summary: org.summary },
    sections: sections.map((s) => ({ heading: s.heading, body: s.body })),
    upcoming: courses.upcoming.map(summary),
    past: courses.past.map(summary),
  };
}

type CourseSummary = Route.ComponentProps['loaderData']['upcoming'][number];

function CourseCard({ course, base }: { course: CourseSummary; base: string }) {
  return (
    <li className="card">
      <h3>
        <Link to={`${base}/courses/${course.slug}`}>{course.title}</Link>
      </h3>
      <p className="muted">{t(`course.kind_${course.kind}`)}</p>
      <p>
        {formatDateRange(course.startsOn, course.endsOn)}
        {course.city ? ` · ${course.city}${course.region ? `, ${course.region}` : ''}` : null}
      </p>
    </li>
  );
}

export default function OrganizationHome({ loaderData }: Route.ComponentProps) {
  const { org, sections, upcoming, past } = loaderData;
  const base = `/o/${org.slug}`;
  return (
    <main id="main" className="page">
      <title>{org.name}</title>
      <MetaDescription content={org.summary ?? t('meta.organization', { org: org.name })} />
      <h1>{org.name}</h1>
      {org.summary ? <p className="muted">{org.summary}</p> : null}
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('org.upcomingCourses')}</h2>
        {upcoming.length === 0 ? <p>{t('org.noUpcoming')}</p> : null}
        <ul className="card-list">
          {upcoming.map((c) => (
            <CourseCard key={c.slug} course={c} base={base} />
          ))}
        </ul>
      </section>
      <div className="prose">
        {sections.map((s) => (
          <section key={s.heading}>
            <h2>{s.heading}</h2>
            {s.body.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </section>
        ))}
      </div>
      {past.length > 0 ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">{t('org.pastCourses')}</h2>
          <ul className="card-list">
            {past.map((c) => (
              <CourseCard key={c.slug} course={c} base={base} />
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
