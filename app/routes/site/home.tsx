import { Link } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { findPublicCourses } from '#domain/organizations/organizations.server.ts';
import { findPublishedEvents, findPublishedNews } from '#domain/content/find-entries.server.ts';
import { findHomePages } from '#domain/content/find-pages.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { EntryList } from '#app/routes/content/entry-list.tsx';
import { formatDateRange, t } from '#lib/i18n.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import type { Route } from './+types/home.ts';

// Public: an organization's home page. Its text is the published pages the admins put on the
// home page, in their order (issue 14); then its upcoming courses, events and news, listed
// from their own records.

/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db } = services(context);
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  const [pages, courses, events, news] = await Promise.all([
    findHomePages(db, org.id),
    findPublicCourses(db, org.id, today),
    findPublishedEvents(db, org.id, today, { upcoming: 5, past: 3 }),
    findPublishedNews(db, org.id, today, 3),
  ]);
  const summary = (c: (typeof courses.upcoming)[number]) => ({ slug: c.slug, title: c.title, kind: c.kind, startsOn: c.startsOn, endsOn: c.endsOn, city: c.city, region: c.region });
  const entry = (e: (typeof news)[number]) => ({ id: e.id, title: e.title, startsOn: e.startsOn, endsOn: e.endsOn, place: e.place, summary: e.summary });
  return {
    org: { name: org.name, slug: org.slug, kind: org.kind, summary: org.summary },
    pages: pages.map((p) => ({ slug: p.slug, title: p.title, html: renderMarkdown(p.body, { topHeading: 3 }) })),
    upcoming: courses.upcoming.map(summary),
    past: courses.past.map(summary),
    events: { upcoming: events.upcoming.map(entry), past: events.past.map(entry) },
    news: news.map(entry),
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
  const { org, pages, upcoming, past, events, news } = loaderData;
  const base = `/o/${org.slug}`;
  return (
    <main id="main" className="page">
      <title>{org.name}</title>
      <MetaDescription content={org.summary || t('meta.organization', { org: org.name })} />
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
        {pages.map((p) => (
          <section key={p.slug} aria-labelledby={`page-${p.slug}`}>
            <h2 id={`page-${p.slug}`}>{p.title}</h2>
            {/* Sanitized by lib/markdown/render-markdown.ts. */}
            <div dangerouslySetInnerHTML={{ __html: p.html }} />
          </section>
        ))}
      </div>
      {events.upcoming.length > 0 || events.past.length > 0 ? (
        <section aria-labelledby="events-heading">
          <h2 id="events-heading">{t('siteEntries.homeEvents')}</h2>
          {events.upcoming.length > 0 ? <EntryList entries={events.upcoming} link={`${base}/events`} /> : <p>{t('siteEntries.noEvents')}</p>}
          {events.past.length > 0 ? (
            <>
              <h3>{t('siteEntries.pastEvents')}</h3>
              <EntryList entries={events.past} link={`${base}/events`} headingLevel={4} />
            </>
          ) : null}
          <p>
            <Link to={`${base}/events`}>{t('siteEntries.allEvents')}</Link>
          </p>
        </section>
      ) : null}
      {news.length > 0 ? (
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">{t('siteEntries.homeNews')}</h2>
          <EntryList entries={news} link={`${base}/news`} />
          <p>
            <Link to={`${base}/news`}>{t('siteEntries.allNews')}</Link>
          </p>
        </section>
      ) : null}
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
