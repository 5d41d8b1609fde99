// One person's record in this organization: registrations with what each owes, money paid
// and refunded, memberships, roles. Someone not connected to the organization is a 404.
import { Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { personRecord } from '#domain/people/person-record.server.ts';
import { findPersonMessages } from '#domain/messages/find-messages.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/person.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'people:search');
  try {
    const record = await personRecord(services(context).db, org.id, params.userId);
    // The course messages sent to them (issue 18), kept on their record.
    const messages = (await findPersonMessages(services(context).db, org.id, { userId: record.person.id })).map((m) => ({
      messageId: m.messageId,
      courseId: m.courseId,
      courseTitle: m.courseTitle,
      subject: m.subject,
      status: m.status,
      on: (m.queuedAt ?? m.createdAt).toISOString().slice(0, 10),
    }));
    return { base: `/o/${org.slug}/admin`, record, messages, canReview: rolesGrant(roles, 'registration:review'), canMessage: rolesGrant(roles, 'course_messages:send') };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PERSON_NOT_FOUND') throw new Response(t('people.notFound'), { status: 404 });
    throw error;
  }
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { record, base, canReview, messages, canMessage } = loaderData;
  const p = record.person;
  return (
    <main id="main">
      <title>{`${p.name} · ${t('people.searchTitle')}`}</title>
      <p>
        <Link to={`${base}/search`}>{t('people.backToSearch')}</Link>
      </p>
      <h1>{p.name}</h1>
      <dl className="facts">
        <dt>{t('people.email')}</dt>
        <dd>{p.email}</dd>
        {p.credentials ? (
          <>
            <dt>{t('people.credentials')}</dt>
            <dd>{p.credentials}</dd>
          </>
        ) : null}
        {p.profession ? (
          <>
            <dt>{t('people.profession')}</dt>
            <dd>{p.profession}</dd>
          </>
        ) : null}
        {p.place ? (
          <>
            <dt>{t('people.place')}</dt>
            <dd>{p.place}</dd>
          </>
        ) : null}
        <dt>{t('people.roles')}</dt>
        <dd>{record.roles.length ? record.roles.map((r) => t(`role.${r}`)).join(', ') : t('people.noRoles')}</dd>
      </dl>
      <h2>{t('people.registrations')}</h2>
      {record.registrations.length === 0 ? (
        <p>{t('people.noRegistrations')}</p>
      ) : (
        <DataTable caption={t('people.registrations')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('people.course')}</th>
              <th scope="col">{t('people.status')}</th>
              <th scope="col">{t('people.paid')}</th>
              <th scope="col">{t('people.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {record.registrations.map((r) => (
              <tr key={r.id}>
                <th scope="row">{canReview ? <Link to={`${base}/courses/${r.courseId}/applications/${r.id}`}>{r.courseTitle}</Link> : r.courseTitle}</th>
                <td>{t(`staffApplications.status_${r.status}`)}</td>
                <td>{formatMoney(r.paidMinor, r.currency)}</td>
                <td>{formatMoney(r.balanceMinor, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{t('people.money')}</h2>
      {record.money.length === 0 ? (
        <p>{t('people.noMoney')}</p>
      ) : (
        <DataTable caption={t('people.money')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('people.date')}</th>
              <th scope="col">{t('people.what')}</th>
              <th scope="col">{t('people.kind')}</th>
              <th scope="col">{t('people.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {record.money.map((m, i) => (
              <tr key={i}>
                <td>{formatDate(m.effectiveOn, 'en-US', 'medium')}</td>
                <th scope="row">{m.account === 'donation' ? t('people.donation') : m.account === 'membership' ? t('people.membershipDues', { type: m.what }) : m.what}</th>
                <td>{t(`money.kind_${m.kind}`)}{m.method ? ` (${t(`money.method_${m.method}`)})` : ''}</td>
                <td>{formatMoney(Math.abs(m.amountMinor), m.currency)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{t('courseMessages.onRecord')}</h2>
      {messages.length === 0 ? (
        <p>{t('courseMessages.onRecordNone')}</p>
      ) : (
        <DataTable caption={t('courseMessages.onRecord')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('courseMessages.colSubject')}</th>
              <th scope="col">{t('people.course')}</th>
              <th scope="col">{t('courseMessages.colStatus')}</th>
              <th scope="col">{t('courseMessages.colWhen')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.messageId}>
                <th scope="row">{canMessage ? <Link to={`${base}/courses/${m.courseId}/messages/${m.messageId}`}>{m.subject}</Link> : m.subject}</th>
                <td>{m.courseTitle}</td>
                <td>{t(`courseMessages.status_${m.status}`)}</td>
                <td>{formatDate(m.on, 'en-US', 'medium')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{t('people.memberships')}</h2>
      {record.memberships.length === 0 ? (
        <p>{t('people.noMemberships')}</p>
      ) : (
        <ul>
          {record.memberships.map((m, i) => (
            <li key={i}>
              {t('people.membershipLine', { type: m.type, from: formatDate(m.validFrom, 'en-US', 'medium'), to: formatDate(m.validTo, 'en-US', 'medium'), source: m.source })}
              {m.status === 'pending' || m.status === 'revoked' ? ` — ${t(`people.termStatus_${m.status}`)}` : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
