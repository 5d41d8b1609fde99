// The registrant's statement: every ledger entry with the running balance, and links to the
// statement, receipt and invoice PDFs. The registrant's own registration, or money staff.
import { data, Link } from 'react-router';
import { services } from '#app/lib/guards.server.ts';
import { findRegistration } from '#domain/registration/get-registration.server.ts';
import { t } from '#lib/i18n.ts';
import { requireDocumentReader } from './document-access.server.ts';
import { LedgerTable } from './ledger-table.tsx';
import { ledgerView } from './ledger-view.server.ts';
import type { Route } from './+types/statement.ts';
import { DocumentList } from './document-list.tsx';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const reader = await requireDocumentReader(request, context, params.org);
  const { db } = services(context);
  const registration = await findRegistration(db, { organizationId: reader.org.id, registrationId: params.registrationId });
  if (!registration) throw data(null, { status: 404 });
  reader.allow([registration.userId]);
  const view = await ledgerView(db, reader.org, registration);
  return {
    slug: reader.org.slug,
    title: registration.policy.courseTitle,
    status: registration.status,
    ...view,
  };
}

export default function Statement({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  return (
    <main id="main" className="page">
      <title>{t('billingStatement.title', { title: d.title })}</title>
      <p>
        <Link to={`/o/${d.slug}/registrations`}>{t('billingStatement.back')}</Link>
      </p>
      <h1>{t('billingStatement.title', { title: d.title })}</h1>
      <dl className="facts">
        <dt>{t('billingStatement.status')}</dt>
        <dd>{t(`registration.status_${d.status}`)}</dd>
        <dt>{t('billingStatement.balanceNow')}</dt>
        <dd>{d.balance}</dd>
      </dl>
      <LedgerTable caption={t('billingStatement.caption', { title: d.title })} rows={d.rows} />
      <h2>{t('billingStatement.documents')}</h2>
      <DocumentList statementPdf={d.statementPdf} documents={d.documents} />
      {d.documents.length === 0 ? <p>{t('billingStatement.noDocuments')}</p> : null}
    </main>
  );
}
