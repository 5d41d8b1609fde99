import { DataTable } from '#app/components/data-table.tsx';
import { data, Link } from 'react-router';
import { Availability } from '#app/components/registration/availability.tsx';
import { getAvailability } from '#domain/registration/availability.server.ts';
import { localToday, registrationWindow } from '#domain/registration/rules.ts';
import { getPublicCourse } from '#domain/courses/get-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { PublicSchedule } from '../schedule/public-schedule.tsx';
import { publicScheduleOf } from '../schedule/public-schedule.server.ts';
import type { Route } from './+types/page.ts';

// Public: a course page. Registration (the next capability) adds availability and the form.

/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  try {
    const { db } = services(context);
    const { course, prices, faculty } = await getPublicCourse(db, org.id, params.course);
    // Deadlines are local dates in the course's time zone, inclusive to the end of that day.
    const today = localToday(course.timeZone);
    const window = course.status === 'published' ? registrationWindow(course, today) : 'closed';
    const availability = await getAvailability(db, org.id, course.id);
    const schedule = await publicScheduleOf(db, course);
    return {
      schedule,
      course,
      prices,
      faculty,
      window,
      availability: { placesLeft: availability.placesLeft, earlyPlacesLeft: availability.earlyPlacesLeft, earlyRateOpen: availability.earlyRateOpen },
      full: availability.placesLeft === 0,
      open: window === 'open',
      past: course.endsOn < today,
      orgSlug: org.slug,
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

const FEES_SECTION = 'registration_fees';

function Paragraphs({ text }: { text: string }) {
  return text.split(/\n{2,}/).map((paragraph, i) =>
    paragraph.split('\n').every((line) => line.startsWith('- ')) ? (
      <ul key={i}>
        {paragraph.split('\n').map((line) => (
          <li key={line}>{line.slice(2)}</li>
        ))}
      </ul>
    ) : (
      <p key={i}>{paragraph}</p>
    ),
  );
}

function PriceTable({ prices, money }: { prices: { categoryKey: string; categoryLabel: string; early?: number; regular?: number }[]; money: (n: number | undefined) => string }) {
  if (prices.length === 0) return null;
  return (
    <DataTable caption={t('course.fees')} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('course.category')}</th>
            <th scope="col">{t('course.earlyRate')}</th>
            <th scope="col">{t('course.regularRate')}</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((row) => (
            <tr key={row.categoryKey}>
              <th scope="row">{row.categoryLabel}</th>
              <td>{money(row.early)}</td>
              <td>{money(row.regular)}</td>
            </tr>
          ))}
        </tbody>
    </DataTable>
  );
}

