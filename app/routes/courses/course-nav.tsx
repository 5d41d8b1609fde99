import { NavLink } from 'react-router';
import { t } from '#lib/i18n.ts';

/** The pages of one course in the admin area. */
export function CourseNav({ base, title }: { base: string; title: string }) {
  const links = [
    ['', 'staffCourses.navDashboard'],
    ['/applications', 'staffCourses.navApplications'],
    ['/edit', 'staffCourses.navDetails'],
    ['/prices', 'staffCourses.navPrices'],
    ['/questions', 'staffCourses.navQuestions'],
    ['/discount-codes', 'staffCourses.navDiscountCodes'],
    ['/schedule', 'staffSchedule.nav'],
    ['/money', 'moneyNav.courseMoney'],
    ['/small-groups', 'smallGroups.nav'],
    ['/credit', 'creditNav.credit'],
    ['/evaluation', 'creditNav.evaluation'],
    ['/cancel-course', 'moneyNav.cancelCourse'],
    ['/rotation', 'rotation.link'],
    ['/messages', 'courseMessages.nav'],
    ['/paper', 'coursePaper.nav'],
    ['/copy', 'courseCopy.nav'],
  ] as const;
  return (
    <nav aria-label={t('staffCourses.courseNav', { title })} className="course-nav">
      <ul>
        {links.map(([path, key]) => (
          <li key={key}>
            <NavLink to={`${base}${path}`} end>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
