import { NavLink } from 'react-router';
import { t } from '#lib/i18n.ts';

/** The small-group pages of one course. */
export function SmallGroupsNav({ base }: { base: string }) {
  const links = [
    ['', 'smallGroups.navOverview'],
    ['/settings', 'smallGroups.navSettings'],
    ['/participants', 'smallGroups.navParticipants'],
  ] as const;
  return (
    <nav aria-label={t('smallGroups.subNav')} className="course-nav">
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