export default function CoursePage({ loaderData }: Route.ComponentProps) {
  const { course, prices, faculty, open, past, window, availability, full, orgSlug, schedule } = loaderData;
  const money = (amount: number | undefined) => (amount === undefined ? '—' : formatMoney(amount, course.currency));
  // Sections are the published text; structured fields only add what the text doesn't say.
  const hasSection = (key: string) => course.sections.some((s) => s.key === key);
  return (
    <main id="main" className="page">
      <title>{course.title}</title>
      <MetaDescription content={t('meta.course', { title: course.title, dates: formatDateRange(course.startsOn, course.endsOn) })} />
      <p className="muted">{t(`course.kind_${course.kind}`)}</p>
      <h1>{course.title}</h1>
      {course.tagline ? <p>{course.tagline}</p> : null}
      <dl className="facts">
        <dt>{t('course.dates')}</dt>
        <dd>{formatDateRange(course.startsOn, course.endsOn)}</dd>
        <dt>{t('course.venue')}</dt>
        <dd>{[course.venueName, course.city, course.region].filter(Boolean).join(', ')}</dd>
        <dt>{t('course.registrationDeadline')}</dt>
        <dd>{formatDate(course.registrationDeadline)}</dd>
        {course.cancellationDeadline ? (
          <>
            <dt>{t('course.cancellation')}</dt>
            <dd>{formatDate(course.cancellationDeadline)}</dd>
          </>
        ) : null}
        {course.financialAidDeadline ? (
          <>
            <dt>{t('course.financialAid')}</dt>
            <dd>{formatDate(course.financialAidDeadline)}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t('course.timeZone', { tz: course.timeZone })}</p>
      <div className="notice">
        <p role="status">{past ? t('course.past') : open ? t('course.registrationOpen', { date: formatDate(course.registrationDeadline) }) : t('course.registrationClosed')}</p>
        {past ? null : <Availability window={window} availability={availability} full={full} opensOn={course.registrationOpensOn} />}
        {open ? (
          <p>
            <Link className="button" to={`/o/${orgSlug}/courses/${course.slug}/apply`}>
              {full ? t('registrationForm.joinWaitlist') : t('registrationForm.apply')}
            </Link>
          </p>
        ) : null}
      </div>

      <div className="prose">
        {course.sections.map((s) => (
          <section key={s.key} aria-labelledby={`section-${s.key}`}>
            <h2 id={`section-${s.key}`}>{s.heading}</h2>
            {s.key === FEES_SECTION ? <PriceTable prices={prices} money={money} /> : null}
            <Paragraphs text={s.body} />
          </section>
        ))}
      </div>
      {prices.length > 0 && !hasSection(FEES_SECTION) ? (
        <section aria-labelledby="fees">
          <h2 id="fees">{t('course.fees')}</h2>
          <PriceTable prices={prices} money={money} />
          {course.earlyPlaceLimit ? <p>{t('course.earlyRateNote', { count: course.earlyPlaceLimit })}</p> : null}
        </section>
      ) : null}

      {course.goals.length > 0 && !hasSection('course_goals') ? (
        <section aria-labelledby="goals">
          <h2 id="goals">{t('course.goals')}</h2>
          <p>{t('course.goalsIntro')}</p>
          <ul>
            {course.goals.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {course.hotel && !hasSection('venue') ? (
        <section aria-labelledby="hotel">
          <h2 id="hotel">{t('course.hotel')}</h2>
          <p>
            <strong>{course.hotel.name}</strong>. {course.hotel.note}
          </p>
          <p>
            {t('course.hotelRate', {
              rate: formatMoney(course.hotel.nightlyRateMinor, course.currency),
              from: formatDate(course.hotel.availableFrom),
              to: formatDate(course.hotel.availableTo),
            })}{' '}
            {t('course.hotelReserve', { phone: course.hotel.reservationPhone, code: course.hotel.reservationCode, deadline: formatDate(course.hotel.reservationDeadline) })}
          </p>
        </section>
      ) : null}

      {schedule ? <PublicSchedule schedule={schedule} feedUrl={`/o/${orgSlug}/courses/${course.slug}/schedule.ics`} agendaUrl={`/o/${orgSlug}/courses/${course.slug}/agenda`} /> : null}

      {faculty.length > 0 ? (
        <section aria-labelledby="faculty">
          <h2 id="faculty">{t('course.faculty')}</h2>
          <ul className="card-list">
            {faculty.map((f) => (
              <li key={f.id} className="card">
                <p className="muted">{t(`course.role_${f.role}`)}</p>
                <h3>
                  {f.name}
                  {f.credentials ? `, ${f.credentials}` : null}
                </h3>
                {f.affiliation.split('\n').map((line) => (
                  <p key={line}>{line}</p>
                ))}
                <p className="muted">{f.location}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {course.accreditation.length > 0 ? (
        <section aria-labelledby="ce">
          <h2 id="ce">{t('course.accreditation')}</h2>
          {course.accreditation.map((a) => (
            <p key={a.body + a.statement.slice(0, 20)}>
              <strong>{a.body}.</strong> {a.statement}
            </p>
          ))}
        </section>
      ) : null}
    </main>
  );
}
