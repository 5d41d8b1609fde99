// The staff's sub-navigation of the public site's admin pages.
import { NavLink } from 'react-router';
import { t } from '#lib/i18n.ts';

export function SiteNav({ base }: { base: string }) {
  return (
    <nav aria-label={t('siteAdmin.navLabel')} className="course-nav">
      <ul>
        <li>
          <NavLink to={`${base}/site`} end>
            {t('siteAdmin.pages')}
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/site/entries`}>{t('siteAdmin.entries')}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/site/images`}>{t('siteAdmin.images')}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/site/settings`}>{t('siteAdmin.settings')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
