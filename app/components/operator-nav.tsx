import { t } from '#lib/i18n.ts';

/** The operator's pages. */
export function OperatorNav() {
  return (
    <nav aria-label={t('operator.nav')}>
      <ul className="link-row">
        <li>
          <a href="/operator">{t('operator.outboxTitle')}</a>
        </li>
        <li>
          <a href="/operator/audit">{t('operator.auditTitle')}</a>
        </li>
        <li>
          <a href="/operator/people">{t('people.operatorTitle')}</a>
        </li>
      </ul>
    </nav>
  );
}
