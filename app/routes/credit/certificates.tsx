// /o/:org/certificates — the signed-in person's transcript: every course they took part in,
// in every organization of the deployment, with the credit per accrediting body and each
// certificate to download; and the whole transcript as PDF.
import { Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { findTranscript } from '#domain/certificates/find-transcript.server.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatCredit } from '#lib/credit-format.ts';
import type { Route } from './+types/certificates.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  return { slug: org.slug, entries: await findTranscript(services(context).db, user.id) };
}

export default function Certificates({ loaderData }: Route.ComponentProps) {
  const base = `/o/${loaderData.slug}/certificates`;
  return (
    <main id="main" className="page">
      <title>{t('transcript.title')}</title>
      <h1>{t('transcript.title')}</h1>
      <p>{t('transcript.intro')}</p>
      <p>
        <a href={`${base}/transcript.pdf`} download>
          {t('transcript.pdf')}
        </a>
      </p>
      {loaderData.entries.length === 0 ? <p>{t('transcript.empty')}</p> : null}
      {loaderData.entries.length > 0 ? (
        <DataTable caption={t('transcript.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('transcript.colCourse')}</th>
              <th scope="col">{t('transcript.colOrganizer')}</th>
              <th scope="col">{t('transcript.colDates')}</th>
              <th scope="col">{t('transcript.colCertificates')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.entries.map((e) => (
              <tr key={e.registrationId}>
                <th scope="row">{e.courseTitle}</th>
                <td>{e.organizationName}</td>
                <td>{formatDateRange(e.startsOn, e.endsOn)}</td>
                <td>
                  {e.certificates.length === 0 ? (
                    t('transcript.none')
                  ) : (
                    <ul className="plain">
                      {e.certificates.map((c) => {
                        const what = c.kind === 'credit' ? `${c.body}: ${formatCredit(c.credit)} ${t(`certificatePdf.units.${c.unit}`)}` : `${c.body}: ${t('transcript.attendanceOnly')}`;
                        return (
                          <li key={c.id}>
                            {what} · {t('transcript.issuedOn', { date: formatDate(c.issuedOn) })} ·{' '}
                            <a href={`${base}/${c.id}.pdf`} download aria-label={t('transcript.downloadFor', { what, course: e.courseTitle })}>
                              {t('transcript.download')}
                            </a>{' '}
                            · <Link to={`/verify/${c.code}`}>{t('transcript.verify', { code: c.code })}</Link>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </main>
  );
}
